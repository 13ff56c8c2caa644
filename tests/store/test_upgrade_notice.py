"""Upgrading a large history takes seconds before anything is drawn; the person waiting is told
why, once, and a new store (nothing to upgrade) says nothing."""

import sqlite3

import pytest

from practice import locations
from practice.cli import main
from practice.store import migrations


def test_an_older_store_is_announced_before_it_is_upgraded(capsys: pytest.CaptureFixture[str]) -> None:
    path = locations.store_path()
    path.parent.mkdir(parents=True, exist_ok=True)
    raw = sqlite3.connect(path, isolation_level=None)
    migrations.upgrade(raw, path, migrations.STEPS[:1])
    raw.close()

    assert main(["sessions", "list"]) == 0
    err = capsys.readouterr().err
    assert f"upgrading the session store {path} (schema 1 to {len(migrations.STEPS)})" in err

    assert main(["sessions", "list"]) == 0
    assert "upgrading" not in capsys.readouterr().err  # done once, kept


def test_a_new_store_is_created_without_a_notice(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["sessions", "list"]) == 0
    assert "upgrading" not in capsys.readouterr().err
    assert locations.store_path().exists()
