"""The weekly issue's use cases: preview, publish (and resume, retry), the calendar,
the editorial slots, and reading published issues."""

from __future__ import annotations

import asyncio
import datetime as dt
import logging
from collections.abc import Awaitable, Callable

from bot.background import Tasks
from bot.clock import Clock
from bot.document import lines_document
from bot.issues import calendar, delivery, editorial, notices, selection
from bot.issues.layout import issue_document
from bot.issues.results import (
    JobTrouble,
    NextIssue,
    Published,
    PublishStatus,
    ScheduledJob,
)
from bot.issues.selection import IssueView, NotFrozen
from bot.issues.slots import Slots
from bot.messages import say, speaking
from bot.model import Community, IssueState
from bot.review.outreach import Outreach, member_language
from bot.store import deliveries, issues
from bot.store import victories as victory_store
from bot.store.database import Store
from bot.surfaces import Surface

log = logging.getLogger("victories.issues")
Hook = Callable[[Community, int], Awaitable[None]]
_NOT_FROZEN = {
    NotFrozen.EMPTY: PublishStatus.EMPTY,
    NotFrozen.THIN: PublishStatus.THIN,
    NotFrozen.DONE: PublishStatus.DONE,
}


class Issues(Slots):
    def __init__(
        self,
        *,
        store: Store,
        clock: Clock,
        outreach: Outreach,
        surfaces: dict[str, Surface],
        tasks: Tasks,
    ) -> None:
        super().__init__(store=store, clock=clock, changed=outreach.issue_changed)
        self.outreach, self.surfaces, self.tasks = outreach, surfaces, tasks
        self._publish_lock = asyncio.Lock()
        # Wired by the composition root: the archive export, the scheduler's re-plan.
        self.after_publish: list[Hook] = []
        self.calendar_changed: list[Callable[[Community], Awaitable[object]]] = []
        # Scheduled jobs whose last try raised, kept by the scheduler's guard until a try
        # works; ``next_issue`` reports them.
        self.scheduled_trouble: dict[int, dict[ScheduledJob, JobTrouble]] = {}  # by community

    # -- reading ---------------------------------------------------------------------------
    def today(self, community: Community) -> dt.date:
        return self.clock.now().astimezone(community.config.community.zone).date()

    async def preview(self, community: Community, *, date: dt.date | None = None) -> IssueView:
        return await self.store.run(
            selection.preview,
            community=community.id,
            config=community.config,
            now=self.clock.now(),
            date=date or self.today(community),
        )

    async def preview_next(self, community: Community) -> IssueView:
        """The next issue as it will look on the day it is due: what every preview shows."""
        config, now = community.config, self.clock.now()
        date = await self.store.run(
            calendar.next_issue_date, community=community.id, config=config, now=now
        )
        return await self.preview(community, date=date)

    async def published(self, community: Community, number: int) -> IssueView | None:
        view = await self.store.run(selection.published_view, community=community.id, number=number)
        return view if view and view.issue.status == IssueState.PUBLISHED else None

    async def latest(self, community: Community) -> IssueView | None:
        latest = await self.store.run(issues.latest_published, community=community.id)
        return await self.published(community, latest.number) if latest else None

    # -- publishing ------------------------------------------------------------------------
    def targets(self, community: Community) -> list[tuple[str, str]]:
        """Every digest channel of the community on every connected platform."""
        return [
            (surface.name, channel)
            for surface in self.surfaces.values()
            for channel in surface.digest_channels_for(community)
        ]

    async def publish(
        self,
        community: Community,
        *,
        force: bool,
        date: dt.date | None = None,
        slot: str | None = None,
    ) -> Published:
        """Freeze the next issue and send it everywhere. Serialised: one publish at a time."""
        async with self._publish_lock:
            await self._resume_deliveries(community)
            frozen = await self.store.run(
                selection.freeze,
                community=community.id,
                config=community.config,
                now=self.clock.now(),
                date=date or self.today(community),
                targets=self.targets(community),
                force=force,
                slot=slot,
            )
            if frozen.number is None:
                status = _NOT_FROZEN[frozen.reason or NotFrozen.EMPTY]
                minimum = community.config.issue.min_items
                return Published(status, items=frozen.items, minimum=minimum)
            log.info(
                "issue frozen issue=%s items=%s channels=%s",
                frozen.number,
                frozen.items,
                len(self.targets(community)),
            )
            return await self._fan_out(community, frozen.number, items=frozen.items)

    async def _fan_out(self, community: Community, number: int, *, items: int) -> Published:
        view = await self.store.run(selection.published_view, community=community.id, number=number)
        assert view is not None, f"issue {number} is neither publishing nor published"
        courier = delivery.Courier(
            store=self.store,
            clock=self.clock,
            tasks=self.tasks,
            surfaces=self.surfaces,
            concurrency=community.config.publish_concurrency,
        )
        document = issue_document(view, config=community.config)
        report = await delivery.deliver(
            courier, community=community.id, issue_number=number, document=document
        )
        if not report.complete:
            partial = Published(
                PublishStatus.PARTIAL, number, items, report.sent, list(report.failed)
            )
            # Said once, in the review channel, whoever started it (editor or scheduler).
            with speaking(community.language):
                notice = notices.published(partial)
            await self.outreach.tell_moderators(community, notice)
            return partial
        await self._after_published(community, view)
        return Published(PublishStatus.PUBLISHED, number, items or len(view.entries), report.sent)

    async def _after_published(self, community: Community, view: IssueView) -> None:
        number = view.issue.number
        for entry in view.entries:
            for victory in (entry.victory, *entry.also):
                self.outreach.refresh_later(victory, lang=community.language)
                lang = member_language(victory, community.language)
                notice = say("notice_published", lang, position=entry.position, issue=number)
                self.outreach.notify_later(victory, lines_document(notice))
        for hook in self.after_publish:
            try:
                await hook(community, number)
            except Exception:
                log.exception("after-publish step failed issue=%s", number)

    async def _resume_deliveries(self, community: Community) -> list[Published]:
        results = []
        for issue in await self.store.run(issues.in_progress, community=community.id):
            log.info("resuming issue=%s", issue.number)
            results.append(await self._fan_out(community, issue.number, items=0))
        return results

    async def resume(self, community: Community) -> list[Published]:
        """At start-up: finish any interrupted fan-out."""
        async with self._publish_lock:
            return await self._resume_deliveries(community)

    async def retry_failed(self, community: Community) -> list[Published]:
        """Retry channels that failed earlier (called periodically by the scheduler)."""
        async with self._publish_lock:
            if await self.store.run(deliveries.any_unfinished, community=community.id):
                return await self._resume_deliveries(community)
            return []

    # -- the calendar ----------------------------------------------------------------------
    async def next_issue(self, community: Community) -> NextIssue:
        """What the next issue looks like now: due time, items waiting, slots, whether it
        is overdue and which scheduled jobs are failing. Only reads, so ``status`` answers
        even while another process holds the write lock."""
        config, now = community.config, self.clock.now()
        plan = await self.store.run(
            calendar.next_plan, community=community.id, config=config, now=now
        )
        counts = await self.store.run(victory_store.count_by_status, community=community.id)
        draft = await self.store.run(issues.next_issue, community=community.id)
        approved, rules = counts.get("approved", 0), config.issue
        thin = rules.when_thin == "skip" and approved < rules.min_items
        return NextIssue(
            issue=draft.number,
            due=plan.due,
            when=calendar.local(config, plan.due),
            skipped=plan.skipped,
            after_skip=next(calendar.regular_runs(config, after=plan.replaces))
            if plan.skipped
            else None,
            thin_minimum=rules.min_items if thin and not plan.skipped else 0,
            approved=approved,
            pending=counts.get("pending", 0),
            filled_slots=editorial.filled(draft),
            empty_slots=editorial.empty(draft),
            overdue=plan.due <= now,
            trouble=list(self.scheduled_trouble.get(community.id, {}).values()),
        )

    async def skip(self, community: Community) -> calendar.Plan:
        """Skip the next run (``dropped_move`` names a move that goes with it)."""
        config, now = community.config, self.clock.now()
        plan = await self.store.run(
            calendar.skip_next, community=community.id, config=config, now=now
        )
        await self._calendar_changed(community)
        return plan

    async def unskip(self, community: Community) -> calendar.Plan | None:
        """Take back a skip; None when no run is being skipped."""
        config, now = community.config, self.clock.now()
        plan = await self.store.run(calendar.unskip, community=community.id, config=config, now=now)
        if plan is not None:
            await self._calendar_changed(community)
        return plan

    async def move(self, community: Community, when: dt.datetime) -> calendar.Plan:
        config, now = community.config, self.clock.now()
        plan = await self.store.run(
            calendar.move_next, community=community.id, config=config, now=now, when=when
        )
        await self._calendar_changed(community)
        return plan

    async def _calendar_changed(self, community: Community) -> None:
        self.outreach.issue_changed(community.id)
        for listener in self.calendar_changed:
            await listener(community)
