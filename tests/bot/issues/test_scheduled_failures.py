"""A scheduled job that raises does not end the schedule (issue 12, item 1).

The fault is real: another connection holds the database's write lock while the bot's
store waits only briefly, so publishing raises "database is locked" as it would in
production when another writer holds on for longer than the busy timeout.
"""

import contextlib
import datetime as dt
import sqlite3

from adapters.bootstrap import scheduler_for
from bot.chat import commands
from bot.clock import ManualClock
from bot.core import Core
from bot.issues import calendar
from bot.issues.results import PublishStatus
from bot.render.plain import render_plain
from bot.store import issues
from bot.store.database import Store
from tests.bot.helpers import approved
from tests.conftest import EDITOR, make_config
from tests.fakes.surface import RecordingSurface

UTC = dt.UTC
CONFIG = make_config(intake={"cooldown": "0s"}, issue={"min_items": 1})
FRIDAY = dt.datetime(2026, 11, 27, 15, tzinfo=UTC)  # 10:00 in New York
SLOW = dt.timedelta(hours=1)  # retries armed, but the test fires them itself


@contextlib.contextmanager
def another_writer(db_path):
    """Another process's long write transaction: the write lock is held until the block ends."""
    conn = sqlite3.connect(db_path, isolation_level=None)
    conn.execute("BEGIN IMMEDIATE")
    conn.execute(
        "INSERT OR REPLACE INTO state (community_id, key, value) VALUES (1, 'other', 'writer')"
    )
    try:
        yield
    finally:
        conn.execute("COMMIT")
        conn.close()


@contextlib.asynccontextmanager
async def running_bot(db_path, clock, surface):
    store = Store(db_path, busy_timeout=0.05)
    core = Core(store=store, config=CONFIG, clock=clock)
    core.attach(surface)
    scheduler = scheduler_for(core, retry_after=SLOW)
    await scheduler.start()
    try:
        yield core, scheduler
    finally:
        scheduler.stop()
        await core.settle()
        store.close()


async def fire(scheduler, job_id):
    """Run an armed APScheduler job now, as its timer would."""
    job = scheduler.scheduler.get_job(job_id)
    assert job is not None, f"{job_id} is not armed"
    return await job.func(*job.args)


async def status(core):
    reply = await commands.handle(core, core.community, EDITOR, "/victories", "status")
    return reply.plain()


def notes(surface):
    return [render_plain(note) for note in surface.moderator_notes]


async def test_a_failing_scheduled_publish_is_retried_told_once_and_next_week_armed(db_path):
    clock = ManualClock(dt.datetime(2026, 11, 25, 17, tzinfo=UTC))
    surface = RecordingSurface()
    async with running_bot(db_path, clock, surface) as (core, scheduler):
        await approved(core, "The library stays open on Sundays")
        clock.current = FRIDAY + dt.timedelta(seconds=5)
        with another_writer(db_path):
            assert await scheduler.run_due() is None  # failed, and did not raise
            await fire(scheduler, "job_issue-retry")  # still locked: fails again
            told = [n for n in notes(surface) if "failed" in n]
            assert len(told) == 1, notes(surface)
            assert "Publishing the scheduled issue failed: database is locked" in told[0]
            assert "The next try is" in told[0]
            # `status` only reads, so it answers while the other writer holds the lock.
            text = await status(core)
            assert "(overdue)" in text and "database is locked" in text
            assert "next try" in text
            assert core.store.call(issues.published, community=1) == []
        clock.advance(dt.timedelta(minutes=3))
        plan = await fire(scheduler, "job_issue-retry")
        assert [i.number for i in core.store.call(issues.published, community=1)] == [1]
        assert len(surface.posts_to("#general")) >= 1
        assert plan.due == FRIDAY + dt.timedelta(days=7)
        armed = scheduler.scheduler.get_job("next-issue")
        assert armed is not None and armed.args == ()
        assert any("worked on a later try" in n for n in notes(surface))
        text = await status(core)
        assert "overdue" not in text and "failed" not in text
        assert calendar.local(CONFIG, FRIDAY + dt.timedelta(days=7)) in text


async def test_status_reads_only(db_path):
    """Asked before any draft exists, `status` creates none (it must answer under a lock)."""
    clock = ManualClock(dt.datetime(2026, 11, 25, 17, tzinfo=UTC))
    surface = RecordingSurface()
    async with running_bot(db_path, clock, surface) as (core, scheduler):
        with another_writer(db_path):
            text = await status(core)
        assert "Next issue: 1" in text
        assert core.store.call(lambda db: list(db.query("SELECT number FROM issues"))) == []


async def test_a_failing_reminder_is_retried(db_path, monkeypatch):
    clock = ManualClock(dt.datetime(2026, 11, 25, 17, tzinfo=UTC))
    surface = RecordingSurface()
    async with running_bot(db_path, clock, surface) as (core, scheduler):
        job = scheduler.scheduler.get_job("reminder")
        assert job is not None
        await approved(core, "Waiting for the reminder")
        # The reminder only reads now; its read fails as a locked or full disk would.
        real = core.issues.next_issue

        async def broken(community):
            raise sqlite3.OperationalError("disk I/O error")

        monkeypatch.setattr(core.issues, "next_issue", broken)
        assert await job.func(*job.args) is None
        assert scheduler.scheduler.get_job("job_reminder-retry") is not None
        monkeypatch.setattr(core.issues, "next_issue", real)
        assert await fire(scheduler, "job_reminder-retry") is True
        assert any("The reminder to editors failed: disk I/O error" in n for n in notes(surface))
        assert any("The reminder to editors worked" in n for n in notes(surface))
        assert any("Issue 1 goes out" in n for n in notes(surface)), notes(surface)
        assert scheduler.guard.trouble == {}


async def test_the_ten_minute_retry_job_survives_a_failure(db_path):
    clock = ManualClock(dt.datetime(2026, 11, 25, 17, tzinfo=UTC))
    surface = RecordingSurface()
    surface.fail_channels = {"#general"}
    async with running_bot(db_path, clock, surface) as (core, scheduler):
        await approved(core, "The bus line is saved")
        result = await core.issues.publish(core.community, force=True)
        assert result.status == PublishStatus.PARTIAL  # the 10-minute job will retry it
        surface.fail_channels = set()
        with another_writer(db_path):
            assert await fire(scheduler, "retry-failed") is None
            assert scheduler.scheduler.get_job("retry-failed") is not None
        await fire(scheduler, "job_retry-retry")
        assert [i.number for i in core.store.call(issues.published, community=1)] == [1]
        assert any("Retrying the channels that failed failed" in n for n in notes(surface))


async def test_a_run_still_failing_past_the_grace_is_reported_missed_and_next_week_armed(
    db_path,
):
    clock = ManualClock(dt.datetime(2026, 11, 25, 17, tzinfo=UTC))
    surface = RecordingSurface()
    async with running_bot(db_path, clock, surface) as (core, scheduler):
        await approved(core, "The clinic got its grant")
        await status(core)
        clock.current = FRIDAY + dt.timedelta(seconds=5)
        with another_writer(db_path):
            assert await scheduler.run_due() is None
        clock.current = FRIDAY + CONFIG.schedule.misfire_grace + dt.timedelta(minutes=1)
        plan = await fire(scheduler, "job_issue-retry")
        assert plan.due == FRIDAY + dt.timedelta(days=7)
        assert core.store.call(issues.published, community=1) == []
        assert any("was missed" in n and "could not publish" in n for n in notes(surface))
        assert scheduler.scheduler.get_job("next-issue") is not None
