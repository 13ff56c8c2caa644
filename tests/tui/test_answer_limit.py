"""An answer longer than a session file may hold is refused in the TUI as on every other path:
the candidate is told by how much it is over, and every character stays in the box (nothing is
cut, nothing is submitted, and the draft still keeps it)."""

from __future__ import annotations

from typing import Any

from practice.interview.engine import Phase
from practice.interview.models import MAX_ANSWER_CHARS
from tests.tui.test_tui_flows import settle, start

SENTENCE = "I led the migration and we cut the wait from nine days to two. "


async def test_an_answer_over_the_limit_is_refused_with_how_much_and_kept_whole(make_app: Any) -> None:
    over = (SENTENCE * (MAX_ANSWER_CHARS // len(SENTENCE) + 100))[: MAX_ANSWER_CHARS + 1234]
    app = make_app()
    async with app.run_test(size=(100, 32)) as pilot:
        screen = await start(pilot)
        screen.answer_box.load_text(over)
        await pilot.press("ctrl+s")
        await settle(pilot)

        assert screen.engine.phase == Phase.answering and screen.engine.attempt.answers == []
        assert screen.answer_box.text == over
        (message,) = [n.message for n in app._notifications if n.severity == "error"]
        assert f"{MAX_ANSWER_CHARS + 1234:,} characters" in message
        assert "Shorten it by 1,234 characters" in message and "nothing was cut" in message

        screen.save_draft()
        assert screen.engine.session.draft is not None and screen.engine.session.draft.text == over

        screen.answer_box.load_text(over[:MAX_ANSWER_CHARS])
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert screen.engine.attempt.answers[0].text == over[:MAX_ANSWER_CHARS]
