"""Errors in background work are logged once, with context, and reach the person waiting
on the result (issue 12, item 5)."""

import asyncio
import contextlib
import logging
import sqlite3

from bot.chat import commands
from bot.core import Core
from bot.model import Submission
from bot.render.plain import render_plain
from bot.store import cards
from bot.store.database import Store
from tests.conftest import MEMBER, OTHER
from tests.fakes.surface import RecordingSurface


@contextlib.contextmanager
def another_writer(db_path):
    conn = sqlite3.connect(db_path, isolation_level=None)
    conn.execute("BEGIN IMMEDIATE")
    try:
        yield
    finally:
        conn.execute("ROLLBACK")
        conn.close()


async def test_a_card_that_cannot_be_recorded_is_logged_and_the_editors_told(
    db_path, config, clock, caplog
):
    store = Store(db_path, busy_timeout=0.05)
    surface = RecordingSurface()
    surface.card_gate = asyncio.Event()
    core = Core(store=store, config=config, clock=clock)
    core.attach(surface)
    core.outreach.record_delays = (0.0,)
    try:
        reply = await commands.submit(
            core, core.community, MEMBER, Submission(text="The shelter stays open")
        )
        assert reply.ok  # the item is stored: the receipt is true
        with caplog.at_level(logging.INFO), another_writer(db_path):
            surface.card_gate.set()
            await core.settle()
        failures = [r for r in caplog.records if r.levelno >= logging.ERROR]
        assert len(failures) == 1, [r.getMessage() for r in failures]
        assert "card posted but not recorded victory=1 platform=console" in failures[0].getMessage()
        notes = [render_plain(n) for n in surface.moderator_notes]
        assert any("#1" in n and "/victories approve 1" in n for n in notes), notes
        # The queue goes on: the next item's card is posted and recorded.
        receipt = await core.submissions.submit(
            core.community, OTHER, Submission(text="The rent freeze passed")
        )
        assert receipt.number == 2
        await core.settle()
        assert store.call(cards.of_victory, 2)
    finally:
        await core.settle()
        store.close()


async def test_a_failing_background_task_is_logged_with_its_name(store, config, clock, caplog):
    core = Core(store=store, config=config, clock=clock)

    async def refresh_that_breaks() -> None:
        raise RuntimeError("surface exploded")

    with caplog.at_level(logging.ERROR, logger="victories.background"):
        core.tasks.spawn(refresh_that_breaks(), what="refreshing cards of #7")
        await core.settle()
    logged = [r for r in caplog.records if "background task failed" in r.getMessage()]
    assert len(logged) == 1, [r.getMessage() for r in logged]
    assert "refreshing cards of #7" in logged[0].getMessage()
    assert "refresh_that_breaks" in logged[0].getMessage()
    assert "surface exploded" in str(logged[0].exc_info[1])
