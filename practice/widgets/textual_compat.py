"""The one place practice reaches into Textual's private internals, so a Textual upgrade that
changes them breaks here, visibly (tests/tui/test_textual_compat.py), and degrades to Textual's
own public behaviour rather than to a wrong one.

Greying a footer key in place: Textual 8 has no public way to change whether an existing
FooterKey is enabled. It reads a private flag, set when the key is built, to decide whether a
click is the key or a bell, and shows a greyed key by a CSS class. Without the flag (renamed,
gone) `grey_in_place` says so, and the footer is rebuilt as Textual's own Footer does: slower
(tens of ms on a slow machine, see practice/widgets/footer.py) but right.
"""

from __future__ import annotations

from textual.widget import Widget

# What FooterKey.on_mouse_down reads (bell or key), and the class its CSS dims a key by.
FOOTER_KEY_DISABLED_FLAG = "_disabled"
FOOTER_KEY_GREYED_CLASS = "-disabled"


def grey_in_place(footer_key: Widget, *, lit: bool) -> bool:
    """Shows `footer_key` lit or greyed and makes a click on it act (or ring) accordingly;
    False, changing nothing, when this Textual's FooterKey has no such flag."""
    if not hasattr(footer_key, FOOTER_KEY_DISABLED_FLAG):
        return False
    setattr(footer_key, FOOTER_KEY_DISABLED_FLAG, not lit)
    footer_key.set_class(not lit, FOOTER_KEY_GREYED_CLASS)
    return True
