"""The delivery knowledge file: the shipped one is valid, and a bad edit is refused with its place."""

import json
from pathlib import Path

import pytest

from practice.errors import BadInputError
from practice.voice.knowledge import bundled_knowledge, bundled_path, load_knowledge


def edited(tmp_path: Path, change) -> Path:
    data = json.loads(bundled_path().read_text(encoding="utf-8"))
    change(data)
    path = tmp_path / "delivery.json"
    path.write_text(json.dumps(data), encoding="utf-8")
    return path


def test_the_shipped_file_lists_the_fillers_of_the_issue() -> None:
    phrases = {rule.phrase for rule in bundled_knowledge().fillers}

    assert {"um", "uh", "er", "like", "you know", "sort of", "basically"} <= phrases


def test_an_unknown_rule_kind_is_named_with_its_place(tmp_path: Path) -> None:
    path = edited(tmp_path, lambda data: data["fillers"][0].update(when="sometimes"))

    with pytest.raises(
        BadInputError,
        match=r"delivery\.json: not a valid delivery knowledge file[\s\S]*"
        r"fillers\[0\]\.when \(line \d+\): Input should be 'always', 'set_off' or 'anywhere'",
    ):
        load_knowledge(path)


def test_a_filler_listed_twice_is_refused(tmp_path: Path) -> None:
    path = edited(tmp_path, lambda data: data["fillers"].append({"phrase": "umm", "when": "always"}))

    with pytest.raises(BadInputError, match="'umm' is listed under both 'um' and 'umm'"):
        load_knowledge(path)


def test_an_upside_down_pace_band_is_refused(tmp_path: Path) -> None:
    path = edited(tmp_path, lambda data: data["pace"].update(comfortable_min_wpm=170))

    with pytest.raises(BadInputError, match="comfortable_min_wpm must be below comfortable_max_wpm"):
        load_knowledge(path)
