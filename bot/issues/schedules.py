"""Every community's calendar on one APScheduler: each runs in its own time zone, and a
community that appears, changes its settings or its calendar is re-planned at once."""

from __future__ import annotations

import datetime as dt

from apscheduler.schedulers.asyncio import AsyncIOScheduler

from bot.clock import Clock
from bot.issues.job_guard import Backoff
from bot.issues.scheduler import IssueScheduler
from bot.issues.service import Issues
from bot.model import Community
from bot.review.outreach import Outreach
from bot.store.database import Store


class Schedules:
    def __init__(
        self,
        *,
        issues: Issues,
        outreach: Outreach,
        store: Store,
        clock: Clock,
        backoff: Backoff | None = None,
    ) -> None:
        self.issues, self.outreach, self.store, self.clock = issues, outreach, store, clock
        self.backoff = backoff
        self.apscheduler = AsyncIOScheduler(timezone=dt.UTC)
        self.by_community: dict[int, IssueScheduler] = {}
        self._started: set[int] = set()
        self.running = False

    def _scheduler(self, community: Community) -> IssueScheduler:
        found = self.by_community.get(community.id)
        if found is None:
            found = IssueScheduler(
                community=community,
                issues=self.issues,
                outreach=self.outreach,
                store=self.store,
                clock=self.clock,
                backoff=self.backoff,
                shared=self.apscheduler,
            )
            self.by_community[community.id] = found
        return found

    async def start(self, communities: list[Community]) -> None:
        self.running = True
        for community in communities:
            await self._start(community)

    async def _start(self, community: Community) -> None:
        self._started.add(community.id)
        await self._scheduler(community).start()

    async def changed(self, community: Community) -> None:
        """A community appeared, or its settings, pause or calendar changed: re-plan it."""
        if not self.running:
            return
        scheduler = self._scheduler(community)
        scheduler.community = community
        if community.id in self._started:
            await scheduler.run_due()
        else:
            await self._start(community)

    def stop(self) -> None:
        self.running = False
        if self.apscheduler.running:
            self.apscheduler.shutdown(wait=False)
