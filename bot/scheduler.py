"""Runs the calendar: APScheduler wakes the bot when an issue or reminder is due.

APScheduler only holds "wake me at T" jobs in memory; what matters (which run was handled,
skips, moves, what was published) lives in the database, so a restart re-plans from there
and a run missed while the bot was down is caught up once, or reported if too late.
"""

from __future__ import annotations

import asyncio
import datetime as dt
import logging

from apscheduler.schedulers.asyncio import AsyncIOScheduler

from bot import editorial
from bot import schedule as calendar
from bot.clock import iso
from bot.job_guard import Backoff, Job, JobGuard
from bot.messages import fill, say_doc
from bot.newsroom import Newsroom
from bot.store import issues
from bot.store import victories as victory_store

log = logging.getLogger("victories.scheduler")
RETRY_EVERY = dt.timedelta(minutes=10)


class IssueScheduler:
    def __init__(self, room: Newsroom, *, backoff: Backoff | None = None) -> None:
        self.room = room
        self.scheduler = AsyncIOScheduler(timezone=dt.UTC)
        self._lock = asyncio.Lock()
        self.guard = JobGuard(
            tell=room.tell_moderators,
            arm=self._arm_retry,
            local=lambda moment: calendar.local(room.config, moment),
            backoff=backoff,
        )
        room.schedule_changed = self.run_due
        room.schedule_trouble = self.guard.status

    async def start(self) -> None:
        await self.room.store.run(calendar.ensure_started, now=self.room.clock.now())
        self.scheduler.start()
        self.scheduler.add_job(
            self.guard.run,
            "interval",
            args=["job_retry", self.room.retry_failed],
            id="retry-failed",
            seconds=RETRY_EVERY.total_seconds(),
            replace_existing=True,
        )
        await self.run_due()

    def stop(self) -> None:
        if self.scheduler.running:
            self.scheduler.shutdown(wait=False)

    async def run_due(self) -> calendar.Plan | None:
        """Handle every run that is due now, then arm the timer for the next one.

        Returns the next plan, or None when this try failed: a retry is then armed instead.
        """
        return await self.guard.run("job_issue", self._run_due)

    def _arm_retry(self, name: str, when: dt.datetime, job: Job) -> None:
        self.scheduler.add_job(
            self.guard.run,
            "date",
            args=[name, job],
            id=f"{name}-retry",
            replace_existing=True,
            run_date=when,
            misfire_grace_time=None,
        )

    async def _run_due(self) -> calendar.Plan:
        async with self._lock:
            while True:
                now = self.room.clock.now()
                plan = await self.room.store.run(
                    calendar.next_plan, config=self.room.config, now=now
                )
                if plan.due > now:
                    self._arm(plan, now)
                    return plan
                await self._handle(plan, now)
                await self.room.store.run(calendar.mark_handled, plan)

    async def _handle(self, plan: calendar.Plan, now: dt.datetime) -> None:
        config = self.room.config
        when = calendar.local(config, plan.due)
        if plan.skipped:
            log.info("scheduled issue skipped due=%s", iso(plan.due))
            return
        if now - plan.due > config.schedule.misfire_grace:
            log.warning(
                "scheduled issue missed due=%s late=%s grace=%s",
                iso(plan.due),
                now - plan.due,
                config.schedule.misfire_grace,
            )
            await self.room.tell_moderators(say_doc("missed_run", when=when))
            return
        date = plan.due.astimezone(config.community.zone).date()
        reply = await self.room.publish(force=False, date=date, slot=iso(plan.replaces))
        log.info("scheduled issue due=%s result=%r", iso(plan.due), reply.plain())
        if not reply.ok or "skipped" in reply.plain():
            await self.room.tell_moderators(reply.doc)

    def _arm(self, plan: calendar.Plan, now: dt.datetime) -> None:
        # APScheduler runs on the real clock; the plan was made on ours (equal in production).
        delay = plan.due - now
        self.scheduler.add_job(
            self.run_due,
            "date",
            id="next-issue",
            replace_existing=True,
            run_date=dt.datetime.now(dt.UTC) + delay,
            misfire_grace_time=None,
        )
        before = self.room.config.schedule.reminder_before
        if before and delay > before:
            self.scheduler.add_job(
                self.guard.run,
                "date",
                args=["job_reminder", self.remind],
                id="reminder",
                replace_existing=True,
                run_date=dt.datetime.now(dt.UTC) + delay - before,
                misfire_grace_time=3600,
            )
        log.info(
            "next issue due=%s (%s)", iso(plan.due), calendar.local(self.room.config, plan.due)
        )

    async def remind(self) -> bool:
        """Nudge moderators when items still wait for review or slots are empty."""
        room = self.room
        now = room.clock.now()
        plan = await room.store.run(calendar.next_plan, config=room.config, now=now)
        if plan.skipped:
            return False
        counts = await room.store.run(victory_store.count_by_status)
        draft = await room.store.run(issues.draft, now=iso(now))
        todo = []
        if counts.get("pending"):
            todo.append(fill("reminder_pending", count=counts["pending"]))
        empty = editorial.empty(draft)
        if empty:
            todo.append(fill("reminder_slots", slots=", ".join(empty)))
        if not todo:
            return False
        await room.tell_moderators(
            say_doc(
                "reminder",
                issue=draft.number,
                when=calendar.local(room.config, plan.due),
                todo="; ".join(todo),
            )
        )
        return True
