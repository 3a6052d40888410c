"""Members answered before their platform said who they are.

A Slack member the bot has never seen is answered without waiting for Slack's users.info
(a round trip to Slack on the way to their receipt, and under a burst about a fifth of
the bot's work per /victory). Their item is stored under the handle the command carried.
Once no member is waiting for an answer, they are looked up: their items take their
real name and language, and only then are the item's review cards posted, so moderators
see the real name. Only people can run a Slack slash command; should the look-up still
find an app, its item is withdrawn before any card shows it.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Awaitable, Callable

from bot.background import Tasks
from bot.clock import Clock
from bot.model import Actor, Community, Victory
from bot.review.outreach import Outreach
from bot.store.batching import Batcher
from bot.store.database import Store
from bot.submissions import members

log = logging.getLogger("victories.submissions")
LookUp = Callable[[], Awaitable[Actor]]
RENAME_LINGER = 0.05  # seconds a learnt name waits for others to be written with
# Look-ups under way at once. When members stop waiting, a burst's newcomers are looked up
# a few at a time, so the next member to arrive finds the bot answering, not busy with
# all of them (P6: the first /victory after a burst waited ~200 ms behind them at once).
AT_ONCE = 4
LOOK_UP_TIMEOUT = 10.0  # seconds; then the stand-in name stays


class LateNames:
    def __init__(self, *, store: Store, clock: Clock, outreach: Outreach, tasks: Tasks) -> None:
        self.store, self.clock, self.outreach, self.tasks = store, clock, outreach, tasks
        self._look_ups: dict[tuple[str, str], LookUp] = {}
        self._turns = asyncio.Semaphore(AT_ONCE)
        # Names learnt after a burst of newcomers are written together (group commit).
        self._renames: Batcher[tuple[int, Actor, str], list[Victory]] = Batcher(
            self._rename_batch, tasks=tasks, what="renaming members", linger=RENAME_LINGER
        )

    def name_later(self, actor: Actor, look_up: LookUp) -> None:
        """``actor``'s name is a stand-in: if they submit, ``look_up`` learns who they
        are after the answer (``forget`` once the command is done, stored or not)."""
        self._look_ups[(actor.platform, actor.user_id)] = look_up

    def forget(self, actor: Actor) -> None:
        self._look_ups.pop((actor.platform, actor.user_id), None)

    def cards_after_name(self, community: Community, actor: Actor, victory_id: int) -> bool:
        """If ``actor`` is still to be looked up, do it, then post the item's cards, and
        say True; False: nothing to learn, post the cards now."""
        look_up = self._look_ups.pop((actor.platform, actor.user_id), None)
        if look_up is None:
            return False
        self.tasks.spawn(
            self._name_then_cards(community, actor, look_up, victory_id),
            what=f"name and cards of item {victory_id}",
        )
        return True

    async def _name_then_cards(
        self, community: Community, actor: Actor, look_up: LookUp, victory_id: int
    ) -> None:
        cards = True
        queued = asyncio.get_running_loop().time()
        try:
            async with self._turns:
                # Not during a burst, where it would compete with answers; nor for long.
                await self.tasks.lull.wait(since=queued)
                try:  # a stuck look-up must not hold its turn, nor the cards behind it
                    async with asyncio.timeout(LOOK_UP_TIMEOUT):
                        known = await look_up()
                except TimeoutError:
                    log.warning("look-up timed out; item keeps its name victory=%s", victory_id)
                    return  # its cards still go out (below), under the name it came with
            if known.is_bot:
                cards = False
                await self._withdraw_apps_item(community, known, victory_id)
            elif (known.name, known.locale) != (actor.name, actor.locale):
                await self.rename(community, known, was=actor.name)
        finally:  # the cards go out exactly once, with the real name if it was learnt
            if cards:
                self.outreach.queue_cards(community, victory_id)

    async def _withdraw_apps_item(self, community: Community, app: Actor, victory_id: int) -> None:
        item = await self.store.run(
            members.withdraw_by_id, victory_id=victory_id, actor=app, now=self.clock.now()
        )
        log.warning(
            "an app's submission was withdrawn victory=%s platform=%s user=%s",
            item.number,
            app.platform,
            app.user_id,
        )
        self.outreach.refresh_later(item, lang=community.language)

    async def rename(self, community: Community, actor: Actor, *, was: str) -> None:
        """``actor``'s real name (and locale), learnt after their items were stored as
        ``was``: the items, their cards already posted and later notices follow it."""
        for item in await self._renames.put((community.id, actor, was)):
            self.outreach.refresh_later(item, lang=community.language)

    async def _rename_batch(self, renames: list[tuple[int, Actor, str]]) -> list[list[Victory]]:
        """Each rename's changed items, each item once (a member twice in a batch)."""
        changed = await self.store.run(members.rename_many, renames)
        by_member: dict[tuple[int, str, str], list[Victory]] = {}
        for v in changed:  # one pass: comparing every item with every rename was quadratic
            by_member.setdefault((v.community_id, v.platform, v.user_id), []).append(v)
        # A member twice in a batch gets their items with the first rename, none after.
        return [by_member.pop((c, actor.platform, actor.user_id), []) for c, actor, _ in renames]
