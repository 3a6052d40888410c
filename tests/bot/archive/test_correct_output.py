"""What readers get is right under the tools they read it with: CommonMark for the
Markdown files, an Atom reader for the feed, a terminal for plain text."""

from __future__ import annotations

import datetime as dt

import feedparser
import html5lib
from markdown_it import MarkdownIt

from bot.archive.export import export_site
from bot.archive.feed import render_feed
from bot.issues.layout import issue_document
from bot.issues.selection import published_view
from bot.render.plain import render_plain
from tests.bot.archive.sample import editor, publish_week_one, submit_approved
from tests.bot.helpers import preview_document

ACTION = "Call the mayor at (555) 010-2200 or sign at https://act.example.org/petition."


def tokens_outside_lists(markdown: str) -> list[str]:
    """The text of every paragraph that is not inside a list item."""
    depth, found = 0, []
    tokens = MarkdownIt("commonmark").parse(markdown)
    for index, token in enumerate(tokens):
        if token.type == "list_item_open":
            depth += 1
        elif token.type == "list_item_close":
            depth -= 1
        elif token.type == "paragraph_open" and depth == 0:
            found.append(tokens[index + 1].content)
    return found


async def test_every_markdown_file_keeps_the_ps_out_of_the_last_list_item(core, clock, tmp_path):
    await publish_week_one(core)  # its P.S. follows the take-action list
    out = tmp_path / "site"
    core.store.call(export_site, community=1, config=core.config, out=out)
    files = sorted(out.rglob("*.md"))
    assert files
    for path in files:
        markdown = path.read_text(encoding="utf-8")
        outside = tokens_outside_lists(markdown)
        assert any(text.startswith("**P.S.**") for text in outside), (path, outside)
        items = [t for t in MarkdownIt("commonmark").parse(markdown) if t.type == "list_item_open"]
        assert len(items) == 6 + 1  # six victories, one action; nothing swallowed


async def test_plain_text_has_blank_lines_after_the_date_and_before_the_ps(core, clock):
    await publish_week_one(core)
    text = render_plain(
        issue_document(core.store.call(published_view, community=1, number=1), config=core.config)
    )
    lines = text.splitlines()
    date = next(i for i, line in enumerate(lines) if line.startswith("Wednesday"))
    assert lines[date + 1] == "" and lines[date + 2].startswith("What a week")
    ps = next(i for i, line in enumerate(lines) if line.startswith("P.S."))
    assert lines[ps - 1] == "" and lines[ps - 2].startswith("1. Thank council members")


async def test_an_empty_preview_says_there_are_no_items_yet(core):
    text = render_plain(await preview_document(core))
    assert "No approved victories yet" in text
    heading = text.splitlines().index("This week's victories")
    assert "No approved victories yet" in text.splitlines()[heading + 2]


async def test_take_action_links_are_links_on_the_site_and_in_the_feed(core, clock, tmp_path):
    await submit_approved(core, "The clinic stays open.", None, None, "Ana Lopez")
    await editor(core, f"action {ACTION}")
    await editor(core, "publish now")
    await core.settle()
    out = tmp_path / "site"
    core.store.call(export_site, community=1, config=core.config, out=out)
    page = html5lib.parse((out / "issues/1/index.html").read_bytes(), namespaceHTMLElements=False)
    hrefs = [a.get("href") for a in page.iter("a")]
    assert "https://act.example.org/petition" in hrefs  # the full stop is not part of it
    feed = feedparser.parse((out / "feed.xml").read_bytes())
    assert 'href="https://act.example.org/petition"' in feed.entries[0].content[0].value
    markdown = (out / "issues/1.md").read_text(encoding="utf-8")
    assert "<https://act.example.org/petition>." in markdown


async def test_feed_has_an_author_and_the_real_publication_times(core, clock, tmp_path):
    for hour in range(2):  # two issues on one day
        await submit_approved(core, f"Good news number {hour}.", None, None, "Ana Lopez")
        await editor(core, "publish now")
        await core.settle()
        clock.advance(dt.timedelta(hours=3))
    out = tmp_path / "site"
    core.store.call(export_site, community=1, config=core.config, out=out)
    feed = feedparser.parse((out / "feed.xml").read_bytes())
    assert not feed.bozo, feed.bozo_exception
    assert feed.feed.author == "The editors"
    second, first = feed.entries
    assert second.published_parsed != first.published_parsed
    assert second.published[:10] == first.published[:10]
    assert (
        dt.datetime.fromisoformat(second.published) - dt.datetime.fromisoformat(first.published)
    ) == dt.timedelta(hours=3)


def test_an_empty_archive_feed_is_not_dated_2000(config):
    feed = feedparser.parse(render_feed([], config=config))
    assert not feed.bozo, feed.bozo_exception
    assert not feed.feed.updated.startswith("2000")
    assert abs(dt.datetime.fromisoformat(feed.feed.updated) - dt.datetime.now(dt.UTC)) < (
        dt.timedelta(days=1)
    )
