"""After a publish: bring the archive site up to date without holding the database thread.

The database thread only reads, in short steps; rendering and writing run in a worker
process. Only what a new issue changes is rendered: its page and Markdown, the page of the
issue before it (its "newer" link), the index and the feed. So a publish costs the same
with 20 issues archived or 2,000, apart from the index, which lists every issue (read as
one line per item, not rendered). A site never exported before is written whole, still a
step at a time.
"""

from __future__ import annotations

import asyncio
import functools
import multiprocessing
from concurrent.futures import ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from pathlib import Path

from bot.archive.export import ExportReport, write_if_changed
from bot.archive.feed import FEED_PATH, FEED_SIZE, render_feed
from bot.archive.site import (
    HEADLINES,
    IssuePage,
    Listing,
    date_label,
    issue_page,
    render_index,
    render_issue_pages,
)
from bot.config import Config
from bot.issues.layout import issue_document, issue_title
from bot.issues.selection import IssueView, published_view
from bot.render.markdown import render_markdown
from bot.store import issues, victories
from bot.store.database import Store
from bot.store.sqlite import Database

STEP = 100  # issues read per turn on the database thread (a few ms each)


def listing_step(db: Database, *, community: int, config: Config, after: int) -> list[Listing]:
    """The community's next published issues after ``after``, as the index lists them."""
    found = issues.published_after(db, community=community, after=after, limit=STEP)
    if not found:
        return []
    entries: dict[int, list[int]] = {}  # issue -> its entries' first item ids, in order
    for number, _, first_id in victories.entries_of_issues(
        db, community=community, first=found[0].number, last=found[-1].number
    ):
        entries.setdefault(number, []).append(first_id)
    wanted = [i for ids in entries.values() for i in ids[:HEADLINES]]
    text = victories.texts(db, community=community, ids=wanted)
    listings = []
    for issue in found:
        ids = entries.get(issue.number, [])
        listings.append(
            Listing(
                number=issue.number,
                title=issue_title(config, issue.number),
                date=issue.date,
                date_label=date_label(issue.date, config.community.language),
                items=len(ids),
                headlines=tuple(text[i] for i in ids[:HEADLINES]),
            )
        )
    return listings


def views_of(db: Database, *, community: int, numbers: list[int]) -> list[IssueView]:
    return [
        view
        for number in numbers
        if (view := published_view(db, community=community, number=number)) is not None
    ]


def _render_and_write(
    views: list[IssueView],
    listings: list[Listing],
    *,
    pages_of: set[int],
    config: Config,
    out: Path,
    subscribe: str | None,
) -> ExportReport:
    pages: dict[int, IssuePage] = {}
    for view in views:
        document = issue_document(view, config=config)
        pages[view.issue.number] = issue_page(
            view, document, markdown=render_markdown(document), lang=config.community.language
        )
    rewritten = [pages[number] for number in sorted(pages_of) if number in pages]
    files = render_index(listings, config=config, subscribe=subscribe)
    files |= render_issue_pages(rewritten, listings, config=config, subscribe=subscribe)
    files |= {page.markdown_path: page.markdown for page in rewritten}
    files[FEED_PATH] = render_feed(list(pages.values()), config=config)
    report = ExportReport()
    for relative in sorted(files):
        write_if_changed(out, relative, files[relative], report)
    return report


async def refresh_site(
    store: Store,
    *,
    community: int,
    config: Config,
    out: str | Path,
    number: int,
    subscribe: str | None = None,
) -> ExportReport:
    """Update the community's site under ``out`` after its issue ``number`` was published
    (``subscribe``: where the pages' email sign-up form posts; None: no form)."""
    root = Path(out)
    listings: list[Listing] = []
    while step := await store.run(
        listing_step,
        community=community,
        config=config,
        after=listings[-1].number if listings else 0,
    ):
        listings += step
    numbers = [listing.number for listing in listings]
    if (root / "index.html").is_file() and number in numbers:
        at = numbers.index(number)
        pages_of = {number, *numbers[max(at - 1, 0) : at]}
    else:
        pages_of = set(numbers)  # never exported: write every page
    wanted = sorted(pages_of | set(numbers[-FEED_SIZE:]))
    views: list[IssueView] = []
    for start in range(0, len(wanted), 5):
        views += await store.run(views_of, community=community, numbers=wanted[start : start + 5])
    # Rendering is pure CPU: in a thread it would hold the GIL against the event loop
    # (every ack then waits its turn), so it runs in a short-lived process of its own.
    work = functools.partial(
        _render_and_write,
        views,
        listings,
        pages_of=pages_of,
        config=config,
        out=root,
        subscribe=subscribe,
    )
    pool = ProcessPoolExecutor(max_workers=1, mp_context=multiprocessing.get_context("spawn"))
    try:
        return await asyncio.get_running_loop().run_in_executor(pool, work)
    except (OSError, BrokenProcessPool):  # no process to be had: a thread still keeps the DB free
        return await asyncio.to_thread(work)
    finally:
        pool.shutdown(wait=False)
