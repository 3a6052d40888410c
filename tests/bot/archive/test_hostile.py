"""What members type is inert on the website and in the feed, however hostile."""

from __future__ import annotations

import feedparser
import html5lib
from hypothesis import given, settings
from hypothesis import strategies as st

from bot.archive.export import export_site
from bot.archive.importing import import_path
from bot.document import Document, link, paragraph, text
from bot.render.html import render_html
from bot.sanitize import clean_text
from tests.bot.archive.sample import editor, submit_approved
from tests.bot.archive.test_export import NS, parse, text_of

SCRIPT = "<script>alert(1)</script> The pool reopened"
BREAKOUT = '"><img src=x onerror=alert(2)> Bus route restored'
NAME = "<b onmouseover=alert(3)>Eve</b>"


def assert_inert(tree) -> None:
    everything = list(tree.iter())
    tags = {el.tag.split("}")[-1] for el in everything}
    assert not tags & {"script", "img", "iframe", "object", "embed", "b"}
    for el in everything:
        assert not [name for name in el.attrib if name.lower().startswith("on")], el.attrib
        href = el.get("href")
        if href is not None and ":" in href.split("/")[0]:
            assert href.startswith(("https://", "http://")), href


async def test_hostile_text_is_escaped_on_the_page_and_in_the_feed(core, tmp_path):
    await submit_approved(core, SCRIPT, None, NAME, "Mallory")
    await submit_approved(core, BREAKOUT, "https://example.org/?q=%22%3E%3Cscript%3E", None, "Mal")
    await editor(core, "note </p><script>alert(4)</script>")
    await editor(core, 'song "><svg onload=alert(5)> https://music.example.org/x')
    await editor(core, "publish now")
    # An item stored before links were checked (or edited in the database) must stay inert too.
    core.store.call(
        lambda db: db.execute(
            "UPDATE victories SET link = 'javascript:alert(6)' WHERE text LIKE '%pool%'"
        )
    )
    out = tmp_path / "site"
    core.store.call(export_site, community=1, config=core.config, out=out)
    for page in ("index.html", "issues/1/index.html", "years/2026/index.html"):
        assert_inert(parse(out / page))
    year = text_of(parse(out / "years/2026/index.html").find(".//h:ol", NS))
    assert SCRIPT in year and '"><img src=x onerror=alert(2)>' in year
    body = text_of(parse(out / "issues/1/index.html").find(".//h:article", NS))
    assert (
        "<script>alert(1)</script> The pool reopened (Thanks, <b onmouseover=alert(3)>Eve</b>!)"
        in body
    )
    assert '"><img src=x onerror=alert(2)> Bus route restored' in body
    assert "</p><script>alert(4)</script>" in body
    assert "javascript:alert(6)" not in (out / "issues/1/index.html").read_text()
    feed = feedparser.parse((out / "feed.xml").read_bytes())
    content = feed.entries[0].content[0].value
    assert "<script>" not in content and "&lt;script&gt;" in content
    assert "javascript:" not in content


def test_renderer_makes_only_http_links():
    doc = Document(
        (
            paragraph(
                link("click", "javascript:alert(1)"),
                text(" "),
                link("data", "data:text/html,x"),
                text(" "),
                link("ok", 'https://example.org/a?b=1&c="2"'),
            ),
        )
    )
    html = str(render_html(doc))
    assert "javascript" not in html and "data:" not in html
    assert '<a href="https://example.org/a?b=1&amp;c=&#34;2&#34;" rel="nofollow ugc">ok</a>' in html


async def test_unsafe_links_in_a_back_catalogue_are_dropped_and_reported(store, tmp_path, clock):
    source = tmp_path / "old.md"
    source.write_text(
        "# Issue 3 — 2025-01-06\n\n1. Win [story](javascript:alert(1)) (Thanks, Jo!)\n"
    )
    report = store.call(import_path, source, community=1, now=clock.now())
    assert report.imported == [(3, f"{source}:1")]
    assert [str(p) for p in report.problems] == [
        f"{source}:3: link 'javascript:alert(1)' is not a safe http(s) link; dropped"
    ]
    row = next(store.db.query("SELECT text, link, thanks_to FROM victories"))
    assert row == {"text": "Win story", "link": None, "thanks_to": "Jo"}


@settings(max_examples=200, deadline=None)
@given(st.text(max_size=80), st.text(max_size=40))
def test_any_text_renders_as_exactly_that_text(value, url):
    value = clean_text(value)  # what intake stores
    doc = Document((paragraph(text(value), link(value or "x", url)),))
    fragment = html5lib.parseFragment(str(render_html(doc)), namespaceHTMLElements=False)
    elements = list(fragment.iter())[1:]
    assert {el.tag for el in elements} <= {"section", "p", "a", "br"}
    for el in elements:
        assert set(el.attrib) <= {"href", "rel", "class"}
        if el.tag == "a":
            assert el.get("href").lower().startswith(("http://", "https://"))
    shown = "".join(fragment.itertext())
    assert shown.startswith(value)
