"""Buttons on review cards: one Block Kit actions block, and reading a press back.

A button's action_id (and value) is "victory:<action>:<number>". It names the item only:
the community always comes from the workspace the press came from, so a crafted id
cannot reach another community's items.
"""

from __future__ import annotations

import re
from typing import Any

from adapters.slack import render
from bot.chat import labels
from bot.document import Document
from bot.messages import fill
from bot.review.cards import card_number

ACTIONS = ("approve", "feature", "reject", "edit")
PREVIEW = "victories:preview"  # the Home tab's Preview of the next issue
PATTERN = re.compile(r"^victory:(approve|feature|reject|edit):([0-9]{1,9})$")
STYLES = {"approve": "primary", "reject": "danger"}


def action_id(action: str, number: int) -> str:
    return f"victory:{action}:{number}"


def parse(action: str) -> tuple[str, int] | None:
    """(action, number) from a pressed button's action_id, or None if it is not ours."""
    match = PATTERN.match(action or "")
    return (match[1], int(match[2])) if match else None


def button(label: str, action: str, *, style: str | None = None) -> dict[str, Any]:
    element: dict[str, Any] = {
        "type": "button",
        "text": {"type": "plain_text", "text": label},
        "action_id": action,
        "value": action,
    }
    if style:
        element["style"] = style
    return element


def actions_block(number: int) -> dict[str, Any]:
    """Approve, Feature, Reject and Edit for item ``number``."""
    return {
        "type": "actions",
        "block_id": f"victory_card_{number}",
        "elements": [
            button(labels.button(action), action_id(action, number), style=STYLES.get(action))
            for action in ACTIONS
        ],
    }


def preview_block() -> dict[str, Any]:
    return {
        "type": "actions",
        "block_id": "next_issue",
        "elements": [button(fill("ui_preview"), PREVIEW)],
    }


def card_message(card: Document) -> dict[str, Any]:
    """A review card as a Slack message: the card, then its buttons while they apply."""
    message = render.message(card)
    number = card_number(card)
    if number is not None and len(message["blocks"]) < render.MAX_BLOCKS:
        message["blocks"] = [*message["blocks"], actions_block(number)]
    return message
