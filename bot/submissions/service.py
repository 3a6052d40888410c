"""Members' use cases: share a victory, list, edit and withdraw their own."""

from __future__ import annotations

import logging
import sqlite3

from bot.background import Tasks
from bot.clock import Clock
from bot.model import Actor, Community, Refusal, Submission, Victory
from bot.review.moderation import is_moderator
from bot.review.outreach import Outreach
from bot.store.batching import Batcher
from bot.store.database import Store
from bot.submissions import intake, members
from bot.submissions.intake import Receipt
from bot.submissions.late_names import LateNames

log = logging.getLogger("victories.submissions")
INTAKE_BATCH = 200  # submissions written per transaction at most


class Submissions:
    def __init__(self, *, store: Store, clock: Clock, outreach: Outreach, tasks: Tasks) -> None:
        self.store, self.clock, self.outreach, self.tasks = store, clock, outreach, tasks
        self.late_names = LateNames(store=store, clock=clock, outreach=outreach, tasks=tasks)
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
            with self.tasks.lull.serving():  # the member waits: review cards give way meanwhile
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
        if not self.late_names.cards_after_name(community, actor, outcome.victory_id):
            self.outreach.queue_cards(community, outcome.victory_id)
        self.outreach.item_changed(community.id, actor.platform, actor.user_id)
        return outcome

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
