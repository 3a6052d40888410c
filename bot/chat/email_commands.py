"""``/victories subscribers``: the email edition for editors. Counts only, never an
address: chat is seen by many, and readers gave their address to the newsletter."""

from __future__ import annotations

from typing import TYPE_CHECKING

from bot.chat.replies import Reply, says
from bot.model import Actor, Community, Refusal

if TYPE_CHECKING:
    from bot.core import Core


async def subscribers(core: Core, community: Community, actor: Actor, rest: str) -> Reply:
    verb, _, address = rest.strip().partition(" ")
    if verb.lower() == "add":
        if not address.strip():
            raise Refusal("email_empty")
        await core.subscribers.add(community, address)
        return says("subscriber_added")
    if verb:
        return says("usage", ok=False, usage="/victories subscribers [add <email>]")
    counts = await core.subscribers.counts(community)
    return says(
        "subscribers_counts",
        confirmed=f"{counts.confirmed:,}",
        pending=f"{counts.pending:,}",
        unsubscribed=f"{counts.unsubscribed:,}",
        bouncing=f"{counts.bouncing:,}",
    )
