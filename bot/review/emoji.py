"""Emoji as characters, by the names the settings use (Slack's names).

Discord sends reactions as characters, and an editor may type ✅ rather than
white_check_mark; both mean the same decision.
"""

from __future__ import annotations

EMOJI_NAMES = {
    "\u2705": "white_check_mark",
    "\u2714": "heavy_check_mark",
    "\u274c": "x",
    "\u2b50": "star",
    "\U0001f31f": "star2",
    "\U0001f44d": "+1",
    "\U0001f44e": "-1",
}


def emoji_name(value: str) -> str:
    """The name for an emoji character (variation selector ignored); names pass through."""
    bare = value.strip().replace("\ufe0f", "")
    return EMOJI_NAMES.get(bare, value.strip().strip(":"))
