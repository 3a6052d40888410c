"""A recording surface: a fake of the core's port, for core tests (not a platform fake)."""

from __future__ import annotations

from typing import Any

from bot.document import Document
from bot.render.plain import render_plain
from bot.surfaces import DeliveryError, Surface


class SimulatedCrash(BaseException):
    """The process "dies": not an Exception, so nothing in the core catches it."""


class RecordingSurface(Surface):
    def __init__(
        self,
        name: str = "console",
        *,
        digest: tuple[str, ...] = ("#general",),
        review: str | None = "#review",
    ) -> None:
        self.name = name
        self.review_channel = review
        self.digest_channels = digest
        self.cards: dict[str, Document] = {}
        self.card_channels: dict[str, str] = {}
        self.card_updates: list[tuple[str, Document]] = []
        self.notices: list[tuple[str, Document]] = []
        self.moderator_notes: list[Document] = []
        self.note_channels: list[str] = []
        self.posts: list[tuple[str, str, Any]] = []  # (channel, key, part)
        self.fail_channels: set[str] = set()
        self.crash_after: int | None = None  # raise after this many accepted posts
        self.lose_answer_at: int | None = None  # accept post N but raise as if the reply was lost
        self.dead = False
        self.card_gate: Any = None  # an asyncio.Event: cards wait for it when set
        self.lookups: list[Any] = []  # ``since`` of each find_part

    def revive(self) -> None:
        """The process restarted; the platform (and what it holds) is unchanged."""
        self.dead = False
        self.crash_after = self.lose_answer_at = None

    async def post_card(
        self, *, channel: str, victory_id: int, card: Document, community: int | None = None
    ) -> tuple[str, str]:
        message_id = f"card-{victory_id}"
        if self.card_gate is not None:
            await self.card_gate.wait()
        self.cards[message_id] = card
        self.card_channels[message_id] = channel
        return channel, message_id

    async def update_card(
        self, *, channel: str, message_id: str, card: Document, community: int | None = None
    ) -> None:
        self.cards[message_id] = card
        self.card_updates.append((message_id, card))

    async def notify(
        self, *, user_id: str, message: Document, community: int | None = None
    ) -> bool:
        self.notices.append((user_id, message))
        return True

    async def tell_moderators(
        self, *, channel: str, message: Document, community: int | None = None
    ) -> None:
        self.moderator_notes.append(message)
        self.note_channels.append(channel)

    def render_issue(self, issue: Document) -> list[Any]:
        # Two blocks per part, so multi-part resumption is exercised.
        blocks = list(issue.blocks)
        return [render_plain(Document(tuple(blocks[i : i + 2]))) for i in range(0, len(blocks), 2)]

    async def send_part(
        self, *, channel: str, part: Any, key: str, community: int | None = None
    ) -> str:
        if channel in self.fail_channels:
            raise DeliveryError(f"cannot post in {channel}")
        if self.dead or (self.crash_after is not None and len(self.posts) >= self.crash_after):
            self.dead = True
            raise SimulatedCrash("crashed before the post")
        self.posts.append((channel, key, part))
        if self.lose_answer_at is not None and len(self.posts) == self.lose_answer_at:
            self.dead = True
            raise SimulatedCrash("crashed after the platform accepted the post")
        return f"{channel}/{len(self.posts)}"

    async def find_part(
        self, *, channel: str, key: str, since=None, community: int | None = None
    ) -> str | None:
        self.lookups.append(since)
        for index, (posted_channel, posted_key, _) in enumerate(self.posts):
            if (posted_channel, posted_key) == (channel, key):
                return f"{channel}/{index + 1}"
        return None

    def posts_to(self, channel: str) -> list[str]:
        return [part for posted_channel, _, part in self.posts if posted_channel == channel]
