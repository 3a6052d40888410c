"""Plain text: what the console prints, and every platform's notification fallback."""

from __future__ import annotations

from bot.document import Block, Document, Span


def render_span(span: Span) -> str:
    if span.style == "link" and span.url:
        return span.url if span.text == span.url else f"{span.text} ({span.url})"
    if span.style == "quote":
        return f"> {span.text}" if span.text else ">"
    return span.text


def indent(text: str, width: int) -> str:
    """Continuation lines of a list item under its text (blank lines stay empty)."""
    pad = " " * width
    return "\n".join(line and pad + line if i else line for i, line in enumerate(text.split("\n")))


def render_block(block: Block) -> str:
    body = "".join(render_span(span) for span in block.spans)
    if block.kind == "title":
        return f"{body}\n{'=' * len(body)}"
    if block.kind == "heading":
        return f"\n{body}\n{'-' * len(body)}"
    if block.kind == "item":
        marker = f"{block.number}. "
        return marker + indent(body, len(marker))
    if block.kind == "divider":
        return ""
    return body


def render_plain(document: Document) -> str:
    parts, previous = [], None
    for block in document.blocks:
        # A blank line after the date, and between a list and the paragraph after it
        # (headings and the divider bring their own).
        if previous in ("meta", "item") and block.kind not in ("item", "heading", "divider"):
            parts.append("")
        parts.append(render_block(block))
        previous = block.kind
    return "\n".join(parts)
