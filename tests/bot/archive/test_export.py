"""The exported site: valid HTML, items in order with credits and links, a feed, Markdown."""

from __future__ import annotations

from pathlib import Path

import feedparser
import html5lib

from bot.archive.export import export_site
from bot.issues.layout import issue_document
from bot.issues.selection import published_view
from bot.render.markdown import render_markdown
from tests.bot.archive.sample import publish_more, publish_week_one
from tests.conftest import make_config

NS = {"h": "http://www.w3.org/1999/xhtml"}


def parse(path: Path):
    parser = html5lib.HTMLParser(strict=True, namespaceHTMLElements=True)
    return parser.parse(path.read_bytes())


def text_of(element) -> str:
    return " ".join("".join(element.itertext()).split())


async def published_site(core, clock, tmp_path) -> Path:
    await publish_week_one(core)
    await publish_more(core, clock, ["The bus fare cut passed.", "Parents won a crossing guard."])
    out = tmp_path / "site"
    core.store.call(export_site, community=1, config=core.config, out=out)
    return out


async def test_every_page_is_valid_html(core, clock, tmp_path):
    out = await published_site(core, clock, tmp_path)
    pages = sorted(out.rglob("*.html"))
    assert [p.relative_to(out).as_posix() for p in pages] == [
        "index.html",
        "issues/1/index.html",
        "issues/2/index.html",
        "years/2026/index.html",
    ]
    for page in pages:
        tree = parse(page)  # strict: any parse error raises
        assert tree.find(".//h:main", NS) is not None
        assert len(tree.findall(".//h:h1", NS)) == 1
        assert tree.get("lang") == "en"


async def test_issue_page_lists_items_in_order_with_credits_and_links(core, clock, tmp_path):
    out = await published_site(core, clock, tmp_path)
    view = core.store.call(published_view, community=1, number=1)
    tree = parse(out / "issues/1/index.html")
    items = tree.findall(".//h:section[@class='part part-victories']/h:ol/h:li", NS)
    assert len(items) == len(view.entries) == 6
    for li, entry in zip(items, view.entries, strict=True):
        assert li.get("value") == str(entry.position)
        assert text_of(li).startswith(" ".join(entry.victory.text.split()))
        anchors = li.findall("h:a", NS)
        assert [a.get("href") for a in anchors] == (
            [entry.victory.link] if entry.victory.link else []
        )
        assert all(a.get("rel") == "nofollow ugc" for a in anchors)
    texts = [text_of(li) for li in items]
    assert texts[0].startswith("The city council voted")  # featured first
    assert texts[0].endswith("(Thanks, Diana!)")
    assert texts[1].endswith("(Thanks, Marcus Lee and Kim Tran!)")  # the duplicate shares the entry
    assert texts[2].endswith("(Thanks, the Elm Street Tenants Union!)")
    body = text_of(tree.find(".//h:article", NS))
    for part in (
        "What a week.",
        "Bread and Roses",
        "call (555) 010-2200",
        "P.S.",
        "comes early because of Thanksgiving",
    ):
        assert part in body


async def test_index_lists_issues_newest_first_with_counts_and_dates(core, clock, tmp_path):
    out = await published_site(core, clock, tmp_path)
    tree = parse(out / "index.html")
    cards = tree.findall(".//h:ol[@class='issues']/h:li", NS)
    titles = [text_of(card.find(".//h:h2", NS)) for card in cards]
    assert titles == ["Small Victories — Issue 2", "Small Victories — Issue 1"]
    links = [card.find(".//h:h2/h:a", NS).get("href") for card in cards]
    assert links == ["issues/2/index.html", "issues/1/index.html"]
    metas = [text_of(card.find(".//h:p[@class='meta']", NS)) for card in cards]
    assert metas == ["December 2, 2026 · 2 victories", "November 25, 2026 · 6 victories"]
    assert cards[1].find(".//h:time", NS).get("datetime") == "2026-11-25"


async def test_feed_has_one_entry_per_issue(core, clock, tmp_path):
    out = await published_site(core, clock, tmp_path)
    feed = feedparser.parse((out / "feed.xml").read_bytes())
    assert not feed.bozo, feed.bozo_exception
    assert feed.feed.title == "Small Victories"
    assert [e.title for e in feed.entries] == [
        "Small Victories — Issue 2",
        "Small Victories — Issue 1",
    ]
    assert feed.entries[1].link == "https://example.org/victories/issues/1/"
    assert "The city council voted 7–2" in feed.entries[1].content[0].value
    assert feed.entries[1].published.startswith("2026-11-25")


async def test_markdown_file_per_issue_is_the_chat_document(core, clock, tmp_path):
    out = await published_site(core, clock, tmp_path)
    for number in (1, 2):
        view = core.store.call(published_view, community=1, number=number)
        expected = render_markdown(issue_document(view, config=core.config))
        assert (out / f"issues/{number}.md").read_text(encoding="utf-8") == expected


async def test_rerun_rewrites_nothing_then_only_what_a_new_issue_changes(core, clock, tmp_path):
    await publish_week_one(core)
    out = tmp_path / "site"
    first = core.store.call(export_site, community=1, config=core.config, out=out)
    assert first.unchanged == 0 and len(first.written) == 6
    stamps = {p: p.stat().st_mtime_ns for p in out.rglob("*")}
    again = core.store.call(export_site, community=1, config=core.config, out=out)
    assert again.written == [] and again.unchanged == 6
    assert {p: p.stat().st_mtime_ns for p in out.rglob("*")} == stamps
    await publish_more(core, clock, ["The bus fare cut passed."])
    third = core.store.call(export_site, community=1, config=core.config, out=out)
    assert sorted(third.written) == [
        "feed.xml",
        "index.html",
        "issues/1/index.html",
        "issues/2.md",
        "issues/2/index.html",
        "years/2026/index.html",
    ]
    assert third.unchanged == 2  # style.css and issues/1.md


async def test_community_templates_override_the_shipped_ones(core, tmp_path):
    await publish_week_one(core)
    templates = tmp_path / "templates"
    templates.mkdir()
    (templates / "style.css").write_text("body { color: rebeccapurple; }\n")
    (templates / "issue.html").write_text(
        '{% extends "base.html" %}{% block content %}<p class="custom">{{ issue.title }}</p>'
        "{{ issue.body }}{% endblock %}"
    )
    config = make_config(archive={"template_dir": str(templates)})
    out = tmp_path / "site"
    core.store.call(export_site, community=1, config=config, out=out)
    assert (out / "style.css").read_text() == "body { color: rebeccapurple; }\n"
    page = (out / "issues/1/index.html").read_text()
    assert '<p class="custom">Small Victories — Issue 1</p>' in page
    assert '<a class="skip" href="#content">' in page  # the shipped base.html still applies
