"""Markdown: the archive's .md files and the back-catalogue import format."""

from __future__ import annotations

import re

from bot.document import Block, Document, Span

_SPECIAL = re.compile(r"([\\`*_\[\]<>|~#])")
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


def render_block(block: Block) -> str:
    body = "".join(render_span(span) for span in block.spans)
    if block.kind == "title":
        return f"# {body}\n"
    if block.kind == "heading":
        return f"\n## {body}\n"
    if block.kind == "item":
        return f"{block.number}. {body}"
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
