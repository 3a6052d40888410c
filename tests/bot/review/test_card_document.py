"""A card's title carries the item's number while editors can still act on it (so a
surface can offer its buttons), and not once the item ran or was withdrawn."""

from __future__ import annotations

import dataclasses

import pytest

from bot.model import Credit, Status, Victory
from bot.review.cards import card_document, card_number

ITEM = Victory(
    id=7,
    number=12,
    text="The library stays open",
    link=None,
    thanks_to=None,
    credit=Credit.NAME,
    platform="slack",
    user_id="U1",
    display_name="Ana",
    status=Status.PENDING,
    featured=False,
    created_at="2026-11-25T00:00:00+00:00",
)


def title_number(victory: Victory) -> int | None:
    [title] = [b for b in card_document(victory).blocks if b.kind == "title"]
    assert card_number(card_document(victory)) == title.number  # what every surface reads
    return title.number


@pytest.mark.parametrize(
    ("changes", "number"),
    [
        ({}, 12),
        ({"status": Status.APPROVED, "decided_by": "Mo"}, 12),
        ({"status": Status.REJECTED, "decided_by": "Mo"}, 12),  # an editor may still undo it
        ({"status": Status.APPROVED, "issue_number": 3, "position": 1}, None),
        ({"status": Status.WITHDRAWN}, None),
    ],
)
def test_the_title_carries_the_number_while_editors_can_act(changes, number):
    assert title_number(dataclasses.replace(ITEM, **changes)) == number
