"""A scheduled job that raises does not end the schedule (issue 12, item 1).

The fault is real: another connection holds the database's write lock while the bot's
store waits only briefly, so publishing raises "database is locked" as it would in
production when another writer holds on for longer than the busy timeout.
"""

import contextlib
import datetime as dt
import sqlite3

from bot import schedule as calendar
from bot.clock import ManualClock
from bot.commands import handle
from bot.job_guard import Backoff
from bot.newsroom import Newsroom
from bot.scheduler import IssueScheduler
from bot.store import issues
from bot.store.database import Store
from tests.bot.helpers import approved
from tests.conftest import EDITOR, make_config
from tests.fakes.surface import RecordingSurface

UTC = dt.UTC
CONFIG = make_config(intake={"cooldown": "0s"}, issue={"min_items": 1})
FRIDAY = dt.datetime(2026, 11, 27, 15, tzinfo=UTC)  # 10:00 in New York
SLOW = Backoff(first=dt.timedelta(hours=1))  # retries armed, but the test fires them itself


@contextlib.contextmanager
def another_writer(db_path):
    """Another process's long write transaction: the write lock is held until the block ends."""
    conn = sqlite3.connect(db_path, isolation_level=None)
    conn.execute("BEGIN IMMEDIATE")
    conn.execute("INSERT OR REPLACE INTO state (key, value) VALUES ('other', 'writer')")
    try:
        yield
    finally:
        conn.execute("COMMIT")
        conn.close()


@contextlib.asynccontextmanager
async def running_bot(db_path, clock, surface):
    store = Store(db_path, busy_timeout=0.05)
    room = Newsroom(store=store, config=CONFIG, clock=clock)
    room.attach(surface)
    scheduler = IssueScheduler(room, backoff=SLOW)
    await scheduler.start()
    try:
        yield room, scheduler
    finally:
        scheduler.stop()
        await room.settle()
        store.close()


async def fire(scheduler, job_id):
    """Run an armed APScheduler job now, as its timer would."""
    job = scheduler.scheduler.get_job(job_id)
    assert job is not None, f"{job_id} is not armed"
    return await job.func(*job.args)


def notes(surface):
    return [note.plain() for note in surface.moderator_notes]


async def test_a_failing_scheduled_publish_is_retried_told_once_and_next_week_armed(db_path):
    clock = ManualClock(dt.datetime(2026, 11, 25, 17, tzinfo=UTC))
    surface = RecordingSurface()
    async with running_bot(db_path, clock, surface) as (room, scheduler):
        await approved(room, "The library stays open on Sundays")
        clock.current = FRIDAY + dt.timedelta(seconds=5)
        with another_writer(db_path):
            assert await scheduler.run_due() is None  # failed, and did not raise
            await fire(scheduler, "job_issue-retry")  # still locked: fails again
            told = [n for n in notes(surface) if "failed" in n]
            assert len(told) == 1, notes(surface)
            assert "Publishing the scheduled issue failed: database is locked" in told[0]
            assert "The next try is" in told[0]
            status = (await handle(room, EDITOR, "/victories", "status")).plain()
            assert "(overdue)" in status and "database is locked" in status
            assert room.store.call(issues.published) == []
        clock.advance(dt.timedelta(minutes=3))
        plan = await fire(scheduler, "job_issue-retry")
        assert [i.number for i in room.store.call(issues.published)] == [1]
        assert len(surface.posts_to("#general")) >= 1
        assert plan.due == FRIDAY + dt.timedelta(days=7)
        armed = scheduler.scheduler.get_job("next-issue")
        assert armed is not None and armed.args == ()
        assert any("worked on a later try" in n for n in notes(surface))
        status = (await handle(room, EDITOR, "/victories", "status")).plain()
        assert "overdue" not in status and "failed" not in status
        assert calendar.local(CONFIG, FRIDAY + dt.timedelta(days=7)) in status


async def test_a_failing_reminder_is_retried(db_path):
    clock = ManualClock(dt.datetime(2026, 11, 25, 17, tzinfo=UTC))
    surface = RecordingSurface()
    async with running_bot(db_path, clock, surface) as (room, scheduler):
        job = scheduler.scheduler.get_job("reminder")
        assert job is not None
        with another_writer(db_path):  # no draft yet: the reminder must write one
            assert await job.func(*job.args) is None
            assert scheduler.scheduler.get_job("job_reminder-retry") is not None
        await fire(scheduler, "job_reminder-retry")
        assert any("The reminder to editors failed" in n for n in notes(surface))
        assert any("The reminder to editors worked" in n for n in notes(surface))
        assert scheduler.guard.trouble == {}


async def test_the_ten_minute_retry_job_survives_a_failure(db_path):
    clock = ManualClock(dt.datetime(2026, 11, 25, 17, tzinfo=UTC))
    surface = RecordingSurface()
    surface.fail_channels = {"#general"}
    async with running_bot(db_path, clock, surface) as (room, scheduler):
        await approved(room, "The bus line is saved")
        reply = await room.publish(force=True)
        assert not reply.ok  # the channel failed: the 10-minute job will retry it
        surface.fail_channels = set()
        with another_writer(db_path):
            assert await fire(scheduler, "retry-failed") is None
            assert scheduler.scheduler.get_job("retry-failed") is not None
        await fire(scheduler, "job_retry-retry")
        assert [i.number for i in room.store.call(issues.published)] == [1]
        assert any("Retrying the channels that failed failed" in n for n in notes(surface))


async def test_a_run_still_failing_past_the_grace_is_reported_missed_and_next_week_armed(
    db_path,
):
    clock = ManualClock(dt.datetime(2026, 11, 25, 17, tzinfo=UTC))
    surface = RecordingSurface()
    async with running_bot(db_path, clock, surface) as (room, scheduler):
        await approved(room, "The clinic got its grant")
        await handle(room, EDITOR, "/victories", "status")
        clock.current = FRIDAY + dt.timedelta(seconds=5)
        with another_writer(db_path):
            assert await scheduler.run_due() is None
        clock.current = FRIDAY + CONFIG.schedule.misfire_grace + dt.timedelta(minutes=1)
        plan = await fire(scheduler, "job_issue-retry")
        assert plan.due == FRIDAY + dt.timedelta(days=7)
        assert room.store.call(issues.published) == []
        assert any("was missed" in n and "could not publish" in n for n in notes(surface))
        assert scheduler.scheduler.get_job("next-issue") is not None
