"""practice/widgets/textual_compat.py against the Textual installed: the private parts it relies on
are still there and still mean what it assumes (a failure here names what changed), and without
them the footer falls back to rebuilding its keys, still right: greyed keys ring, lit keys act."""

from __future__ import annotations

import inspect

import pytest
from textual.widgets._footer import FooterKey

from practice.widgets import textual_compat
from practice.widgets.textual_compat import FOOTER_KEY_DISABLED_FLAG, FOOTER_KEY_GREYED_CLASS
from tests.tui.test_tui_widgets import Toggling

UPGRADE_HINT = (
    "practice/widgets/textual_compat.py falls back to rebuilding the footer on every change; "
    "find Textual's new way to grey a FooterKey in place, or drop the in-place greying"
)


def test_textual_footer_key_still_has_the_private_flag_and_class_practice_writes() -> None:
    key = FooterKey("ctrl+s", "^s", "Send", "send", disabled=True)
    assert getattr(key, FOOTER_KEY_DISABLED_FLAG, None) is True, (
        f"FooterKey no longer keeps {FOOTER_KEY_DISABLED_FLAG!r}: {UPGRADE_HINT}"
    )
    assert key.has_class(FOOTER_KEY_GREYED_CLASS) and f"&.{FOOTER_KEY_GREYED_CLASS}" in FooterKey.DEFAULT_CSS, (
        f"FooterKey no longer greys by the {FOOTER_KEY_GREYED_CLASS!r} class: {UPGRADE_HINT}"
    )
    assert f"self.{FOOTER_KEY_DISABLED_FLAG}" in inspect.getsource(FooterKey.on_mouse_down), (
        f"a click on a FooterKey no longer reads {FOOTER_KEY_DISABLED_FLAG!r}: {UPGRADE_HINT}"
    )


@pytest.mark.parametrize("flag_there", [True, False], ids=["greyed in place", "textual without the flag"])
async def test_a_greyed_key_rings_and_a_lit_one_acts(monkeypatch: pytest.MonkeyPatch, flag_there: bool) -> None:
    if not flag_there:
        monkeypatch.setattr(textual_compat, "FOOTER_KEY_DISABLED_FLAG", "_renamed_by_a_future_textual")
    app = Toggling()
    rang: list[bool] = []
    monkeypatch.setattr(app, "bell", lambda: rang.append(True))
    async with app.run_test() as pilot:
        await pilot.pause()
        (first,) = (key for key in app.query(FooterKey) if key.key == "ctrl+s")

        app.busy = True
        await pilot.pause()
        (greyed,) = (key for key in app.query(FooterKey) if key.key == "ctrl+s")
        assert (greyed is first) == flag_there and greyed.has_class(FOOTER_KEY_GREYED_CLASS)
        await pilot.click(greyed)
        await pilot.pause()
        assert rang == [True] and not getattr(app, "sent", False)

        app.busy = False
        await pilot.pause()
        (lit,) = (key for key in app.query(FooterKey) if key.key == "ctrl+s")
        assert (lit is first) == flag_there and not lit.has_class(FOOTER_KEY_GREYED_CLASS)
        await pilot.click(lit)
        await pilot.pause()
        assert getattr(app, "sent", False) and rang == [True]
