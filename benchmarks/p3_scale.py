"""P3 — scale: a big archive (100,000 victories across 2,000 issues, with their audit and
review-card rows) and 10,000 approved items waiting, made through the core.

Figures:
- compose the next issue with 10,000 waiting (target <= 50 ms; baseline: the bare SQL
  query for the 12 rows an issue holds);
- approval: an editor's decision at 1,000 rows and at 100,000 (the ratio shows whether it
  grows with the table);
- intake through the core with 50 members at once, several rounds, the first and the warm
  (median of the rest) reported (target >= 2,000 items/s), each as a ratio to bare batched
  inserts of the same rows (victory and audit row, batches of 200) into the same schema,
  in the same run;
- the archive refresh after a publish at 500, 1,000 and 2,000 issues (benchmarks/p3_refresh.py);
- the database size.
"""

from __future__ import annotations

import asyncio
import datetime as dt
import random
import tempfile
import time
from pathlib import Path

from benchmarks.corpus import EDITOR, fill, sentence, waiting_items
from benchmarks.p3_refresh import refresh_results
from benchmarks.results import Result, median
from bot.config import parse_config
from bot.core import Core
from bot.issues.selection import preview
from bot.model import Actor, Decision, Submission
from bot.store.database import Store, open_database
from tests.fakes.surface import RecordingSurface

CONFIG = parse_config({"intake": {"cooldown": "0s", "per_user_per_day": 10000}}, source="bench")


def core_on(store: Store) -> Core:
    core = Core(store=store, config=CONFIG)
    core.attach(RecordingSurface())  # review cards are posted and recorded as in a real run
    return core


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
                "SELECT * FROM victories INDEXED BY victories_ready WHERE community_id = 1 "
                "AND status = 'approved' AND issue_number IS NULL "
                "ORDER BY featured DESC, approved_seq, id LIMIT 12"
            ).fetchall()
        )
        bare.append(time.perf_counter() - t)
    assert len(view.entries) == 12
    return median(ours), median(bare)


async def approval_time(core: Core, count: int) -> float:
    """Median seconds for an editor's approval of a fresh pending item."""
    times = []
    for k in range(count):
        member = Actor("console", f"approve{k}-{time.monotonic_ns()}", "A")
        receipt = await core.submissions.submit(
            core.community, member, Submission(text=f"Approval probe {k} {time.time_ns()}")
        )
        t = time.perf_counter()
        await core.review.decide(core.community, EDITOR, receipt.number, Decision.APPROVE)
        times.append(time.perf_counter() - t)
    await core.settle()
    return median(times)


async def intake_rate(core: Core, texts: list[str], clients: int, tag: str) -> float:
    queue = list(enumerate(texts))

    async def client(k: int) -> None:
        while queue:
            i, text = queue.pop()
            member = Actor("console", f"{tag}-{k}-{i}", "B")
            await core.submissions.submit(core.community, member, Submission(text=text))

    t = time.perf_counter()
    await asyncio.gather(*(client(k) for k in range(clients)))
    return len(texts) / (time.perf_counter() - t)


def bare_insert_rate(path: Path, texts: list[str]) -> float:
    """The same rows (a victory and its audit row each) into the same schema, batched."""
    db = open_database(path)
    now = "2026-01-01T00:00:00+00:00"
    t = time.perf_counter()
    for start in range(0, len(texts), 200):  # the batches the core's group commit forms
        with db.atomic():
            for number, text in enumerate(texts[start : start + 200], start=start + 1):
                cursor = db.conn.execute(
                    "INSERT INTO victories (community_id, number, text, credit, platform, "
                    "user_id, display_name, norm_text, created_at, updated_at) "
                    "VALUES (1, ?, ?, 'name', 'console', 'u', 'B', ?, ?, ?)",
                    (number, text, text.lower(), now, now),
                )
                db.conn.execute(
                    "INSERT INTO audit (community_id, at, platform, user_id, action, victory_id) "
                    "VALUES (1, ?, 'console', 'u', 'submit', ?)",
                    (now, cursor.lastrowid),
                )
    rate = len(texts) / (time.perf_counter() - t)
    db.close()
    return rate


async def measure(root: Path, *, quick: bool) -> list[Result]:
    issues, per_issue, waiting = (40, 10, 200) if quick else (2000, 50, 10_000)
    rounds, per_round = (2, 200) if quick else (4, 2000)
    results: list[Result] = []
    small = Store(root / "small.db")
    small_approval = await approval_time(core_on(small), 20 if quick else 100)
    small.close()
    store = Store(root / "scale.db")
    fill(store, issues=issues, per_issue=per_issue)
    core = core_on(store)
    await waiting_items(core, waiting)
    ours, bare = compose_times(store, 5 if quick else 30)
    total = issues * per_issue
    results.append(
        Result(
            "P3",
            f"compose next issue ({waiting:,} waiting, {total:,} stored)",
            ours * 1000,
            "ms",
            "<= 50",
            f"{ours / bare:.1f}x the bare SQL query for its 12 rows",
        )
    )
    big_approval = await approval_time(core, 20 if quick else 100)
    results.append(
        Result(
            "P3",
            f"approval at {total + waiting:,} rows / at ~1,000",
            big_approval / small_approval,
            "x",
            note=f"{big_approval * 1000:.2f} ms vs {small_approval * 1000:.2f} ms (median)",
        )
    )
    rng = random.Random(2)
    rates, ratios = [], []
    for n in range(rounds):
        texts = [f"{sentence(rng)} [{n}-{k}]" for k in range(per_round)]
        rate = await intake_rate(core, texts, 50, tag=f"round{n}")
        bare_rate = bare_insert_rate(root / f"bare{n}.db", texts)
        rates.append(rate)
        ratios.append(rate / bare_rate)
    await core.settle()
    warm, warm_ratio = median(rates[1:]), median(ratios[1:])
    for label, value, ratio in (("first", rates[0], ratios[0]), ("warm", warm, warm_ratio)):
        results.append(
            Result(
                "P3",
                f"intake throughput, {label} round (50 clients)",
                value,
                "items/s",
                ">= 2000",
                f"{ratio:.2f}x bare batched inserts of the same rows; {rounds} rounds "
                f"of {per_round}",
            )
        )
    results += await refresh_results(store, root, config=CONFIG, quick=quick)
    store.close()
    size = (root / "scale.db").stat().st_size
    results.append(
        Result("P3", "database size", size / 2**20, "MiB", note=f"{size / total:.0f} B/victory")
    )
    return results


def run(*, quick: bool = False) -> list[Result]:
    with tempfile.TemporaryDirectory() as tmp:
        return asyncio.run(measure(Path(tmp), quick=quick))
