"""Editors' review use cases: decide on items (by command, reaction or button), the queue,
and the blocklist."""

from __future__ import annotations

import logging
from collections.abc import Mapping
from dataclasses import dataclass
from functools import partial

from bot.clock import Clock
from bot.model import Actor, Community, Decision, Refusal, Victory
from bot.review import blocking, editing, moderation
from bot.review.moderation import Outcome, is_moderator
from bot.review.outreach import Outreach
from bot.store import cards, desk
from bot.store import victories as victory_store
from bot.store.database import Store

log = logging.getLogger("victories.review")
PAGE_SIZE = 10  # queue items per page: a chat message stays short enough to read


@dataclass(frozen=True)
class QueuePage:
    items: list[Victory]
    page: int  # 1-based, clamped to the pages there are
    pages: int
    total: int


class Review:
    def __init__(self, *, store: Store, clock: Clock, outreach: Outreach) -> None:
        self.store, self.clock, self.outreach = store, clock, outreach

    def _check_editor(self, community: Community, actor: Actor) -> None:
        if not is_moderator(actor, community.config):
            raise Refusal("not_moderator")

    async def react(
        self,
        community: Community,
        *,
        actor: Actor,
        platform: str,
        channel: str,
        message_id: str,
        emoji: str,
        added: bool,
    ) -> Outcome | None:
        """A reaction on a message: None when it is not a decision on one of our cards.

        Raises ``Refusal`` when it is one but the actor may not decide."""
        decision = moderation.decision_for_emoji(emoji, community.config)
        if decision is None:
            log.debug("reaction ignored emoji=%s reason=not-a-review-emoji", emoji[:40])
            return None
        victory_id = await self.store.run(
            cards.victory_for,
            community=community.id,
            platform=platform,
            channel=channel,
            message_id=message_id,
        )
        card = await self.store.run(victory_store.get, victory_id) if victory_id else None
        if card is None:
            log.debug("reaction ignored message=%s reason=not-a-card", message_id[:40])
            return None
        if not is_moderator(actor, community.config):
            log.info(
                "reaction ignored victory=%s user=%s:%s reason=not-moderator",
                victory_id,
                actor.platform,
                actor.user_id,
            )
            raise Refusal("not_moderator")
        return await self.decide(community, actor, card.number, decision, undo=not added)

    async def decide(
        self,
        community: Community,
        actor: Actor,
        number: int,
        decision: Decision,
        *,
        reason: str | None = None,
        undo: bool = False,
    ) -> Outcome:
        """Approve, reject or feature an item (or undo that). Raises ``Refusal``."""
        self._check_editor(community, actor)
        rule = moderation.undo if undo else partial(moderation.decide, reason=reason)
        outcome = await self.store.run(
            rule,
            community=community.id,
            number=number,
            decision=decision,
            actor=actor,
            now=self.clock.now(),
        )
        log.info(
            "decision victory=%s action=%s%s by=%s:%s status=%s featured=%s",
            number,
            "undo-" if undo else "",
            decision.value,
            actor.platform,
            actor.user_id,
            outcome.victory.status.value,
            outcome.victory.featured,
        )
        self.outreach.refresh_later(outcome.victory, lang=community.language)
        if outcome.notice:
            key = outcome.notice
            self.outreach.tasks.spawn(
                self.outreach.notice_decision(outcome.victory, key, community=community.language),
                what=f"decision notice for #{number}",
            )
        return outcome

    async def decide_all(
        self, community: Community, actor: Actor, numbers: list[int], decision: Decision
    ) -> list[Outcome]:
        """Approve or feature several items: all of them, or (``Refusal`` naming the first
        that cannot be decided) none."""
        self._check_editor(community, actor)
        await self.store.run(moderation.check_open, community=community.id, numbers=numbers)
        return [await self.decide(community, actor, number, decision) for number in numbers]

    async def queue(self, community: Community, actor: Actor) -> list[Victory]:
        """Items waiting for review or for the next issue, oldest first."""
        self._check_editor(community, actor)
        return await self.store.run(victory_store.queue, community=community.id)

    async def queue_page(self, community: Community, actor: Actor, page: int = 1) -> QueuePage:
        """One page of the review queue; a page past the end shows the last one."""
        self._check_editor(community, actor)
        items, page, total = await self.store.run(
            desk.queue_page, community=community.id, page=page, size=PAGE_SIZE
        )
        return QueuePage(items, page, max(1, -(-total // PAGE_SIZE)), total)

    async def open_matching(
        self, community: Community, actor: Actor, typed: str, limit: int = 25
    ) -> list[Victory]:
        """Open items matching what an editor typed; none for anyone else."""
        if not is_moderator(actor, community.config):
            return []
        return await self.store.run(
            desk.matching_open, community=community.id, typed=typed[:40], limit=limit
        )

    async def editable(self, community: Community, actor: Actor, number: int) -> dict[str, str]:
        """An item's current fields, for the edit form. Raises ``Refusal`` if it cannot change."""
        self._check_editor(community, actor)
        item = await self.store.run(editing.changeable, community=community.id, number=number)
        return editing.current(item)

    async def copy_edit(
        self, community: Community, actor: Actor, number: int, fields: Mapping[str, str]
    ) -> tuple[Victory, bool]:
        """An editor's copy-edit (see ``bot.review.editing``); every card shows the new text."""
        self._check_editor(community, actor)
        item, changed = await self.store.run(
            editing.copy_edit,
            community=community.id,
            number=number,
            fields=dict(fields),
            actor=actor,
            config=community.config,
            now=self.clock.now(),
        )
        if changed:
            log.info("copy-edit victory=%s by=%s:%s", number, actor.platform, actor.user_id)
            self.outreach.refresh_later(item, lang=community.language)
        return item, changed

    async def card_of(
        self, community: Community, number: int, platform: str
    ) -> tuple[str, str] | None:
        """Where an item's card is on ``platform``: (channel, message id), if it has one."""
        victory = await self.store.run(
            victory_store.by_number, community=community.id, number=number
        )
        if victory is None:
            return None
        for card in await self.store.run(cards.of_victory, victory.id):
            if card["platform"] == platform:
                return card["channel"], card["message_id"]
        return None

    async def block(
        self, community: Community, actor: Actor, *, platform: str, user_id: str
    ) -> None:
        self._check_editor(community, actor)
        await self.store.run(
            blocking.block,
            community=community.id,
            platform=platform,
            user_id=user_id,
            actor=actor,
            now=self.clock.now(),
        )

    async def unblock(
        self, community: Community, actor: Actor, *, platform: str, user_id: str
    ) -> bool:
        self._check_editor(community, actor)
        return await self.store.run(
            blocking.unblock,
            community=community.id,
            platform=platform,
            user_id=user_id,
            actor=actor,
            now=self.clock.now(),
        )
