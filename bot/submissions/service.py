"""Members' use cases: share a victory, list, edit and withdraw their own."""

from __future__ import annotations

import logging
import sqlite3
from collections.abc import Awaitable, Callable

from bot.background import Tasks
from bot.clock import Clock
from bot.model import Actor, Community, Refusal, Submission, Victory
from bot.review.moderation import is_moderator
from bot.review.outreach import Outreach
from bot.store.batching import Batcher
from bot.store.database import Store
from bot.submissions import intake, members
from bot.submissions.intake import Receipt

log = logging.getLogger("victories.submissions")
INTAKE_BATCH = 200  # submissions written per transaction at most
RENAME_LINGER = 0.05  # seconds a learnt name waits for others to be written with


class Submissions:
    def __init__(self, *, store: Store, clock: Clock, outreach: Outreach, tasks: Tasks) -> None:
        self.store, self.clock, self.outreach = store, clock, outreach
        self.tasks, self.lull = tasks, tasks.lull
        # Members answered under a stand-in name (a handle), and how to learn the real one.
        self._namers: dict[tuple[str, str], Callable[[], Awaitable[Actor]]] = {}
        # Names learnt after a burst of newcomers are written together (group commit).
        self._renames: Batcher[tuple[int, Actor, str], list[Victory]] = Batcher(
            self._rename_batch, tasks=tasks, what="renaming members", linger=RENAME_LINGER
        )
        self._intake: Batcher[intake.Request, Receipt | Refusal] = Batcher(
            self._store_batch, tasks=tasks, what="storing submissions", max_batch=INTAKE_BATCH
        )

    async def _store_batch(self, requests: list[intake.Request]) -> list[Receipt | Refusal]:
        return await self.store.run(intake.submit_many, requests)

    async def submit(self, community: Community, actor: Actor, submission: Submission) -> Receipt:
        """Store a submission; return once it is durable. Raises ``Refusal``, also when
        the database stayed busy past the busy timeout (``try_again``: nothing was stored).

        A bot (an app, a webhook, our own bot) is refused on every platform, whatever
        the adapter let through.

        Submissions arriving together are written in one transaction (group commit), so a
        burst of members costs one disk sync instead of one each.
        """
        if actor.is_bot:  # the one rule for every platform: victories come from people
            raise Refusal("bots_cannot_share")
        request = intake.Request(
            community,
            actor,
            submission,
            now=self.clock.now(),
            exempt=is_moderator(actor, community.config),
        )
        try:
            with self.lull.command():
                outcome = await self._intake.put(request)
        except sqlite3.OperationalError as err:  # another writer held on past the busy timeout
            log.warning(
                "submission not stored user=%s:%s error=%r", actor.platform, actor.user_id, err
            )
            raise Refusal("try_again") from err
        if isinstance(outcome, Refusal):
            raise outcome
        log.info(
            "submission victory=%s platform=%s user=%s duplicate_of=%s",
            outcome.number,
            actor.platform,
            actor.user_id,
            outcome.duplicate_of,
        )
        look_up = self._namers.pop((actor.platform, actor.user_id), None)
        if look_up is None:
            self.outreach.queue_cards(community, outcome.victory_id)
        else:
            self.tasks.spawn(
                self._name_then_cards(community, actor, look_up, outcome.victory_id),
                what=f"name and cards of #{outcome.number}",
            )
        self.outreach.item_changed(community.id, actor.platform, actor.user_id)
        return outcome

    def name_later(self, actor: Actor, look_up: Callable[[], Awaitable[Actor]]) -> None:
        """``actor``'s name is a stand-in: if they submit, ``look_up`` learns the real
        one after the answer, before the item's cards are posted (``forget_name`` after
        the command, in case it stored nothing)."""
        self._namers[(actor.platform, actor.user_id)] = look_up

    def forget_name(self, actor: Actor) -> None:
        self._namers.pop((actor.platform, actor.user_id), None)

    async def _name_then_cards(
        self,
        community: Community,
        actor: Actor,
        look_up: Callable[[], Awaitable[Actor]],
        victory_id: int,
    ) -> None:
        try:
            await self.lull.wait()  # not during a burst: it would compete with answers
            known = await look_up()
            if (known.name, known.locale) != (actor.name, actor.locale):
                await self.rename(community, known, was=actor.name)
        finally:  # the cards go out exactly once, with the real name if it was learnt
            self.outreach.queue_cards(community, victory_id)

    async def mine(self, community: Community, actor: Actor) -> list[Victory]:
        return await self.store.run(members.mine, community=community.id, actor=actor)

    async def edit(self, community: Community, actor: Actor, number: int, text: str) -> Victory:
        item = await self.store.run(
            members.edit,
            community=community.id,
            number=number,
            text=text,
            actor=actor,
            config=community.config,
            now=self.clock.now(),
            as_moderator=is_moderator(actor, community.config),
        )
        self.outreach.refresh_later(item, lang=community.language)
        return item

    async def rename(self, community: Community, actor: Actor, *, was: str) -> None:
        """``actor``'s real name (and locale), learnt after their items were stored as
        ``was``: the items, their cards (those already posted) and later notices to the
        member follow it from now on."""
        for item in await self._renames.put((community.id, actor, was)):
            self.outreach.refresh_later(item, lang=community.language)

    async def _rename_batch(self, renames: list[tuple[int, Actor, str]]) -> list[list[Victory]]:
        """Each rename's changed items, each item once (a member twice in a batch)."""
        changed = await self.store.run(members.rename_many, renames)
        results: list[list[Victory]] = []
        for community, actor, _ in renames:
            key = (community, actor.platform, actor.user_id)
            mine = [v for v in changed if (v.community_id, v.platform, v.user_id) == key]
            changed = [v for v in changed if v not in mine]
            results.append(mine)
        return results

    async def withdraw(self, community: Community, actor: Actor, number: int) -> Victory:
        item = await self.store.run(
            members.withdraw,
            community=community.id,
            number=number,
            actor=actor,
            now=self.clock.now(),
            as_moderator=is_moderator(actor, community.config),
        )
        self.outreach.refresh_later(item, lang=community.language)
        return item
