"""One scheduler for the process runs every community's calendar, each in its own zone;
a community that appears or changes its schedule is re-planned at once."""

from __future__ import annotations

import datetime as dt

from adapters.bootstrap import schedules_for
from bot.clock import ManualClock
from bot.core import Core
from bot.model import Decision, Submission
from bot.store import issues
from tests.bot.helpers import approved
from tests.conftest import EDITOR, make_config
from tests.fakes.surface import RecordingSurface

UTC = dt.UTC
CONFIG = make_config(intake={"cooldown": "0s"}, issue={"min_items": 1})
WEDNESDAY = dt.datetime(2026, 11, 25, 17, tzinfo=UTC)


def published(core: Core, community_id: int) -> list[int]:
    return [i.number for i in core.store.call(issues.published, community=community_id)]


async def test_each_community_publishes_on_its_own_day_in_its_own_zone(store):
    clock = ManualClock(WEDNESDAY)
    core = Core(store=store, config=CONFIG, clock=clock)
    core.attach(RecordingSurface())
    a = core.community  # Friday 10:00 New York (the defaults)
    b = await core.communities.for_place("console", "madrid", create=True)
    for key, value in (
        ("community.timezone", "Europe/Madrid"),
        ("schedule.weekday", "thursday"),
        ("schedule.time", "09:00"),
        ("intake.cooldown", "0s"),
    ):
        b = await core.communities.change(b, EDITOR, key, value)
    schedules = schedules_for(core)
    await schedules.start(await core.communities.every())
    try:
        jobs = {job.id for job in schedules.apscheduler.get_jobs()}
        assert {"next-issue", f"c{b.id}:next-issue"} <= jobs
        await approved(core, "News from the first")
        receipt = await core.submissions.submit(b, EDITOR, Submission(text="News from Madrid"))
        await core.review.decide(b, EDITOR, receipt.number, Decision.APPROVE)
        # Thursday 09:00 in Madrid is 08:00 UTC: only the second community is due.
        clock.current = dt.datetime(2026, 11, 26, 8, 1, tzinfo=UTC)
        await schedules.by_community[a.id].run_due()
        await schedules.by_community[b.id].run_due()
        assert published(core, a.id) == [] and published(core, b.id) == [1]
        # Friday 10:00 in New York is 15:00 UTC.
        clock.current = dt.datetime(2026, 11, 27, 15, 1, tzinfo=UTC)
        await schedules.by_community[a.id].run_due()
        assert published(core, a.id) == [1] and published(core, b.id) == [1]
    finally:
        schedules.stop()
        await core.settle()


async def test_a_community_that_appears_or_changes_is_planned_at_once(store):
    clock = ManualClock(WEDNESDAY)
    core = Core(store=store, config=CONFIG, clock=clock)
    core.attach(RecordingSurface())
    schedules = schedules_for(core)
    await schedules.start(await core.communities.every())
    try:
        late = await core.communities.for_place("console", "late", create=True)
        job = schedules.apscheduler.get_job(f"c{late.id}:next-issue")
        assert job is not None
        first = job.next_run_time
        await core.communities.change(late, EDITOR, "schedule.weekday", "monday")
        moved = schedules.apscheduler.get_job(f"c{late.id}:next-issue").next_run_time
        assert moved > first  # Monday comes after this week's Friday
        await core.communities.paused(late)
        assert schedules.by_community[late.id].community.paused
    finally:
        schedules.stop()
        await core.settle()
