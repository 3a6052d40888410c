"""A neutral rich-text document: what the core says, before any surface renders it.

Every renderer (console, Markdown, HTML, Slack, Discord) walks these blocks and escapes
every span's text for its own surface, so no text reaches a platform unescaped.
Blocks are the units a renderer may split a long document between; an item is never cut.

Written text (an item, an editor's note) keeps its paragraphs and quotations inside its
block as spans (see ``prose``): a "break" span starts a new line, a "para" span a new
paragraph, and a "quote" span starts a quoted line (the rest of that line is quoted too).
"""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True)
class Span:
    text: str
    style: str = "plain"  # plain | strong | emph | link | break | para | quote
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


def text(value: str) -> Span:
    return Span(value)


def strong(value: str) -> Span:
    return Span(value, "strong")


def emph(value: str) -> Span:
    return Span(value, "emph")


def link(label: str, url: str) -> Span:
    return Span(label, "link", url)


BREAK = Span("\n", "break")
PARA = Span("\n\n", "para")


def prose(value: str) -> tuple[Span, ...]:
    """Cleaned multi-line text as spans: blank lines part paragraphs, and a line starting
    with ">" is a quotation (its text, without the ">", is a "quote" span)."""
    spans: list[Span] = []
    for p, block in enumerate(part for part in value.split("\n\n") if part.strip()):
        if p:
            spans.append(PARA)
        for n, line in enumerate(block.split("\n")):
            if n:
                spans.append(BREAK)
            if line.startswith(">"):
                spans.append(Span(line[1:].strip(), "quote"))
            else:
                spans.append(Span(line))
    return tuple(spans) or (Span(value),)


@dataclass(frozen=True)
class Line:
    """One line of a block: whether it is quoted, its spans, and what precedes it
    ("" for the first line, "break" or "para")."""

    quote: bool
    spans: tuple[Span, ...]
    gap: str = ""


def lines(spans: tuple[Span, ...]) -> list[Line]:
    """A block's spans as lines (one line unless it holds written text with several)."""
    found: list[Line] = []
    current: list[Span] = []
    gap = ""
    for span in (*spans, Span("", "end")):
        if span.style in ("break", "para", "end"):
            quote = bool(current) and current[0].style == "quote"
            found.append(Line(quote, tuple(current), gap))
            current, gap = [], span.style
            continue
        current.append(span)
    return found


def is_prose(spans: tuple[Span, ...]) -> bool:
    """Whether the spans hold more than one line or a quotation."""
    return any(span.style in ("break", "para", "quote") for span in spans)


def one_line(value: str, limit: int | None = None) -> str:
    """Written text flattened to one line (a title, a list of items), cut to ``limit``."""
    flat = " ".join(value.split())
    if limit is not None and len(flat) > limit:
        return flat[: limit - 1] + "…"
    return flat


def paragraph(*spans: Span, section: str = "") -> Block:
    return Block("paragraph", tuple(spans), section=section)


def lines_document(*paragraphs: tuple[Span, ...] | list[Span], title: str = "") -> Document:
    """A document of one paragraph per span list: the shape of most chat replies."""
    blocks = tuple(Block("paragraph", tuple(spans)) for spans in paragraphs)
    return Document(blocks, title=title)
