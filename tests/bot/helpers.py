"""Shortcuts for driving the real core in tests."""

from __future__ import annotations

from bot.core import Core
from bot.document import Document
from bot.issues.layout import issue_document
from bot.model import Actor, Credit, Decision, Status, Submission, Victory
from tests.conftest import EDITOR


async def approved(
    core: Core, text: str, *, actor: Actor | None = None, featured: bool = False, **fields
) -> int:
    """Submit an item as ``actor`` (a fresh member by default) and approve it."""
    actor = actor or Actor("console", f"m-{abs(hash(text)) % 10**8}", "Member " + text.split()[0])
    receipt = await core.submissions.submit(core.community, actor, Submission(text=text, **fields))
    decision = Decision.FEATURE if featured else Decision.APPROVE
    await core.review.decide(core.community, EDITOR, receipt.number, decision)
    return receipt.number


async def preview_document(core: Core) -> Document:
    """The next issue as it would look if published today."""
    return issue_document(await core.issues.preview(core.community), config=core.config)


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
