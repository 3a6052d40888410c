"""Keeping open Home tabs current: after a decision, an edit or a publish made anywhere (a
reaction, a card's button, Discord, the scheduler), the Home of each editor who opened it
and of the member whose item changed is published again.

Who opened their Home is remembered in memory only (the last ``WATCHED`` people per
community, least recent forgotten first): a Home nobody opened since the process started
has nothing to refresh, and the next ``app_home_opened`` publishes it anyway. Changes are
coalesced: a burst (an issue publishing forty items) republishes each Home once, off the
path that made the change, one ``views.publish`` at a time with ``spacing`` seconds
between them, well under Slack's limit for that method (Tier 4: 100 a minute).
"""

from __future__ import annotations

import asyncio
import logging
from collections import OrderedDict
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field
from typing import Any

from bot.model import Actor, Community

log = logging.getLogger("victories.slack")

WATCHED = 50  # Homes kept current per community
DELAY = 1.0  # seconds a change waits for the rest of its burst
SPACING = 0.6  # seconds between two views.publish calls


@dataclass(frozen=True)
class Viewer:
    team: str
    user_id: str
    editor: bool  # saw the editor's Home: refresh it on any change in the community


@dataclass
class Opened:
    """Who opened their Home tab lately, per community."""

    limit: int = WATCHED
    _by_community: dict[int, OrderedDict[str, Viewer]] = field(default_factory=dict)

    def saw(self, community: Community, viewer: Viewer) -> None:
        seen = self._by_community.setdefault(community.id, OrderedDict())
        seen.pop(viewer.user_id, None)
        seen[viewer.user_id] = viewer
        while len(seen) > self.limit:
            seen.popitem(last=False)

    def to_refresh(self, community: int, member: str | None) -> list[Viewer]:
        """The editors who opened their Home in ``community``, and ``member`` if they did."""
        seen = self._by_community.get(community)
        if seen is None:
            return []
        return [v for v in seen.values() if v.editor or v.user_id == member]


class LiveHomes:
    """Republishes the Homes a change concerns, coalesced, in the background."""

    def __init__(
        self,
        services: Any,  # adapters.slack.services.Services (which imports this module)
        publish: Callable[[Any, Any, Community, Actor], Awaitable[None]],
        *,
        delay: float = DELAY,
        spacing: float = SPACING,
    ) -> None:
        self.services = services
        self.publish = publish  # home.publish
        self.delay = delay
        self.spacing = spacing
        self._waiting: OrderedDict[tuple[int, str], Viewer] = OrderedDict()
        self._worker: asyncio.Task | None = None

    def changed(self, community: int, member: str | None) -> None:
        for viewer in self.services.opened.to_refresh(community, member):
            self._waiting[(community, viewer.user_id)] = viewer
        if self._waiting and (self._worker is None or self._worker.done()):
            self._worker = self.services.core.tasks.spawn(
                self._drain(), what="republishing Home tabs"
            )

    async def _drain(self) -> None:
        await asyncio.sleep(self.delay)
        while self._waiting:
            (community_id, _), viewer = self._waiting.popitem(last=False)
            try:
                await self._publish(community_id, viewer)
            except Exception:
                log.warning("home not republished user=%s", viewer.user_id, exc_info=True)
            if self._waiting:
                await asyncio.sleep(self.spacing)

    async def _publish(self, community_id: int, viewer: Viewer) -> None:
        services = self.services
        community = await services.core.communities.get(community_id)
        if community is None:
            return
        client = await services.workspaces.client_for(community_id)
        actor = await services.directory.actor(
            client,
            viewer.user_id,
            place=viewer.team,
            usergroups=community.config.slack.moderator_usergroups,
        )
        await self.publish(services, client, community, actor)
