"""Prompt files: each carries a version line, renders with its placeholders, and fails loudly on
a missing value rather than sending a literal '$name' to a model."""

from __future__ import annotations

from importlib import resources

import pytest

from practice import prompts

PROMPT_NAMES = sorted(
    entry.name.removesuffix(".txt")
    for entry in resources.files("practice.prompts").iterdir()
    if entry.name.endswith(".txt")
)


def test_the_prompts_the_llm_modules_use_all_exist() -> None:
    assert set(PROMPT_NAMES) >= {
        "grader_system",
        "grader_user",
        "repair",
        "interviewer_system",
        "opening",
        "follow_up",
        "example_answer",
    }


@pytest.mark.parametrize("name", PROMPT_NAMES)
def test_every_prompt_has_a_version_and_no_version_line_in_its_text(name: str) -> None:
    prompt = prompts.load(name)
    assert prompt.version.startswith(name.replace("_", "-")) and "2026" in prompt.version
    assert prompts.VERSION_PREFIX not in prompt.template


def test_a_missing_placeholder_value_is_an_error() -> None:
    with pytest.raises(KeyError):
        prompts.load("repair").render(error="bad")


def test_rendering_fills_the_placeholders() -> None:
    text = prompts.load("repair").render(error="criteria: missing", criterion_ids="a1, a2")
    assert "criteria: missing" in text and "a1, a2" in text and "$" not in text
