"""Editors' slots on the next issue (note, song, gratitude, take-action steps, P.S.)."""

from __future__ import annotations

from collections.abc import Callable
from typing import TypeVar

from bot.clock import Clock, iso
from bot.issues import editorial, ordering
from bot.model import Actor, Community, Issue, Refusal
from bot.review.moderation import is_moderator
from bot.store import issues
from bot.store.database import Store

T = TypeVar("T")


class Slots:
    def __init__(
        self, *, store: Store, clock: Clock, changed: Callable[[int], None] = lambda _: None
    ) -> None:
        self.store, self.clock = store, clock
        self._changed_id = changed  # the next issue changed: Issues tells the surfaces

    def _changed(self, community: Community) -> None:
        self._changed_id(community.id)

    def _check_editor(self, community: Community, actor: Actor) -> None:
        if not is_moderator(actor, community.config):
            raise Refusal("not_moderator")

    async def _edit(
        self, community: Community, actor: Actor, rule: Callable[..., T], **fields
    ) -> T:
        """An editor's change to the next issue: checked, stored, then the surfaces told."""
        self._check_editor(community, actor)
        changed = await self.store.run(
            rule, community=community.id, actor=actor, now=self.clock.now(), **fields
        )
        self._changed(community)
        return changed

    async def set_slot(self, community: Community, actor: Actor, slot: str, value: str) -> Issue:
        """Fill (or, for list slots, add to) one slot of the next issue. Raises ``Refusal``."""
        return await self._edit(community, actor, editorial.set_slot, slot=slot, value=value)

    async def write_slot(self, community: Community, actor: Actor, slot: str, text: str) -> Issue:
        """Replace a slot with a form's multi-line text (see ``editorial.write_slot``)."""
        return await self._edit(community, actor, editorial.write_slot, slot=slot, value=text)

    async def slot_text(self, community: Community, actor: Actor, slot: str) -> str:
        """A slot's current text, to prefill its form."""
        self._check_editor(community, actor)
        draft = await self.store.run(
            issues.draft, community=community.id, now=iso(self.clock.now())
        )
        return editorial.slot_text(draft, slot)

    async def reorder(self, community: Community, actor: Actor, number: int, position: int) -> int:
        """Move an item of the next issue to ``position`` (not ``move``, which moves the
        schedule); the preview and the published issue keep the order. Raises ``Refusal``."""
        return await self._edit(
            community,
            actor,
            ordering.reorder,
            config=community.config,
            number=number,
            position=position,
        )

    async def clear_slot(self, community: Community, actor: Actor, slot: str) -> Issue:
        return await self._edit(community, actor, editorial.clear_slot, slot=slot)
