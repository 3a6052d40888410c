"""P3's archive refresh: after a publish at 500, 1,000 and 2,000 issues, the median of 3
refreshes after one unmeasured warm-up (a running bot's render forkserver is warm after
its first publish), each doing what a publish on an exported site does, and the longest
the database thread was held while they ran. Neither should grow with the archive."""

from __future__ import annotations

import asyncio
import shutil
import time
from pathlib import Path

from benchmarks.results import Result, median
from bot.archive.refresh import refresh_site
from bot.config import Config
from bot.store import issues as issue_store
from bot.store.database import Store


def pretend_exported(store: Store, out: Path) -> None:
    """The site as a full export left it, as far as a refresh can tell: the front page and
    every year's page exist (placeholders, so every file the refresh renders differs from
    what is there and is written, as after a real publish), the new issue's page not yet."""
    shutil.rmtree(out, ignore_errors=True)
    years, undated = store.call(issue_store.published_years, community=1)
    for key in [f"{year:04d}" for year in years] + ["undated"] * undated:
        (out / "years" / key).mkdir(parents=True)
        (out / "years" / key / "index.html").write_text("exported before\n")
    (out / "index.html").write_text("exported before\n")


async def refresh_once(store: Store, out: Path, number: int, config: Config) -> tuple[float, float]:
    """Seconds to refresh the site after issue ``number``, and the longest wait for the
    database thread meanwhile."""
    pretend_exported(store, out)
    waits: list[float] = []
    done = asyncio.Event()

    async def probe() -> None:
        while not done.is_set():
            t = time.perf_counter()
            await store.run(lambda db: None)
            waits.append(time.perf_counter() - t)
            await asyncio.sleep(0.002)

    prober = asyncio.create_task(probe())
    t = time.perf_counter()
    report = await refresh_site(store, community=1, config=config, out=out, number=number)
    seconds = time.perf_counter() - t
    done.set()
    await prober
    # What a publish on an exported site writes: the front page, the stylesheet (new
    # here), the issue's year page, the feed, the issue's page and Markdown, and the page
    # of the issue before it. Anything else means this measured something else.
    assert len(report.written) == 7, report.written
    return seconds, max(waits, default=0.0)


async def refresh_figures(
    store: Store, out: Path, number: int, config: Config
) -> tuple[float, float]:
    """The median of 3 refreshes after issue ``number`` (each on a freshly reset site, so
    each writes what a publish writes), after one unmeasured: a running bot's render
    server (its forkserver) is warm after its first publish. And the longest the database
    thread was held in any of them."""
    await refresh_once(store, out, number, config)
    runs = [await refresh_once(store, out, number, config) for _ in range(3)]
    return median([seconds for seconds, _ in runs]), max(held for _, held in runs)


def publish_up_to(store: Store, n: int) -> None:
    store.call(
        lambda db: db.execute(
            "UPDATE issues SET status = CASE WHEN number <= ? THEN 'published' ELSE 'skipped' "
            "END WHERE community_id = 1 AND status IN ('published', 'skipped')",
            [n],
        )
    )


async def refresh_results(store: Store, root: Path, *, config: Config, quick: bool) -> list[Result]:
    """The refresh figures on ``store`` (P3's archive, every issue published so far)."""
    results, times = [], {}
    for size in (10, 20, 40) if quick else (500, 1000, 2000):
        publish_up_to(store, size)
        seconds, held = await refresh_figures(store, root / f"site{size}", size, config)
        times[size] = seconds
        results.append(
            Result(
                "P3",
                f"archive refresh after a publish, {size} issues",
                seconds,
                "s",
                note=f"median of 3 after a warm-up; database thread held at most "
                f"{held * 1000:.0f} ms meanwhile",
            )
        )
    sizes = sorted(times)
    results.append(
        Result(
            "P3",
            f"archive refresh, {sizes[-1]} vs {sizes[0]} issues",
            times[sizes[-1]] / times[sizes[0]],
            "x",
            "<= 1.3",
            "1.0 = the same cost whatever the archive's size; medians of 3 after a warm-up "
            "(a running bot's forkserver is warm after its first publish)",
        )
    )
    return results
