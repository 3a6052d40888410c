"""Runs the calendar: APScheduler wakes the bot when an issue or reminder is due.

APScheduler only holds "wake me at T" jobs in memory; what matters (which run was handled,
skips, moves, what was published) lives in the database, so a restart re-plans from there
and a run missed while the bot was down is caught up once, or reported if too late.

Every job runs through a ``JobGuard``: one that raises is retried with backoff and the
editors are told, so one error never ends the schedule.
"""

from __future__ import annotations

import asyncio
import datetime as dt
import logging

from apscheduler.schedulers.asyncio import AsyncIOScheduler

from bot.clock import Clock, iso
from bot.issues import calendar, notices
from bot.issues.job_guard import Backoff, Job, JobGuard
from bot.issues.results import Published, PublishStatus, ScheduledJob
from bot.issues.service import Issues
from bot.model import Community
from bot.review.outreach import Outreach
from bot.store.database import Store

log = logging.getLogger("victories.scheduler")
RETRY_EVERY = dt.timedelta(minutes=10)


class IssueScheduler:
    def __init__(
        self,
        *,
        community: Community,
        issues: Issues,
        outreach: Outreach,
        store: Store,
        clock: Clock,
        backoff: Backoff | None = None,
        shared: AsyncIOScheduler | None = None,
    ) -> None:
        self.community, self.issues, self.outreach = community, issues, outreach
        self.store, self.clock = store, clock
        # One APScheduler may carry every community's jobs; each names its own.
        self.scheduler = shared or AsyncIOScheduler(timezone=dt.UTC)
        self._owned = shared is None
        self._prefix = "" if community.id == 1 else f"c{community.id}:"
        self._lock = asyncio.Lock()
        self.guard = JobGuard(
            trouble=issues.scheduled_trouble.setdefault(community.id, {}),  # for `status`
            tell=lambda message: outreach.tell_moderators(community, message),
            arm=self._arm_retry,
            local=lambda moment: calendar.local(community.config, moment),
            backoff=backoff,
            language=lambda: self.community.language,  # settings may change it later
        )

    async def start(self) -> None:
        await self.store.run(
            calendar.ensure_started, community=self.community.id, now=self.clock.now()
        )
        if not self.scheduler.running:
            self.scheduler.start()
        self.scheduler.add_job(
            self.retry_failed,
            "interval",
            id=f"{self._prefix}retry-failed",
            seconds=RETRY_EVERY.total_seconds(),
            replace_existing=True,
        )
        await self.run_due()

    async def retry_failed(self) -> list[Published] | None:
        """Retry channels that failed earlier; None when this try raised (a retry is armed)."""
        return await self.guard.run(ScheduledJob.RETRY, self._retry_failed)

    async def _retry_failed(self) -> list[Published]:
        return await self.issues.retry_failed(self.community)

    def stop(self) -> None:
        if self._owned and self.scheduler.running:
            self.scheduler.shutdown(wait=False)

    async def run_due(self) -> calendar.Plan | None:
        """Handle every run that is due now, then arm the timer for the next one.

        Returns the next plan, or None when this try failed: a retry is then armed instead.
        """
        return await self.guard.run(ScheduledJob.ISSUE, self._run_due)

    def _arm_retry(self, name: ScheduledJob, when: dt.datetime, job: Job) -> None:
        self.scheduler.add_job(
            self.guard.run,
            "date",
            args=[name, job],
            id=f"{self._prefix}{name}-retry",
            replace_existing=True,
            run_date=when,
            misfire_grace_time=None,
        )

    async def _run_due(self) -> calendar.Plan:
        async with self._lock:
            while True:
                now = self.clock.now()
                plan = await self.store.run(
                    calendar.next_plan,
                    community=self.community.id,
                    config=self.community.config,
                    now=now,
                )
                if plan.due > now:
                    self._arm(plan, now)
                    return plan
                await self._handle(plan, now)
                await self.store.run(calendar.mark_handled, plan, community=self.community.id)

    async def _handle(self, plan: calendar.Plan, now: dt.datetime) -> None:
        config = self.community.config
        when = calendar.local(config, plan.due)
        if plan.skipped:
            log.info("scheduled issue skipped due=%s", iso(plan.due))
            return
        if self.community.paused:
            log.info("scheduled issue not sent: community %s is paused", self.community.slug)
            return
        if now - plan.due > config.schedule.misfire_grace:
            log.warning(
                "scheduled issue missed due=%s late=%s grace=%s",
                iso(plan.due),
                now - plan.due,
                config.schedule.misfire_grace,
            )
            await self.outreach.tell_moderators(self.community, notices.missed(when))
            return
        date = plan.due.astimezone(config.community.zone).date()
        result = await self.issues.publish(
            self.community, force=False, date=date, slot=iso(plan.replaces)
        )
        log.info("scheduled issue due=%s result=%s", iso(plan.due), result.status.value)
        # A partial send has already been reported by the publish itself; DONE (published
        # before a restart) needs no word.
        if result.status in (PublishStatus.THIN, PublishStatus.EMPTY):
            await self.outreach.tell_moderators(self.community, notices.published(result))

    def _arm(self, plan: calendar.Plan, now: dt.datetime) -> None:
        # APScheduler runs on the real clock; the plan was made on ours (equal in production).
        delay = plan.due - now
        self.scheduler.add_job(
            self.run_due,
            "date",
            id=f"{self._prefix}next-issue",
            replace_existing=True,
            run_date=dt.datetime.now(dt.UTC) + delay,
            misfire_grace_time=None,
        )
        before = self.community.config.schedule.reminder_before
        if before and delay > before:
            self.scheduler.add_job(
                self.remind,
                "date",
                id=f"{self._prefix}reminder",
                replace_existing=True,
                run_date=dt.datetime.now(dt.UTC) + delay - before,
                misfire_grace_time=3600,
            )
        # For the operator, in the community's zone, not its language: every community
        # logs this at start-up, and Babel's calendar data would be loaded just for it.
        local = plan.due.astimezone(self.community.config.community.zone)
        log.info("next issue due=%s (%s)", iso(plan.due), local.strftime("%a %d %b %H:%M %Z"))

    async def remind(self) -> bool | None:
        """Nudge editors when items still wait for review or slots are empty (None: this
        try raised, and a retry is armed)."""
        return await self.guard.run(ScheduledJob.REMINDER, self._remind)

    async def _remind(self) -> bool:
        upcoming = await self.issues.next_issue(self.community)
        if not upcoming.needs_reminder:
            return False
        await self.outreach.tell_moderators(self.community, notices.reminder(upcoming))
        return True
