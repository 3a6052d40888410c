"""Benchmark data: sentences, a bulk-written published archive, and waiting items made
through the core (so their audit and review-card rows exist, as in a real database)."""

from __future__ import annotations

import datetime as dt
import random

from bot.core import Core
from bot.model import Actor, Decision, Submission
from bot.store.database import Store

EDITOR = Actor(platform="console", user_id="editor", display_name="Eve")

WORDS = [
    "council",
    "vote",
    "union",
    "tenant",
    "bill",
    "court",
    "judge",
    "park",
    "library",
    "school",
    "rent",
    "strike",
    "wage",
    "city",
    "state",
    "clinic",
    "water",
    "housing",
    "transit",
    "workers",
    "students",
    "neighbors",
    "coalition",
    "won",
    "blocked",
    "saved",
    "passed",
    "protected",
    "funded",
    "opened",
    "reversed",
]


def sentence(rng: random.Random) -> str:
    return " ".join(rng.choice(WORDS) for _ in range(rng.randint(8, 20))).capitalize() + "."


def fill(store: Store, *, issues: int, per_issue: int, seed: int = 1) -> None:
    """Published issues and their items, with each item's audit rows (submitted,
    approved) and review cards on two platforms, written in bulk (set-up, not measured)."""
    rng = random.Random(seed)
    start = dt.datetime(2000, 1, 7, tzinfo=dt.UTC)

    def write(db) -> None:
        with db.atomic():
            db.conn.executemany(
                "INSERT INTO issues (community_id, number, status, date, created_at, "
                "published_at) VALUES (1, ?, 'published', ?, ?, ?)",
                [
                    (n, (start + dt.timedelta(weeks=n)).date().isoformat(), "x", "x")
                    for n in range(1, issues + 1)
                ],
            )
            rows = []
            for n in range(1, issues + 1):
                for position in range(1, per_issue + 1):
                    text = sentence(rng)
                    rows.append(
                        (
                            len(rows) + 1,
                            text,
                            f"https://example.org/{n}/{position}",
                            "Ana",
                            f"u{position}",
                            n * 1000 + position,
                            n,
                            position,
                            text.lower(),
                        )
                    )
            db.conn.executemany(
                "INSERT INTO victories (community_id, number, text, link, thanks_to, credit, "
                "platform, user_id, display_name, status, approved_seq, issue_number, position, "
                "norm_text, created_at, updated_at) VALUES (1, ?, ?, ?, ?, 'name', 'console', ?, "
                "'Member', 'approved', ?, ?, ?, ?, '2000-01-01T00:00:00+00:00', 'x')",
                rows,
            )
            ids = [
                r[0] for r in db.execute("SELECT id FROM victories WHERE issue_number IS NOT NULL")
            ]
            db.conn.executemany(
                "INSERT INTO audit (community_id, at, platform, user_id, action, victory_id) "
                "VALUES (1, '2000-01-01', 'console', ?, ?, ?)",
                [
                    (who, action, i)
                    for i in ids
                    for who, action in (("u", "submit"), ("editor", "approve"))
                ],
            )
            db.conn.executemany(
                "INSERT INTO cards (platform, channel, message_id, victory_id) VALUES (?, ?, ?, ?)",
                [
                    (platform, "#review", f"{platform}-{i}", i)
                    for i in ids
                    for platform in ("slack", "discord")
                ],
            )

    store.call(write)


async def waiting_items(core: Core, count: int, *, seed: int = 4) -> None:
    """``count`` items submitted by members and approved by an editor, through the core."""
    rng = random.Random(seed)
    for k in range(count):
        member = Actor("console", f"waiting{k}", f"Member {k}")
        receipt = await core.submissions.submit(
            core.community, member, Submission(text=f"{sentence(rng)} ({k})")
        )
        await core.review.decide(core.community, EDITOR, receipt.number, Decision.APPROVE)
    await core.settle()
