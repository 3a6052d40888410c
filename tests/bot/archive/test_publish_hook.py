"""With ``archive.out`` set, every published issue updates the website on its own."""

from __future__ import annotations

import feedparser

from adapters.archive_setup import attach_archive
from bot.core import Core
from tests.bot.archive.sample import publish_more, publish_week_one
from tests.conftest import make_config
from tests.fakes.surface import RecordingSurface


async def test_each_publish_exports_the_site(store, clock, tmp_path):
    out = tmp_path / "public"
    config = make_config(
        intake={"cooldown": "0s"},
        issue={"min_items": 1},
        archive={"out": str(out), "base_url": "https://town.example/news"},
    )
    surface = RecordingSurface()
    core = Core(store=store, config=config, clock=clock)
    core.attach(surface)
    attach_archive(core)
    await publish_week_one(core)
    assert "Small Victories — Issue 1" in "\n".join(surface.posts_to("#general"))
    page = (out / "issues/1/index.html").read_text(encoding="utf-8")
    assert "The city council voted 7–2 to end its contract with ICE." in page
    assert '<link rel="canonical" href="https://town.example/news/issues/1/">' in page
    await publish_more(core, clock, ["The bus fare cut passed."])
    feed = feedparser.parse((out / "feed.xml").read_bytes())
    assert [entry.link for entry in feed.entries] == [
        "https://town.example/news/issues/2/",
        "https://town.example/news/issues/1/",
    ]
    assert (
        'href="../../issues/2/index.html" rel="next"' in (out / "issues/1/index.html").read_text()
    )


async def test_without_archive_out_nothing_is_attached(core):
    attach_archive(core)
    assert core.issues.after_publish == []
