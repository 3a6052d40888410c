"""The real bot, with another process holding the database's write lock across the due
time: the issue goes out once the database is free, and next week's run is armed
(issue 12, item 1 and its test R2). The lock is held a few seconds, with a busy timeout
and a retry delay to match, so the test stays quick; production waits 30 s and 60 s."""

from __future__ import annotations

import asyncio
import datetime as dt
import sys
import textwrap

import pytest

from bot.config import load_config
from bot.issues import calendar
from bot.store import cards
from bot.store.database import Store
from tests.reliability.bot_process import BotProcess, until
from tests.reliability.community import SLACK_REVIEW, Community
from tests.reliability.issue_check import check_issue_everywhere, seed_approved

SLACK_ONLY = {"slack_digests": 1, "discord_digests": 0}
FAST = {"VICTORIES_BUSY_TIMEOUT": "0.2", "VICTORIES_RETRY_AFTER": "0.3"}

# Another process: takes the write lock, says so, and holds it until told to let go.
LOCKER = textwrap.dedent(
    """
    import sqlite3, sys
    conn = sqlite3.connect(sys.argv[1], isolation_level=None)
    conn.execute("BEGIN IMMEDIATE")
    conn.execute("INSERT OR REPLACE INTO state (community_id, key, value) VALUES (1, 'locker', 'here')")
    print("locked", flush=True)
    sys.stdin.readline()
    conn.execute("COMMIT")
    print("released", flush=True)
    """
)


def move_issue_to(community: Community, when: dt.datetime, *, items: int) -> None:
    """Due at ``when``; the items' review cards already posted (so start-up writes nothing)."""
    config = load_config(community.workdir / "victories.yaml")
    store = Store(community.db_path)
    try:
        now = dt.datetime.now(dt.UTC)
        store.call(
            cards.add_many,
            [
                ("slack", SLACK_REVIEW, f"1700000000.{number:06d}", number, 1)
                for number in range(1, items + 1)
            ],
        )
        store.call(calendar.ensure_started, community=1, now=now)
        store.call(calendar.move_next, community=1, config=config, now=now, when=when)
    finally:
        store.close()


def published(community: Community) -> list[int]:
    return [
        r["number"] for r in community.query("SELECT number FROM issues WHERE status = 'published'")
    ]


@pytest.mark.timeout(120)
@pytest.mark.parametrize("community", [SLACK_ONLY], indirect=True)
async def test_issue_goes_out_after_the_lock_is_released_and_next_week_is_armed(
    community: Community,
):
    bot = BotProcess(community.workdir, community.env() | FAST)
    seed_approved(community, 3, length=60)
    due = dt.datetime.now(dt.UTC) + dt.timedelta(seconds=2)
    move_issue_to(community, due, items=3)
    locker = await asyncio.create_subprocess_exec(
        sys.executable,
        "-c",
        LOCKER,
        str(community.db_path),
        stdin=asyncio.subprocess.PIPE,
        stdout=asyncio.subprocess.PIPE,
    )
    try:
        assert (await locker.stdout.readline()).strip() == b"locked"
        await bot.start()
        await bot.ready()
        # Held across the due time, and until the bot has failed to publish at least twice.
        await until(
            lambda: len(bot.logged("scheduled job failed job=job_issue")) >= 2,
            timeout=60,
            what="the scheduled run to fail while the database is locked",
            bot=bot,
        )
        assert dt.datetime.now(dt.UTC) > due
        assert published(community) == []
        assert len(bot.logged("Traceback")) <= 1  # the traceback once, not at every try
        locker.stdin.write(b"go\n")
        await locker.stdin.drain()
        assert (await locker.stdout.readline()).strip() == b"released"
    finally:
        if locker.returncode is None:
            locker.kill()
        await locker.wait()
    try:
        await until(lambda: published(community) == [1], timeout=60, what="the issue", bot=bot)
        await until(
            lambda: bool(bot.logged("scheduled job recovered job=job_issue")),
            timeout=30,
            what="the run to be recorded",
            bot=bot,
        )
        armed = bot.logged("next issue due=")[-1]
        due_at = dt.datetime.fromisoformat(armed.split("next issue due=")[1].split()[0])
        assert due_at - dt.datetime.now(dt.UTC) > dt.timedelta(days=6), armed
        told = [m["text"] for m in community.slack.posts(SLACK_REVIEW) if "failed" in m["text"]]
        assert len(told) == 1 and "database is locked" in told[0], told
    finally:
        await bot.stop()
    check_issue_everywhere(community, 1)
