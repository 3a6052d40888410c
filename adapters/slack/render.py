"""The Slack renderer: neutral documents to Block Kit and mrkdwn.

Every piece of text that reaches Slack passes through ``escape`` (the one escaping
function), so a member's ``<!channel>``, ``<!here>`` or ``<@U…>`` shows as text and pings
nobody. We never set ``link_names``.
"""

from __future__ import annotations

import re
from typing import Any

from bot.document import Block, Document, Span
from bot.render.plain import render_plain

MAX_BLOCKS = 50  # per message (Block Kit limit)
MAX_SECTION = 3000  # characters of text per section block (Block Kit limit)
MAX_HEADER = 150  # characters of a header block
MAX_PART_TEXT = 12000  # block text per message, so the plain fallback stays far below 40,000
MAX_FALLBACK = 39000  # Slack truncates message text past 40,000


def escape(text: str) -> str:
    """Make any text inert in mrkdwn. Slack asks for exactly these three replacements."""
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def _url(url: str) -> str:
    # A "|" would end the URL part of <url|label> early; percent-encoding keeps it the same URL.
    return escape(url).replace("|", "%7C")


def _styled(text: str, mark: str) -> str:
    # Slack ignores *bold* when the markers touch spaces, so keep spaces outside them.
    core = text.strip()
    if not core:
        return text
    start = text.index(core[0])
    return f"{text[:start]}{mark}{core}{mark}{text[start + len(core) :]}"


def span_mrkdwn(span: Span) -> str:
    if span.style == "link" and span.url:
        return f"<{_url(span.url)}|{escape(span.text or span.url)}>"
    text = escape(span.text)
    if span.style == "quote":  # a quoted line: mrkdwn's quote marker is the escaped ">"
        return f"&gt; {text}" if text else "&gt;"
    if span.style == "strong":
        return _styled(text, "*")
    if span.style == "emph":
        return _styled(text, "_")
    return text


def block_mrkdwn(block: Block) -> str:
    body = "".join(span_mrkdwn(span) for span in block.spans)
    if block.kind == "item" and block.number is not None:
        return f"{block.number}. {body}"
    if block.kind in ("title", "heading"):
        return _styled(body, "*")
    return body


# Atoms a section may not be cut inside: a link, an entity, or up to a whole word.
_ATOM = re.compile(r"<[^>]*>|&(?:amp|lt|gt);|\s+|[^\s<&]{1,500}|.", re.DOTALL)


def _chunks(text: str, limit: int = MAX_SECTION) -> list[str]:
    """Split mrkdwn into pieces of at most ``limit`` chars, never inside a link or entity."""
    if len(text) <= limit:
        return [text]
    chunks, current = [], ""
    for atom in _ATOM.findall(text):
        if len(current) + len(atom) > limit and current:
            chunks.append(current)
            # A quotation line cut here stays a quotation in the next section.
            quoted = current.rsplit("\n", 1)[-1].startswith("&gt;") and not atom.startswith("\n")
            current = "&gt; " if quoted else ""
        current += atom
    return [*chunks, current] if current else chunks


def _section(text: str) -> dict[str, Any]:
    return {"type": "section", "text": {"type": "mrkdwn", "text": text}}


def block_kit(block: Block) -> list[dict[str, Any]]:
    """One document block as one or more Slack blocks (long text spills into more sections)."""
    if block.kind == "divider":
        return [{"type": "divider"}]
    if block.kind == "title":
        # plain_text is never parsed for mentions or markup, so it needs no escaping.
        title = "".join(span.text for span in block.spans)
        if len(title) > MAX_HEADER:
            title = title[: MAX_HEADER - 1] + "…"
        return [{"type": "header", "text": {"type": "plain_text", "text": title or " "}}]
    text = block_mrkdwn(block)
    if not text.strip():
        return []  # Slack refuses a section or context without text (invalid_blocks)
    if block.kind == "meta":
        return [
            {"type": "context", "elements": [{"type": "mrkdwn", "text": piece}]}
            for piece in _chunks(text)
        ]
    return [_section(piece) for piece in _chunks(text)]


def _fallback(blocks: list[Block]) -> str:
    text = escape(render_plain(Document(tuple(blocks))))
    return text if len(text) <= MAX_FALLBACK else text[: MAX_FALLBACK - 1] + "…"


def message(document: Document) -> dict[str, Any]:
    """One Slack message (``text`` + ``blocks``) for a short document such as a card."""
    blocks = [kit for block in document.blocks for kit in block_kit(block)]
    summary = document.title or render_plain(document)
    return {
        "text": _fallback([Block("paragraph", (Span(summary),))]),
        "blocks": blocks[:MAX_BLOCKS],
    }


def message_parts(document: Document) -> list[dict[str, Any]]:
    """Split a document into messages of ≤ 50 blocks, cutting only between its blocks.

    A heading is carried over to the next message rather than left dangling at the end.
    """
    parts: list[dict[str, Any]] = []
    source: list[Block] = []
    kits: list[list[dict[str, Any]]] = []

    def size(items: list[list[dict[str, Any]]]) -> tuple[int, int]:
        flat = [kit for group in items for kit in group]
        return len(flat), sum(len(str(kit)) for kit in flat)

    def flush(keep_heading: bool) -> None:
        carry = 1 if keep_heading and len(source) > 1 and source[-1].kind == "heading" else 0
        cut = len(source) - carry
        blocks = [kit for group in kits[:cut] for kit in group]
        parts.append({"text": _fallback(source[:cut]), "blocks": blocks})
        del source[:cut], kits[:cut]

    for block in document.blocks:
        rendered = block_kit(block)
        count, chars = size([*kits, rendered])
        lone_heading = len(source) == 1 and source[0].kind == "heading"
        if source and not lone_heading and (count > MAX_BLOCKS or chars > MAX_PART_TEXT):
            flush(keep_heading=True)
        source.append(block)
        kits.append(rendered)
    if source:
        flush(keep_heading=False)
    return parts
