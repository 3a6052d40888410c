"""A neutral rich-text document: what the core says, before any surface renders it.

Every renderer (console, Markdown, HTML, Slack, Discord) walks these blocks and escapes
every span's text for its own surface, so no text reaches a platform unescaped.
Blocks are the units a renderer may split a long document between; an item is never cut.
"""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True)
class Span:
    text: str
    style: str = "plain"  # plain | strong | emph | link
    url: str | None = None


@dataclass(frozen=True)
class Block:
    kind: str  # title | meta | heading | paragraph | item | divider
    spans: tuple[Span, ...] = ()
    number: int | None = None  # for numbered items
    section: str = ""  # which part of an issue it belongs to, e.g. "victories", "actions"


@dataclass(frozen=True)
class Document:
    blocks: tuple[Block, ...] = field(default_factory=tuple)
    title: str = ""  # a short plain-text summary (notification fallback, feed title)

    def plain(self) -> str:
        """The document as plain text; used for fallbacks and tests."""
        from bot.render.plain import render_plain

        return render_plain(self)


def text(value: str) -> Span:
    return Span(value)


def strong(value: str) -> Span:
    return Span(value, "strong")


def emph(value: str) -> Span:
    return Span(value, "emph")


def link(label: str, url: str) -> Span:
    return Span(label, "link", url)


def paragraph(*spans: Span, section: str = "") -> Block:
    return Block("paragraph", tuple(spans), section=section)


def lines_document(*paragraphs: tuple[Span, ...] | list[Span], title: str = "") -> Document:
    """A document of one paragraph per span list: the shape of most chat replies."""
    blocks = tuple(Block("paragraph", tuple(spans)) for spans in paragraphs)
    return Document(blocks, title=title)
