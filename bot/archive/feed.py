"""The archive's Atom feed: one entry per published issue, newest first, full text.

Every date in it comes from the issues themselves, never from the clock, so exporting an
unchanged archive produces a byte-identical feed (and rewrites nothing). Only an empty
archive, which has no date of its own, says when it was exported.
"""

from __future__ import annotations

import datetime as dt

from feedgen.feed import FeedGenerator

from bot.archive.site import IssuePage
from bot.config import Config
from bot.messages import fill

FEED_PATH = "feed.xml"
FEED_SIZE = 50  # the newest issues, in full


def _moment(page: IssuePage, config: Config) -> dt.datetime | None:
    """When the issue went out: the moment it was published, or noon on its date for an
    issue imported from elsewhere (imported ones carry the import time, not a real one)."""
    zone = config.community.zone
    try:
        sent = dt.datetime.fromisoformat(page.published_at or "").astimezone(zone)
    except ValueError:  # not recorded, or not a time: the issue's date decides
        sent = None
    if not page.date:
        return sent
    if sent and sent.date().isoformat() == page.date:
        return sent.replace(microsecond=0)
    return dt.datetime.combine(dt.date.fromisoformat(page.date), dt.time(12), tzinfo=zone)


def render_feed(pages: list[IssuePage], *, config: Config, limit: int = FEED_SIZE) -> str:
    base = config.archive.base_url.rstrip("/") + "/"
    newest = sorted(pages, key=lambda page: page.number, reverse=True)[:limit]
    feed = FeedGenerator()
    feed.id(base)
    feed.title(config.community.name)
    lang = config.community.language
    feed.subtitle(fill("site_description", lang, community=config.community.name))
    feed.link(href=base, rel="alternate")
    feed.link(href=base + FEED_PATH, rel="self")
    feed.language(lang)
    feed.generator("Small Victories")
    feed.author(name=config.community.signature or config.community.name)
    moments = {page.number: _moment(page, config) for page in newest}
    known = [moment for moment in moments.values() if moment]
    feed.updated(max(known) if known else dt.datetime.now(dt.UTC).replace(microsecond=0))
    for page in newest:
        entry = feed.add_entry(order="append")
        entry.id(base + page.url)
        entry.title(page.title)
        entry.link(href=base + page.url, rel="alternate")
        moment = moments[page.number] or (max(known) if known else feed.updated())
        entry.published(moment)
        entry.updated(moment)
        items = fill("site_items", lang, count=page.items)
        entry.summary(items + (f", {page.date_label}" if page.date else ""))
        entry.content(str(page.body), type="html")
    return feed.atom_str(pretty=True).decode("utf-8")
