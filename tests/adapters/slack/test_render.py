"""The Slack renderer: escaping, links, and splitting without cutting a block."""

from __future__ import annotations

import re

from adapters.slack.render import MAX_BLOCKS, MAX_SECTION, escape, message, message_parts
from bot.document import Block, Document, Span, link, paragraph, strong


def texts(part: dict) -> list[str]:
    out = []
    for block in part["blocks"]:
        if "text" in block:
            out.append(block["text"]["text"])
        out += [e["text"] for e in block.get("elements", [])]
    return out


def test_escape_replaces_exactly_three_characters():
    assert (
        escape("a & b < c > d *e* _f_ `g` | @here") == "a &amp; b &lt; c &gt; d *e* _f_ `g` | @here"
    )
    assert escape("<!channel> <@U1>") == "&lt;!channel&gt; &lt;@U1&gt;"


def test_links_escape_label_and_url():
    doc = Document((paragraph(link("<b>&", "https://example.org/a?x=1&y=<2>|z")),))
    [part] = message_parts(doc)
    assert texts(part) == ["<https://example.org/a?x=1&amp;y=&lt;2&gt;%7Cz|&lt;b&gt;&amp;>"]


def test_strong_markers_stay_off_spaces():
    doc = Document((paragraph(strong("P.S. "), Span("hi")),))
    assert texts(message_parts(doc)[0]) == ["*P.S.* hi"]


def test_long_item_spills_into_sections_of_the_same_message_without_cutting_entities():
    item = Block(
        "item",
        (Span("&" * 2500), Span(" "), link("x", "https://example.org/" + "a" * 400)),
        number=1,
    )
    parts = message_parts(Document((Block("heading", (Span("Victories"),)), item)))
    assert len(parts) == 1
    pieces = texts(parts[0])[1:]
    assert len(pieces) > 1 and all(len(p) <= MAX_SECTION for p in pieces)
    joined = "".join(pieces)
    assert joined.startswith("1. &amp;") and joined.count("&amp;") == 2500
    assert all(re.fullmatch(r"(&amp;|[^&])*", p) for p in pieces)  # no entity cut in two
    assert sum("<https://example.org/" in p for p in pieces) == 1


def test_many_items_split_at_fifty_blocks_and_keep_heading_with_its_items():
    blocks = [Block("title", (Span("Issue 1"),))]
    blocks += [Block("item", (Span(f"win {n}"),), number=n) for n in range(1, 49)]
    blocks += [Block("heading", (Span("Take action"),)), Block("item", (Span("call"),), number=1)]
    parts = message_parts(Document(tuple(blocks)))
    assert [len(p["blocks"]) for p in parts] == [49, 2]
    assert all(len(p["blocks"]) <= MAX_BLOCKS for p in parts)
    assert texts(parts[1]) == ["*Take action*", "1. call"]
    assert "win 48" in parts[0]["text"] and "Take action" in parts[1]["text"]


def test_fallback_text_and_header_are_safe():
    doc = Document(
        (Block("title", (Span("x" * 200),)), paragraph(Span("<!here>"))), title="Card <!here>"
    )
    rendered = message(doc)
    assert rendered["text"] == "Card &lt;!here&gt;"
    header = rendered["blocks"][0]
    assert header["type"] == "header" and len(header["text"]["text"]) <= 150
