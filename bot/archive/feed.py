"""The archive's Atom feed: one entry per published issue, newest first, full text.

Every date in it comes from the issues themselves, never from the clock, so exporting an
unchanged archive produces a byte-identical feed (and rewrites nothing).
"""

from __future__ import annotations

import datetime as dt

from feedgen.feed import FeedGenerator

from bot.archive.site import IssuePage
from bot.config import Config

FEED_PATH = "feed.xml"
EPOCH = dt.datetime(2000, 1, 1, tzinfo=dt.UTC)
FEED_SIZE = 50  # the newest issues, in full


def _moment(page: IssuePage, config: Config) -> dt.datetime:
    if not page.date:
        return EPOCH
    noon = dt.datetime.combine(dt.date.fromisoformat(page.date), dt.time(12))
    return noon.replace(tzinfo=config.community.zone)


def render_feed(pages: list[IssuePage], *, config: Config, limit: int = FEED_SIZE) -> str:
    base = config.archive.base_url.rstrip("/") + "/"
    newest = sorted(pages, key=lambda page: page.number, reverse=True)[:limit]
    feed = FeedGenerator()
    feed.id(base)
    feed.title(config.community.name)
    feed.subtitle(f"Every issue of {config.community.name}: good news, shared by members.")
    feed.link(href=base, rel="alternate")
    feed.link(href=base + FEED_PATH, rel="self")
    feed.language("en")
    feed.generator("Small Victories")
    feed.updated(max((_moment(page, config) for page in newest), default=EPOCH))
    for page in newest:
        entry = feed.add_entry(order="append")
        entry.id(base + page.url)
        entry.title(page.title)
        entry.link(href=base + page.url, rel="alternate")
        entry.published(_moment(page, config))
        entry.updated(_moment(page, config))
        entry.summary(f"{page.items} victories" + (f", {page.date_label}" if page.date else ""))
        entry.content(str(page.body), type="html")
    return feed.atom_str(pretty=True).decode("utf-8")
