"""The scheduler in the bot's process: on time, caught up once, never twice."""

import asyncio
import datetime as dt
import logging

import pytest

from adapters.bootstrap import scheduler_for
from bot.chat import commands
from bot.clock import ManualClock, SystemClock
from bot.core import Core
from bot.issues import calendar
from bot.render.plain import render_plain
from bot.store import issues
from bot.store.database import Store
from bot.store.lock import AlreadyRunning, ProcessLock
from tests.bot.helpers import approved
from tests.conftest import make_config
from tests.fakes.surface import RecordingSurface

UTC = dt.UTC
CONFIG = make_config(intake={"cooldown": "0s"}, issue={"min_items": 1})
FRIDAY = dt.datetime(2026, 11, 27, 15, tzinfo=UTC)  # 10:00 in New York


class Process:
    """One run of the bot: its own store connection, core and scheduler."""

    def __init__(self, db_path, clock, surface, config=CONFIG):
        self.store = Store(db_path)
        self.core = Core(store=self.store, config=config, clock=clock)
        self.core.attach(surface)
        self.scheduler = scheduler_for(self.core)

    async def __aenter__(self):
        await self.core.resume()
        await self.scheduler.start()
        return self

    async def __aexit__(self, *exc):
        self.scheduler.stop()
        await self.core.settle()
        self.store.close()


def published_numbers(store):
    return [i.number for i in store.call(issues.published, community=1)]


async def test_posts_at_the_configured_local_time_across_dst(db_path):
    clock = ManualClock(dt.datetime(2026, 10, 20, 12, tzinfo=UTC))
    surface = RecordingSurface()
    async with Process(db_path, clock, surface) as bot:
        expected = [
            dt.datetime(2026, 10, 23, 14, tzinfo=UTC),
            dt.datetime(2026, 10, 30, 14, tzinfo=UTC),
            dt.datetime(2026, 11, 6, 15, tzinfo=UTC),
        ]
        for week, due in enumerate(expected, start=1):
            await approved(bot.core, f"Victory of week {week}")
            clock.current = due - dt.timedelta(minutes=1)
            plan = await bot.scheduler.run_due()
            assert plan.due == due and len(published_numbers(bot.store)) == week - 1
            clock.current = due
            await bot.scheduler.run_due()
            assert published_numbers(bot.store) == list(range(1, week + 1))
            issue = bot.store.call(issues.get, community=1, number=week)
            assert issue.date == due.astimezone(CONFIG.community.zone).date().isoformat()


async def test_restart_within_grace_posts_once(db_path):
    clock = ManualClock(dt.datetime(2026, 11, 25, 17, tzinfo=UTC))
    surface = RecordingSurface()
    async with Process(db_path, clock, surface) as bot:
        await approved(bot.core, "Waiting while the bot is down")
    clock.current = FRIDAY + dt.timedelta(hours=2)  # the bot was down at 10:00
    async with Process(db_path, clock, surface) as bot:
        assert published_numbers(bot.store) == [1]
    async with Process(db_path, clock, surface) as bot:
        assert published_numbers(bot.store) == [1]
    assert len({key for _, key, _ in surface.posts}) == len(surface.posts)


async def test_restart_beyond_grace_posts_nothing_and_says_so(db_path, caplog):
    clock = ManualClock(dt.datetime(2026, 11, 25, 17, tzinfo=UTC))
    surface = RecordingSurface()
    async with Process(db_path, clock, surface) as bot:
        await approved(bot.core, "Waiting while the bot is down")
    clock.current = FRIDAY + dt.timedelta(hours=7)
    with caplog.at_level(logging.WARNING, logger="victories.scheduler"):
        async with Process(db_path, clock, surface) as bot:
            assert published_numbers(bot.store) == []
            plan = await bot.store.run(
                calendar.next_plan, community=1, config=CONFIG, now=clock.now()
            )
            assert plan.due == FRIDAY + dt.timedelta(days=7)
    assert surface.posts == []
    assert any("missed" in render_plain(note) for note in surface.moderator_notes)
    assert any("scheduled issue missed" in r.message for r in caplog.records)


async def test_a_run_that_crashed_after_freezing_is_not_published_twice(db_path):
    clock = ManualClock(dt.datetime(2026, 11, 25, 17, tzinfo=UTC))
    surface = RecordingSurface()
    async with Process(db_path, clock, surface) as bot:
        await approved(bot.core, "First")
        await approved(bot.core, "Second")
        # The run published, then the process died before recording the run as handled.
        await bot.core.issues.publish(
            bot.core.community, force=False, date=FRIDAY.date(), slot=calendar.iso(FRIDAY)
        )
        await approved(bot.core, "Third, for next week")
    clock.current = FRIDAY + dt.timedelta(minutes=5)
    async with Process(db_path, clock, surface) as bot:
        assert published_numbers(bot.store) == [1]
    # Nothing to tell the editors: the issue went out (issue 12, item 8).
    assert surface.moderator_notes == [], [render_plain(n) for n in surface.moderator_notes]


async def test_thin_week_skip_tells_the_editors(db_path):
    config = make_config(intake={"cooldown": "0s"}, issue={"min_items": 3, "when_thin": "skip"})
    clock = ManualClock(dt.datetime(2026, 11, 25, 17, tzinfo=UTC))
    surface = RecordingSurface()
    async with Process(db_path, clock, surface, config) as bot:
        await approved(bot.core, "Lonely victory")
        clock.current = FRIDAY
        await bot.scheduler.run_due()
        assert published_numbers(bot.store) == []
        assert any("skipped" in render_plain(note) for note in surface.moderator_notes)


async def test_reminder_nudges_editors_only_when_there_is_work(db_path):
    clock = ManualClock(dt.datetime(2026, 11, 25, 17, tzinfo=UTC))
    surface = RecordingSurface()
    async with Process(db_path, clock, surface) as bot:
        from bot.model import Actor, Submission

        await commands.submit(
            bot.core,
            bot.core.community,
            Actor("console", "x", "X"),
            Submission(text="Needs review"),
        )
        assert await bot.scheduler.remind()
        note = render_plain(surface.moderator_notes[-1])
        assert "1 victory waiting for review" in note and "editor's note" in note


async def test_two_processes_on_one_database_never_both_run(db_path):
    first = ProcessLock(str(db_path))
    first.acquire()
    with pytest.raises(AlreadyRunning, match="already running"):
        ProcessLock(str(db_path)).acquire()
    first.release()
    second = ProcessLock(str(db_path))
    second.acquire()  # free again once the first has stopped (or died)
    second.release()


async def test_real_apscheduler_fires_a_moved_issue_on_time(db_path):
    surface = RecordingSurface()
    async with Process(db_path, SystemClock(), surface) as bot:
        await approved(bot.core, "Early edition")
        when = dt.datetime.now(UTC) + dt.timedelta(seconds=1)
        await bot.core.issues.move(bot.core.community, when)
        for _ in range(50):
            if published_numbers(bot.store):
                break
            await asyncio.sleep(0.1)
        assert published_numbers(bot.store) == [1]
