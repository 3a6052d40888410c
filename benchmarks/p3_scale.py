"""P3 — scale: a big archive (100,000 victories across 2,000 issues).

Figures: time to compose the next issue (target <= 50 ms; baseline: the bare SQL query for
the same rows), intake throughput through the core with a burst of members (target >= 2,000
submissions/s; baseline: bare SQLite inserts of the same rows), full archive export at
500 / 1,000 / 2,000 issues (must grow linearly), and the database size.
"""

from __future__ import annotations

import asyncio
import datetime as dt
import random
import tempfile
import time
from pathlib import Path

from benchmarks.results import Result, median
from bot.archive.export import export_site
from bot.chat import commands
from bot.config import parse_config
from bot.core import Core
from bot.issues.selection import preview
from bot.model import Actor, Submission
from bot.store.database import Store

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
CONFIG = parse_config({"intake": {"cooldown": "0s", "per_user_per_day": 10000}}, source="bench")


def sentence(rng: random.Random) -> str:
    return " ".join(rng.choice(WORDS) for _ in range(rng.randint(8, 20))).capitalize() + "."


def fill(store: Store, *, issues: int, per_issue: int, seed: int = 1) -> None:
    """Published issues and their items, written in bulk (setup, not measured)."""
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
                            "name",
                            "console",
                            f"u{position}",
                            "Member",
                            "approved",
                            n,
                            position,
                            text.lower(),
                            "2000-01-01T00:00:00+00:00",
                            "x",
                        )
                    )
            db.conn.executemany(
                "INSERT INTO victories (community_id, number, text, link, thanks_to, credit, "
                "platform, user_id, display_name, status, issue_number, position, norm_text, "
                "created_at, updated_at) VALUES (1, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                rows,
            )
            db.conn.executemany(
                "INSERT INTO victories (community_id, number, text, credit, platform, user_id, "
                "display_name, status, approved_seq, norm_text, created_at, updated_at) "
                "VALUES (1, ?, ?, 'name', 'console', 'u', 'U', 'approved', ?, ?, '2000-01-01', 'x')",
                [
                    (len(rows) + 1 + k, f"Waiting item {k}", k, f"waiting item {k}")
                    for k in range(30)
                ],
            )

    store.call(write)


def compose_times(store: Store, runs: int) -> tuple[float, float]:
    now = dt.datetime.now(dt.UTC)
    ours, bare = [], []
    for _ in range(runs):
        t = time.perf_counter()
        view = store.call(preview, community=1, config=CONFIG, now=now, date=now.date())
        ours.append(time.perf_counter() - t)
        t = time.perf_counter()
        store.call(
            lambda db: db.execute(
                "SELECT * FROM victories WHERE community_id = 1 AND status = 'approved' AND issue_number IS NULL "
                "ORDER BY featured DESC, approved_seq, id LIMIT 12"
            ).fetchall()
        )
        bare.append(time.perf_counter() - t)
    assert len(view.entries) == 12
    return median(ours), median(bare)


async def intake_rate(store: Store, count: int, clients: int) -> float:
    core = Core(store=store, config=CONFIG)
    rng = random.Random(2)
    texts = [sentence(rng) for _ in range(count)]
    queue = list(enumerate(texts))

    async def client(k: int) -> None:
        while queue:
            i, text = queue.pop()
            reply = await commands.submit(
                core, core.community, Actor("console", f"bench{k}-{i}", "B"), Submission(text=text)
            )
            assert reply.ok, reply.plain()

    t = time.perf_counter()
    await asyncio.gather(*(client(k) for k in range(clients)))
    return count / (time.perf_counter() - t)


def bare_insert_rate(path: Path, count: int) -> float:
    import sqlite3

    conn = sqlite3.connect(path, isolation_level=None)
    conn.execute("PRAGMA journal_mode=WAL")
    conn.execute("PRAGMA synchronous=FULL")
    conn.execute("CREATE TABLE t (id INTEGER PRIMARY KEY, text TEXT, created_at TEXT)")
    rng = random.Random(3)
    rows = [(sentence(rng), "2026-01-01") for _ in range(count)]
    t = time.perf_counter()
    for start in range(0, count, 200):  # the same batching the core's group commit achieves
        conn.execute("BEGIN")
        conn.executemany(
            "INSERT INTO t (text, created_at) VALUES (?, ?)", rows[start : start + 200]
        )
        conn.execute("COMMIT")
    rate = count / (time.perf_counter() - t)
    conn.close()
    return rate


def export_time(store: Store, out: Path) -> float:
    t = time.perf_counter()
    store.call(export_site, community=1, config=CONFIG, out=out)
    return time.perf_counter() - t


def run(*, quick: bool = False) -> list[Result]:
    issues, per_issue = (40, 10) if quick else (2000, 50)
    results: list[Result] = []
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        store = Store(root / "scale.db")
        fill(store, issues=issues, per_issue=per_issue)
        ours, bare = compose_times(store, 5 if quick else 30)
        total = issues * per_issue
        results.append(
            Result(
                "P3",
                f"compose next issue ({total:,} stored)",
                ours * 1000,
                "ms",
                "<= 50",
                f"{ours / bare:.1f}x the bare SQL query",
            )
        )
        count = 200 if quick else 4000
        rate = asyncio.run(intake_rate(store, count, clients=50))
        bare_rate = bare_insert_rate(root / "bare.db", count)
        results.append(
            Result(
                "P3",
                "intake throughput (50 clients)",
                rate,
                "items/s",
                ">= 2000",
                f"{rate / bare_rate:.2f}x bare batched inserts",
            )
        )
        per_issue_times = {}
        sizes = (10, 20, 40) if quick else (500, 1000, 2000)
        for size in sizes:
            store.call(
                lambda db, n=size: db.execute(
                    "UPDATE issues SET status = CASE WHEN number <= ? THEN 'published' ELSE 'skipped' END "
                    "WHERE status IN ('published', 'skipped')",
                    [n],
                )
            )
            seconds = export_time(store, root / f"site{size}")
            per_issue_times[size] = seconds / size
            results.append(Result("P3", f"export {size} issues", seconds, "s"))
        growth = per_issue_times[sizes[-1]] / per_issue_times[sizes[0]]
        results.append(
            Result(
                "P3",
                f"export time per issue, {sizes[-1]} vs {sizes[0]}",
                growth,
                "x",
                "<= 1.3",
                "1.0 = linear",
            )
        )
        store.close()
        size = (root / "scale.db").stat().st_size
        results.append(
            Result(
                "P3",
                "database size",
                size / 2**20,
                "MiB",
                note=f"{size / max(total, 1):.0f} bytes per victory",
            )
        )
    return results
