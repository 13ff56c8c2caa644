"""Settings layering (defaults < file < environment < flags) and keeping the key secret."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from practice.config import ENVIRONMENT, GraderKind, Settings, load_settings
from practice.errors import BadInputError


@pytest.fixture
def config_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    path = tmp_path / "practice.toml"
    monkeypatch.setenv("PRACTICE_CONFIG", str(path))
    return path


def test_nothing_configured_means_offline_grader(config_file: Path) -> None:
    settings = load_settings()
    assert settings.effective_grader == GraderKind.offline
    assert "no model configured" in settings.describe_grader()


def test_file_then_environment_then_flags(config_file: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    config_file.write_text('model = "from-file"\nbase_url = "http://127.0.0.1:9/v1"\ntimeout_seconds = 7\n')
    assert load_settings().model == "from-file"
    monkeypatch.setenv("PRACTICE_MODEL", "from-env")
    settings = load_settings()
    assert (settings.model, settings.timeout_seconds) == ("from-env", 7.0)
    assert load_settings(model="from-flag", base_url=None).model == "from-flag"
    assert load_settings().effective_grader == GraderKind.llm
    assert load_settings(grader="offline").effective_grader == GraderKind.offline


def test_key_never_rendered(config_file: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("OPENAI_API_KEY", "sk-test-SECRET-marker")
    monkeypatch.setenv("PRACTICE_MODEL", "m")
    settings = load_settings()
    assert settings.api_key is not None and settings.api_key.get_secret_value() == "sk-test-SECRET-marker"
    for rendering in (repr(settings), str(settings), settings.model_dump_json(), settings.describe_grader()):
        assert "SECRET-marker" not in rendering


@pytest.mark.parametrize(
    ("content", "expected"),
    [("modle = 'x'\n", "modle"), ("model = [\n", "not valid TOML"), ("timeout_seconds = -1\n", "timeout_seconds")],
)
def test_bad_config_file_names_file_and_problem(config_file: Path, content: str, expected: str) -> None:
    config_file.write_text(content)
    with pytest.raises(BadInputError) as raised:
        load_settings()
    assert str(config_file) in str(raised.value)
    assert expected in str(raised.value)


def test_only_the_named_environment_variables_count(config_file: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A generic variable set for another tool (API_KEY, MODEL…) must not reach the grader or a
    model endpoint: only the PRACTICE_* / OPENAI_* names in the README are read."""
    for name in ("MODEL", "API_KEY", "GRADER", "BASE_URL", "BANK", "THEME", "TIMEOUT_SECONDS"):
        monkeypatch.setenv(name, "from-another-tool")
    settings = load_settings()
    assert settings == Settings()
    assert settings.effective_grader == GraderKind.offline


def test_the_readme_lists_exactly_the_variables_read() -> None:
    readme = (Path(__file__).resolve().parent.parent / "README.md").read_text(encoding="utf-8")
    table = readme.split("| setting | config file key | environment | flag |", 1)[1].split("\n\n", 1)[0]
    documented = {name for row in table.splitlines()[2:] for name in re.findall(r"`([A-Z_]+)`", row.split("|")[3])}
    assert documented == set(ENVIRONMENT)


def test_a_bad_environment_value_names_the_variable(config_file: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("PRACTICE_TIMEOUT", "soon")
    with pytest.raises(BadInputError) as raised:
        load_settings()
    assert "PRACTICE_TIMEOUT" in str(raised.value)
