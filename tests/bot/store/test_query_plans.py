"""Every query the bot runs on a hot path reads an index, not a whole table.

The statements are not listed by hand: the real use cases run against real SQLite with a
trace on the connection (submit, react, decide, undo, preview, publish, the retry job,
the queue, the archive refresh), and each statement they ran is checked with
``EXPLAIN QUERY PLAN``. A full ``SCAN`` of victories, deliveries, cards or audit fails.
"""

from __future__ import annotations

import re

from adapters.archive_setup import attach_archive
from bot.core import Core
from bot.model import Actor, Decision, Submission
from bot.store import cards, deliveries
from tests.conftest import EDITOR, make_config
from tests.fakes.surface import RecordingSurface

# v, c: aliases used; issues: 2,000 rows in a big archive, walked by no refresh.
BIG_TABLES = {"victories", "deliveries", "cards", "audit", "issues", "v", "c"}
FULL_SCAN = re.compile(r"^SCAN (\w+)$")
# Walking the table in rowid order and stopping after a few rows is not a full scan.
NEWEST_FEW = re.compile(r"ORDER BY id DESC LIMIT \d+$")


def plans(db, statements: list[str]) -> dict[str, list[str]]:
    found = {}
    for sql in statements:
        if not re.match(r"\s*(SELECT|UPDATE|DELETE|INSERT)", sql, re.I):
            continue
        found[sql] = [row[3] for row in db.execute("EXPLAIN QUERY PLAN " + sql).fetchall()]
    return found


async def test_hot_queries_use_an_index(store, clock, tmp_path):
    config = make_config(
        intake={"cooldown": "0s"},
        issue={"min_items": 1, "max_items": 3},
        archive={"out": str(tmp_path / "site")},
    )
    core = Core(store=store, config=config, clock=clock)
    core.attach(RecordingSurface(digest=("#a", "#b")))
    attach_archive(core)
    statements: list[str] = []
    store.call(lambda db: db.conn.set_trace_callback(statements.append))
    numbers = []
    for n in range(8):
        member = Actor("console", f"m{n}", f"Member {n}")
        receipt = await core.submissions.submit(
            core.community, member, Submission(text=f"Victory {n} at the council", link=None)
        )
        numbers.append(receipt.number)
    await core.settle()
    for number in numbers[:6]:
        await core.review.decide(core.community, EDITOR, number, Decision.APPROVE)
    await core.review.decide(core.community, EDITOR, numbers[6], Decision.REJECT)
    card = store.call(cards.of_victory, numbers[7])[0]
    await core.review.react(
        core.community,
        actor=EDITOR,
        platform="console",
        channel=card["channel"],
        message_id=card["message_id"],
        emoji="star",
        added=True,
    )
    await core.review.decide(core.community, EDITOR, numbers[0], Decision.APPROVE, undo=True)
    await core.issues.preview(core.community)
    await core.issues.next_issue(core.community)
    await core.review.queue(core.community, EDITOR)
    await core.issues.publish(core.community, force=True)
    await core.issues.retry_failed(core.community)
    await core.resume()
    await core.settle()
    store.call(deliveries.any_unfinished, community=core.community.id)
    store.call(lambda db: db.conn.set_trace_callback(None))
    scans = {
        sql: plan
        for sql, plan in store.call(plans, statements).items()
        if (
            any((m := FULL_SCAN.match(step)) and m.group(1) in BIG_TABLES for step in plan)
            and not NEWEST_FEW.search(sql)
        )
        # Sorting to keep a few rows would read them all.
        or (" LIMIT " in sql and any("TEMP B-TREE FOR" in step for step in plan))
    }
    ran = "\n".join(statements)
    for hot in ("ORDER BY featured DESC", "max(approved_seq)", "state != 'sent' LIMIT 1"):
        assert hot in ran  # the compose, approval and retry-job queries were exercised
    # The archive refresh's: the list of years, the issue's year, its older neighbour.
    for hot in ("ORDER BY date LIMIT 1", "date IS NULL LIMIT 1", "date < '", "number < "):
        assert hot in ran
    assert not scans, scans
