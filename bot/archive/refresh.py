"""After a publish: bring the archive site up to date without holding the database thread.

The database thread only reads, in short steps; rendering and writing run in a worker
process. Only what a new issue changes is read and rendered: its page and Markdown, the
page of the issue before it (its "newer" link), the front page (the newest issues and
the list of years), the page of the issue's year and the feed. None of it grows with the
archive, so a publish costs the same with 20 issues archived or 2,000. A site never
exported before (or missing a year's page) is written whole, still a step at a time.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass
from pathlib import Path

from bot.archive.export import ExportReport, write_if_changed
from bot.archive.feed import FEED_PATH, FEED_SIZE, render_feed
from bot.archive.process import off_the_loop
from bot.archive.site import (
    FRONT_PAGE,
    HEADLINES,
    IssuePage,
    Listing,
    date_label,
    issue_page,
    render_front,
    render_issue_pages,
    render_year,
)
from bot.archive.years import UNDATED, year_of
from bot.config import Config
from bot.issues.layout import issue_document, issue_title
from bot.issues.selection import IssueView, published_view
from bot.model import Issue
from bot.render.markdown import render_markdown
from bot.store import issues, victories
from bot.store.database import Store
from bot.store.sqlite import Database

STEP = 100  # issues read per turn on the database thread (a few ms each)
VIEWS_STEP = 5  # whole issues (every item) read per turn


def listings_of(
    db: Database, *, community: int, config: Config, found: list[Issue]
) -> list[Listing]:
    """``found`` as the front page and the year pages list them."""
    entries: dict[int, list[int]] = {}  # issue -> its entries' first item ids, in order
    numbers = [issue.number for issue in found]
    for number, _, first_id in victories.entries_of_issues(
        db, community=community, numbers=numbers
    ):
        entries.setdefault(number, []).append(first_id)
    wanted = [i for ids in entries.values() for i in ids[:HEADLINES]]
    text = victories.texts(db, community=community, ids=wanted)
    return [
        Listing(
            number=issue.number,
            title=issue_title(config, issue.number),
            date=issue.date,
            date_label=date_label(issue.date, config.community.language),
            items=len(entries.get(issue.number, [])),
            headlines=tuple(text[i] for i in entries.get(issue.number, [])[:HEADLINES]),
        )
        for issue in found
    ]


def listing_step(db: Database, *, community: int, config: Config, after: int) -> list[Listing]:
    """The community's next published issues after ``after`` (the whole archive, a step
    at a time)."""
    found = issues.published_after(db, community=community, after=after, limit=STEP)
    return listings_of(db, community=community, config=config, found=found)


@dataclass
class Around:
    """What a publish of one issue touches, read in one short step."""

    newest: list[Issue]  # the newest issues (as many as the feed holds), newest first
    window: list[Issue]  # in number order: the issue, its neighbours, the older one's older
    years: list[str]  # every year page's key
    year: list[Issue]  # the issue's year, in number order


def around_step(db: Database, *, community: int, number: int) -> Around | None:
    issue = issues.get(db, community=community, number=number)
    if issue is None or issue.status != "published":
        return None
    older = issues.published_beside(db, community=community, number=number, older=True)
    window = [issue]
    if older is not None:
        window[:0] = [older]
        oldest = issues.published_beside(db, community=community, number=older.number, older=True)
        window[:0] = [oldest] if oldest else []
    newer = issues.published_beside(db, community=community, number=number, older=False)
    window += [newer] if newer else []
    newest = issues.newest_published(db, community=community, limit=max(FEED_SIZE, FRONT_PAGE + 1))
    years, undated = issues.published_years(db, community=community)
    keys = [f"{year:04d}" for year in years] + [UNDATED] * undated
    dated = int(issue.date[:4]) if issue.date else None
    found = issues.published_in_year(db, community=community, year=dated)
    return Around(newest=newest, window=window, years=keys, year=found)


def views_of(db: Database, *, community: int, numbers: list[int]) -> list[IssueView]:
    return [
        view
        for number in numbers
        if (view := published_view(db, community=community, number=number)) is not None
    ]


@dataclass
class Changes:
    """Everything the worker renders and writes, already read."""

    views: list[IssueView]  # the rewritten issues' and the feed's
    pages_of: set[int]  # the issues whose page is rewritten
    markdown_of: set[int]  # the issues whose Markdown is (a neighbour's does not change)
    front: list[Listing]  # the newest issues
    years: list[str]  # every year page's key
    more: bool  # whether issues exist beyond those on the front page
    year_pages: dict[str, list[Listing]]  # the year pages rewritten, with their issues
    window: list[Listing]  # each rewritten issue's neighbours


def _render_and_write(
    changes: Changes, *, config: Config, out: Path, subscribe: str | None
) -> ExportReport:
    pages: dict[int, IssuePage] = {}
    for view in changes.views:  # the feed's need no Markdown: it is not written for them
        document = issue_document(view, config=config)
        wanted = view.issue.number in changes.markdown_of
        markdown = render_markdown(document) if wanted else ""
        lang = config.community.language
        pages[view.issue.number] = issue_page(view, document, markdown=markdown, lang=lang)
    rewritten = [pages[n] for n in sorted(changes.pages_of) if n in pages]
    files = render_front(
        changes.front, changes.years, more=changes.more, config=config, subscribe=subscribe
    )
    for year, listings in changes.year_pages.items():
        files |= render_year(year, listings, config=config, subscribe=subscribe)
    files |= render_issue_pages(rewritten, changes.window, config=config, subscribe=subscribe)
    files |= {pages[n].markdown_path: pages[n].markdown for n in changes.markdown_of & set(pages)}
    files[FEED_PATH] = render_feed(list(pages.values()), config=config)
    report = ExportReport()
    for relative in sorted(files):
        write_if_changed(out, relative, files[relative], report)
    return report


async def _changes_after(
    store: Store, *, community: int, config: Config, root: Path, number: int
) -> Changes | None:
    """What a publish of ``number`` changes on a site already written; None when the site
    is not whole (never exported, or written before year pages existed)."""
    around = await store.run(around_step, community=community, number=number)
    if around is None or not (root / "index.html").is_file():
        return None
    own = year_of(next(i.date for i in around.window if i.number == number))
    new_year = len(around.year) == 1  # the issue is its year's first: the page is not there yet
    if not all(
        (root / "years" / key / "index.html").is_file()
        for key in around.years
        if not (new_year and key == own)
    ):
        return None

    async def listed(found: list[Issue]) -> list[Listing]:
        def step(db: Database, chunk: list[Issue]) -> list[Listing]:
            return listings_of(db, community=community, config=config, found=chunk)

        return await store.in_steps(step, found, STEP)

    window = await listed(around.window)
    at = [listing.number for listing in window].index(number)
    pages_of = {listing.number for listing in window[max(at - 1, 0) : at + 2]}
    feed = {issue.number for issue in around.newest[:FEED_SIZE]}
    return Changes(
        views=await _views(store, community=community, numbers=sorted(pages_of | feed)),
        pages_of=pages_of,
        markdown_of={number},
        front=await listed(around.newest[:FRONT_PAGE]),
        years=around.years,
        more=len(around.newest) > FRONT_PAGE,
        year_pages={own: await listed(around.year)},
        window=window,
    )


async def _everything(store: Store, *, community: int, config: Config) -> Changes:
    """The whole site, read a step at a time."""
    listings: list[Listing] = []
    while step := await store.run(
        listing_step,
        community=community,
        config=config,
        after=listings[-1].number if listings else 0,
    ):
        listings += step
    numbers = [listing.number for listing in listings]
    by_year: dict[str, list[Listing]] = {}
    for listing in listings:
        by_year.setdefault(listing.year, []).append(listing)
    return Changes(
        views=await _views(store, community=community, numbers=numbers),
        pages_of=set(numbers),
        markdown_of=set(numbers),
        front=listings[-FRONT_PAGE:],
        years=list(by_year),
        more=len(listings) > FRONT_PAGE,
        year_pages=by_year,
        window=listings,
    )


async def _views(store: Store, *, community: int, numbers: list[int]) -> list[IssueView]:
    def step(db: Database, chunk: list[int]) -> list[IssueView]:
        return views_of(db, community=community, numbers=chunk)

    return await store.in_steps(step, numbers, VIEWS_STEP)


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
    changes = await _changes_after(
        store, community=community, config=config, root=root, number=number
    ) or await _everything(store, community=community, config=config)
    work = functools.partial(
        _render_and_write, changes, config=config, out=root, subscribe=subscribe
    )
    return await off_the_loop(work)
