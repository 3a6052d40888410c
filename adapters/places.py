"""What platforms tell us about their workspaces and servers: the bot joined one, or was
removed from one. Wired to the Discord client's hooks by the composition root."""

from __future__ import annotations

from bot.core import Core
from bot.document import Document
from bot.messages import say_doc


async def joined(core: Core, platform: str, place: str, name: str) -> Document | None:
    """A new server: its own community when this deployment serves many, and the setup
    guide to greet it with (None when it joins a community already set up). Also called at
    start-up for every server the bot is in, so one added while it was offline is met too."""
    new = not await core.communities.knows(platform, place)
    community = await core.communities.for_place(platform, place, name=name)
    if community.paused:
        await core.communities.paused(community, paused=False)
    if not (core.communities.many and new):
        return None
    return say_doc("setup_guide", community.language, community=community.slug)


async def left(core: Core, platform: str, place: str) -> None:
    """The bot was removed: pause that server's own community; its items and archive stay.
    (With one community for the deployment, leaving one server pauses nothing.)"""
    if core.communities.many:
        await core.communities.paused(await core.communities.for_place(platform, place))
