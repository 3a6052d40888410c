"""The port every platform adapter implements: how the core reaches a chat surface.

Adapters translate: they turn the core's neutral documents into their platform's format
and send them. They hold no rules; the core decides what to say and to whom.
"""

from __future__ import annotations

import datetime as dt
from abc import ABC, abstractmethod
from dataclasses import dataclass
from typing import Any

from bot.document import Document
from bot.model import Community


class DeliveryError(Exception):
    """A message could not be delivered; ``permanent`` means retrying will not help."""

    def __init__(self, message: str, *, permanent: bool = False) -> None:
        super().__init__(message)
        self.permanent = permanent


@dataclass(frozen=True)
class Finding:
    """One line of `victories doctor`: what was checked, whether it is fine, how to fix it."""

    ok: bool
    what: str
    fix: str = ""


class Surface(ABC):
    """``community`` on each call is the id of the community the message is for, so a
    platform serving many workspaces acts in that one's (None: the single one)."""

    name: str  # the platform: "console", "slack", "discord"
    review_channel: str | None = None
    digest_channels: tuple[str, ...] = ()

    def review_channel_for(self, community: Community) -> str | None:
        """Where ``community``'s editors review items on this platform (None: nowhere):
        its settings' section named after the platform, else the surface's own."""
        section = getattr(community.config, self.name, None)
        return getattr(section, "review_channel", self.review_channel)

    def digest_channels_for(self, community: Community) -> tuple[str, ...]:
        """Where ``community``'s issues are posted on this platform."""
        section = getattr(community.config, self.name, None)
        return getattr(section, "digest_channels", self.digest_channels)

    @abstractmethod
    async def post_card(
        self, *, channel: str, victory_id: int, card: Document, community: int | None = None
    ) -> tuple[str, str] | None:
        """Post a review card to ``channel``; return (channel, message id)."""

    @abstractmethod
    async def update_card(
        self, *, channel: str, message_id: str, card: Document, community: int | None = None
    ) -> None:
        """Show a card's new state (decision, who made it)."""

    @abstractmethod
    async def notify(
        self, *, user_id: str, message: Document, community: int | None = None
    ) -> bool:
        """Tell one member something privately; False when that is not possible."""

    @abstractmethod
    async def tell_moderators(
        self, *, channel: str, message: Document, community: int | None = None
    ) -> None:
        """Post to a review channel (reminders, warnings, previews)."""

    @abstractmethod
    def render_issue(self, issue: Document) -> list[Any]:
        """Split an issue into the platform messages that carry it, never cutting a block."""

    @abstractmethod
    async def send_part(
        self, *, channel: str, part: Any, key: str, community: int | None = None
    ) -> str:
        """Post one part of an issue, tagged with ``key``; return the message reference."""

    async def find_part(
        self,
        *,
        channel: str,
        key: str,
        since: dt.datetime | None = None,
        community: int | None = None,
    ) -> str | None:
        """Whether a part tagged ``key`` already landed in ``channel`` (after a crash).

        ``since``: no such part can be older, so look back (however many messages were
        posted meanwhile) as far as that, and no further. None: a recent look only."""
        return None

    def item_changed(self, *, community: int, platform: str, user_id: str) -> None:
        """An item of ``community``, shared by ``user_id`` on ``platform``, was submitted,
        decided, edited or published. A surface that lists items outside the cards (Slack's
        Home tab) may refresh those lists; it must return at once (work in the background)."""

    def issue_changed(self, *, community: int) -> None:
        """``community``'s next issue changed (a slot, the order, the schedule): as for
        ``item_changed``, a surface showing it elsewhere may refresh it, in the background."""

    async def diagnose(self) -> list[Finding]:
        """Check the token, scopes or intents, and that every configured channel can be seen
        and posted in; say what to fix for each problem. Called *without* ``start``: use
        only the platform's web API, since the bot itself may be running meanwhile."""
        return []

    async def start(self) -> None:
        """Connect; return once ready to send."""

    async def connected(self) -> bool:
        """Whether the platform can reach us and we it right now (for /healthz)."""
        return True

    async def stop(self) -> None:
        """Disconnect cleanly."""
