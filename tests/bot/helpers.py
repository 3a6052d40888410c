"""Shortcuts for driving the real core in tests."""

from __future__ import annotations

from bot.model import Actor, Credit, Decision, Status, Submission, Victory
from tests.conftest import EDITOR


async def approved(
    room, text: str, *, actor: Actor | None = None, featured: bool = False, **fields
) -> int:
    """Submit an item as ``actor`` (a fresh member by default) and approve it."""
    actor = actor or Actor("console", f"m-{abs(hash(text)) % 10**8}", "Member " + text.split()[0])
    reply = await room.submit(actor, Submission(text=text, **fields))
    assert reply.ok, reply.plain()
    number = int(reply.plain().split("#")[1].split()[0])
    await room.decide(EDITOR, number, Decision.FEATURE if featured else Decision.APPROVE)
    return number


def a_victory(
    text: str,
    *,
    number: int = 1,
    link: str | None = None,
    thanks_to: str | None = None,
    credit: Credit = Credit.NAME,
    **more,
) -> Victory:
    """An approved item built directly, for renderer tests that need no database."""
    fields = {
        "platform": "console",
        "user_id": "u",
        "display_name": "U",
        "created_at": "2026-11-25T00:00:00+00:00",
        **more,
    }
    return Victory(
        id=number,
        text=text,
        link=link,
        thanks_to=thanks_to,
        credit=credit,
        status=Status.APPROVED,
        featured=False,
        **fields,
    )
