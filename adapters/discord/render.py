"""Discord rendering of the core's documents, and THE one place user text is escaped.

Every span goes through ``escape``; nothing else in the adapter formats text. Documents
are split only between blocks, so an item is never cut across messages (a single block
longer than a whole message, impossible with the intake limits, is cut as a last resort).
"""

from __future__ import annotations

import logging
import re
from dataclasses import dataclass

from bot.document import Block, Document, Span

log = logging.getLogger("victories.discord")

MESSAGE_LIMIT = 2000  # message content
DESCRIPTION_LIMIT = 4096  # one embed's description; a part's footer stays far below 6,000 total

# Markdown that works anywhere in a line: emphasis, code, spoilers, strike, masked links,
# and "<" which opens user, role, channel and timestamp mentions.
_ANYWHERE = re.compile(r"([\\*_~`|\[\]()<>])")
# Markdown that only works at the start of a line: headers, subtext ("-# "), quotes, lists.
_LINE_MARK = re.compile(r"(?m)^(\s*)([-+#])")
_ORDERED = re.compile(r"(?m)^(\s*)(\d+)\.")
# @everyone/@here ping only if allowed_mentions permits; a zero-width space also stops the
# client from highlighting them (the same defence as discord.utils.escape_mentions).
_MASS_MENTION = re.compile(r"@(everyone|here)")
_URL_UNSAFE = re.compile(r"[<>\s`\"]")


def escape(text: str) -> str:
    """Make member-typed text show literally on Discord: no markup, no mentions."""
    text = _ANYWHERE.sub(r"\\\1", text)
    text = _LINE_MARK.sub(r"\1\\\2", text)
    text = _ORDERED.sub(r"\1\2\\.", text)
    return _MASS_MENTION.sub("@\u200b\\1", text)


def _url(url: str) -> str:
    # Links were validated by the core (http/https); percent-encode what would end <...>.
    return _URL_UNSAFE.sub(lambda m: f"%{ord(m.group(0)):02X}", url)


def render_span(span: Span) -> str:
    if span.style == "quote":  # a quoted line; its text is escaped like any other
        return f"> {escape(span.text)}" if span.text else ">"
    if not span.text:
        return ""
    if span.style == "link" and span.url:
        if span.text == span.url:
            return f"<{_url(span.url)}>"  # angle brackets: no link preview under the issue
        return f"[{escape(span.text)}](<{_url(span.url)}>)"
    if span.style == "strong":
        return f"**{escape(span.text)}**"
    if span.style == "emph":
        return f"*{escape(span.text)}*"
    return escape(span.text)


def render_block(block: Block) -> str:
    body = "".join(render_span(span) for span in block.spans)
    if block.kind == "title":
        return f"**{body}**"
    if block.kind == "heading":
        return f"\n**{body}**"
    if block.kind == "item":
        return f"**{block.number}.** {body}"
    if block.kind == "divider":
        return "\u2500" * 12
    return body


def split_lines(lines: list[str], limit: int) -> list[str]:
    """Pack whole lines into chunks of at most ``limit`` characters, in order."""
    chunks: list[str] = []
    current = ""
    for line in lines:
        for piece in _cut(line, limit):
            candidate = f"{current}\n{piece}" if current else piece.lstrip("\n")
            if len(candidate) <= limit:
                current = candidate
                continue
            chunks.append(current)
            current = piece.lstrip("\n")
    if current or not chunks:
        chunks.append(current)
    return chunks


def _cut(line: str, limit: int) -> list[str]:
    if len(line) <= limit:
        return [line]
    log.warning("a block of %s characters is longer than a Discord message; cutting it", len(line))
    pieces = []
    while len(line) > limit:
        end = limit - 1 if line[limit - 1] == "\\" else limit  # never separate an escape
        pieces.append(line[:end])
        line = line[end:]
    return [*pieces, line]


def render_text(document: Document, *, limit: int = MESSAGE_LIMIT) -> list[str]:
    """A document as message contents (replies, notices, notes), split between blocks."""
    return split_lines([render_block(b) for b in document.blocks], limit)


def fit(document: Document, *, limit: int = DESCRIPTION_LIMIT) -> str:
    """A document as one text of at most ``limit`` characters (a review card): the longest
    block is shortened, visibly, so the status line at the end always shows."""
    lines = [render_block(b) for b in document.blocks]
    while len("\n".join(lines)) > limit:
        longest = max(range(len(lines)), key=lambda i: len(lines[i]))
        excess = len("\n".join(lines)) - limit
        keep = max(0, len(lines[longest]) - excess - 1)
        keep -= 1 if keep and lines[longest][keep - 1] == "\\" else 0
        lines[longest] = lines[longest][:keep] + "\u2026"
    return "\n".join(lines)


@dataclass(frozen=True)
class IssuePart:
    """One message of an issue: an embed description and its place ("2/3")."""

    description: str
    page: str


def issue_parts(document: Document, *, limit: int = DESCRIPTION_LIMIT) -> list[IssuePart]:
    chunks = split_lines([render_block(b) for b in document.blocks], limit)
    return [IssuePart(chunk, f"{i}/{len(chunks)}") for i, chunk in enumerate(chunks, start=1)]
