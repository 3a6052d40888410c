"""Shortcuts for driving the real core in tests."""

from __future__ import annotations

from bot.model import Actor, Decision, Submission
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
