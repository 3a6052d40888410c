"""Editors' slots on the next issue (note, song, gratitude, take-action steps, P.S.)."""

from __future__ import annotations

from collections.abc import Callable

from bot.clock import Clock, iso
from bot.issues import editorial, ordering
from bot.model import Actor, Community, Issue, Refusal
from bot.review.moderation import is_moderator
from bot.store import issues
from bot.store.database import Store


class Slots:
    def __init__(
        self, *, store: Store, clock: Clock, changed: Callable[[int], None] = lambda _: None
    ) -> None:
        self.store, self.clock = store, clock
        self._changed_id = changed  # the next issue changed: Issues tells the surfaces

    def _changed(self, community: Community) -> None:
        self._changed_id(community.id)

    async def set_slot(self, community: Community, actor: Actor, slot: str, value: str) -> Issue:
        """Fill (or, for list slots, add to) one slot of the next issue. Raises ``Refusal``."""
        if not is_moderator(actor, community.config):
            raise Refusal("not_moderator")
        changed = await self.store.run(
            editorial.set_slot,
            community=community.id,
            slot=slot,
            value=value,
            actor=actor,
            now=self.clock.now(),
        )
        self._changed(community)
        return changed

    async def write_slot(self, community: Community, actor: Actor, slot: str, text: str) -> Issue:
        """Replace a slot with a form's multi-line text (see ``editorial.write_slot``)."""
        if not is_moderator(actor, community.config):
            raise Refusal("not_moderator")
        changed = await self.store.run(
            editorial.write_slot,
            community=community.id,
            slot=slot,
            value=text,
            actor=actor,
            now=self.clock.now(),
        )
        self._changed(community)
        return changed

    async def slot_text(self, community: Community, actor: Actor, slot: str) -> str:
        """A slot's current text, to prefill its form."""
        if not is_moderator(actor, community.config):
            raise Refusal("not_moderator")
        draft = await self.store.run(
            issues.draft, community=community.id, now=iso(self.clock.now())
        )
        return editorial.slot_text(draft, slot)

    async def reorder(self, community: Community, actor: Actor, number: int, position: int) -> int:
        """Move an item of the next issue to ``position`` (not ``move``, which moves the
        schedule); the preview and the published issue keep the order. Raises ``Refusal``."""
        if not is_moderator(actor, community.config):
            raise Refusal("not_moderator")
        changed = await self.store.run(
            ordering.reorder,
            community=community.id,
            config=community.config,
            number=number,
            position=position,
            actor=actor,
            now=self.clock.now(),
        )
        self._changed(community)
        return changed

    async def clear_slot(self, community: Community, actor: Actor, slot: str) -> Issue:
        if not is_moderator(actor, community.config):
            raise Refusal("not_moderator")
        changed = await self.store.run(
            editorial.clear_slot,
            community=community.id,
            slot=slot,
            actor=actor,
            now=self.clock.now(),
        )
        self._changed(community)
        return changed
