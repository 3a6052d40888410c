"""Markdown: the archive's .md files and the back-catalogue import format."""

from __future__ import annotations

import re

from bot.document import Block, Document, Span, is_prose, lines
from bot.render.plain import indent

_SPECIAL = re.compile(r"([\\`*_\[\]<>|~#&])")  # "&" would start an entity
_LEADING = re.compile(r"^(\s*)(\d+)([.)])", re.MULTILINE)
_BLOCK_MARK = re.compile(r"^(\s*)([-+=])", re.MULTILINE)  # bullets, rules, setext underlines


def escape(value: str) -> str:
    escaped = _SPECIAL.sub(r"\\\1", value)
    escaped = _BLOCK_MARK.sub(r"\1\\\2", escaped)
    return _LEADING.sub(r"\1\2\\\3", escaped)


def unescape(value: str) -> str:
    return re.sub(r"\\(.)", r"\1", value)


def render_span(span: Span) -> str:
    if span.style == "link" and span.url:
        return f"<{span.url}>" if span.text == span.url else f"[{escape(span.text)}](<{span.url}>)"
    if span.style == "strong":
        return f"**{escape(span.text)}**"
    if span.style == "emph":
        return f"*{escape(span.text)}*"
    return escape(span.text)


def _line(spans: tuple[Span, ...]) -> str:
    body = "".join(render_span(span) for span in spans if span.style != "quote")
    if spans and spans[0].style == "quote":
        return f"> {escape(spans[0].text)}{body}".rstrip()
    return body


def render_spans(spans: tuple[Span, ...]) -> str:
    """A block's text; written text keeps its lines, paragraphs and quotations."""
    if not is_prose(spans):
        return "".join(render_span(span) for span in spans)
    out, previous, last = "", None, ""
    for line in lines(spans):
        shown = _line(line.spans)
        if line.gap == "para" or (previous and previous.quote and not line.quote):
            out += "\n\n"  # ends a quotation, which would otherwise run on ("lazy" line)
        elif line.gap == "break":
            # A hard line break ("\" at the end) between two lines of text; an empty
            # quotation line (">") parts the quotation's paragraphs instead.
            joined = previous and previous.quote == line.quote and last not in ("", ">")
            out += "\\\n" if joined and shown != ">" else "\n"
        out += shown
        previous, last = line, shown
    return out


def render_block(block: Block) -> str:
    body = render_spans(block.spans)
    if block.kind == "title":
        return f"# {body}\n"
    if block.kind == "heading":
        return f"\n## {body}\n"
    if block.kind == "item":
        marker = f"{block.number}. "
        return marker + indent(body, len(marker))
    if block.kind == "divider":
        return "\n---\n"
    return f"{body}\n"


def render_markdown(document: Document) -> str:
    parts, previous = [], None
    for block in document.blocks:
        # Without a blank line, CommonMark reads a paragraph after a list item as more of
        # that item (a "lazy continuation line"): the P.S. would end up inside step 1.
        if previous == "item" and block.kind not in ("item", "heading", "divider"):
            parts.append("")
        parts.append(render_block(block))
        previous = block.kind
    return "\n".join(parts).strip() + "\n"
