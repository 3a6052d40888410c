"""The Discord renderer: the one escaping function and splitting between blocks."""

from __future__ import annotations

import pytest

from adapters.discord.render import escape, fit, issue_parts, render_text, split_lines
from bot.document import Block, Document, Span, link, paragraph


@pytest.mark.parametrize(
    ("raw", "shown"),
    [
        (
            "**bold** _it_ ~~s~~ ||spoiler|| `code`",
            r"\*\*bold\*\* \_it\_ \~\~s\~\~ \|\|spoiler\|\| \`code\`",
        ),
        ("<@&123> <@456> <#789> <t:1:R>", r"\<@&123\> \<@456\> \<#789\> \<t:1:R\>"),
        ("@everyone and @here", "@\u200beveryone and @\u200bhere"),
        ("[click](https://evil.example)", r"\[click\]\(https://evil.example\)"),
        (
            "# big\n> quote\n- item\n1. first\n-# small",
            "\\# big\n\\> quote\n\\- item\n1\\. first\n\\-# small",
        ),
        (r"back\slash", r"back\\slash"),
        ("plain words, 3.5 stars", "plain words, 3.5 stars"),
    ],
)
def test_escape(raw: str, shown: str):
    assert escape(raw) == shown


def test_links_are_validated_urls_shown_without_preview():
    doc = Document(
        (
            paragraph(link("https://example.org/a>b", "https://example.org/a>b")),
            paragraph(link("Song *title*", "https://example.org/song")),
        )
    )
    assert render_text(doc) == [
        "<https://example.org/a%3Eb>\n[Song \\*title\\*](<https://example.org/song>)"
    ]


def _items(count: int, size: int) -> Document:
    return Document(
        tuple(
            Block("item", (Span(f"item {i} " + "w" * size),), number=i) for i in range(1, count + 1)
        )
    )


def test_splitting_never_cuts_an_item_and_keeps_order():
    parts = issue_parts(_items(40, 300), limit=1000)
    assert all(len(part.description) <= 1000 for part in parts)
    lines = [line for part in parts for line in part.description.split("\n")]
    assert lines == [f"**{i}.** item {i} " + "w" * 300 for i in range(1, 41)]
    assert [part.page for part in parts] == [f"{i}/{len(parts)}" for i in range(1, len(parts) + 1)]


def test_message_chunks_stay_under_2000_characters():
    chunks = render_text(_items(30, 150))
    assert len(chunks) > 1 and all(len(chunk) <= 2000 for chunk in chunks)


def test_an_oversized_block_is_cut_without_splitting_an_escape():
    chunks = split_lines(["*" * 10 + escape("*" * 3000)], 2000)
    assert all(len(chunk) <= 2000 for chunk in chunks)
    assert all(not chunk.endswith("\\") or chunk.endswith("\\\\") for chunk in chunks)
    assert "".join(chunks) == "*" * 10 + "\\*" * 3000


def test_a_card_fits_one_embed_and_keeps_its_status_line():
    doc = Document(
        (
            Block("title", (Span("Victory #1"),)),
            paragraph(Span("*" * 2500)),
            Block("meta", (Span("Waiting for review"),)),
        )
    )
    text = fit(doc, limit=4096)
    assert len(text) <= 4096
    assert text.endswith("Waiting for review") and "\u2026" in text
