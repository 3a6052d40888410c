"""The issue as a neutral document, in the order readers expect (see PRODUCT.md)."""

from __future__ import annotations

import datetime as dt
import re

from bot.config import Config
from bot.document import BREAK, Block, Document, Span, emph, link, paragraph, prose, strong
from bot.issues.selection import IssueView, join_names
from bot.messages import fill, long_date, say
from bot.model import Refusal
from bot.sanitize import checked_link


def _date_line(value: str | None, lang: str) -> str:
    return long_date(dt.date.fromisoformat(value), lang) if value else ""


_URL = re.compile(r"https?://[^\s<>\"|]+")


def linked(value: str) -> tuple[Span, ...]:
    """Written text whose web addresses become links (take-action steps carry their own
    URLs); paragraphs and quotations stay as ``prose`` makes them."""
    return tuple(
        piece
        for span in prose(value)
        for piece in (_linked(span) if span.style in ("plain", "quote") else (span,))
    )


def _linked(span: Span) -> tuple[Span, ...]:
    """Trailing punctuation stays text ("sign at https://x.org/a." links x.org/a); an
    address that checked_link would refuse or rewrite stays text, so what is shown is what
    is linked. A quoted line stays quoted: its first piece keeps the quote."""
    value = span.text
    spans: list[Span] = [Span("", span.style)] if span.style == "quote" else []
    start = 0
    for match in _URL.finditer(value):
        url = match.group().rstrip(".,;:!?)]'")
        try:
            safe = checked_link(url)
        except Refusal:
            continue
        if safe != url:  # only an address already in its safe, normal form is linked
            continue
        if match.start() > start:
            spans.append(Span(value[start : match.start()]))
        spans.append(link(url, url))
        start = match.start() + len(url)
    if start < len(value):
        spans.append(Span(value[start:]))
    if span.style == "quote" and len(spans) > 1:  # "> " then the line's first link
        spans[:2] = (
            [Span(spans[1].text, "quote")]
            if spans[1].style == "plain"
            else [spans[0], Span(" "), spans[1]]
        )
    return tuple(spans) or (Span(value),)


def _lead(label: Span, spans: tuple[Span, ...]) -> tuple[Span, ...]:
    """A label ("P.S.") before written text; a quotation starts on its own line."""
    if spans[0].style == "quote":
        return (label, BREAK, *spans)
    return (label, Span(" "), *spans)


def _heading(key: str, section: str, lang: str) -> Block:
    return Block("heading", (Span(fill(key, lang)),), section=section)


def issue_title(config: Config, number: int) -> str:
    return fill(
        "issue_title", config.community.language, community=config.community.name, number=number
    )


def issue_document(view: IssueView, *, config: Config) -> Document:
    """The issue in the community's language (``community.language``), whoever asks."""
    issue, lang = view.issue, config.community.language
    title = issue_title(config, issue.number)
    blocks: list[Block] = [Block("title", (Span(title),), section="title")]
    if issue.date:
        blocks.append(Block("meta", (emph(_date_line(issue.date, lang)),), section="title"))
    if issue.note:
        blocks.append(paragraph(*prose(issue.note), section="note"))
        signature = fill("note_signature", lang, signature=config.community.signature)
        blocks.append(paragraph(emph(signature), section="note"))
    blocks.append(_heading("heading_victories", "victories", lang))
    if not view.entries:  # only a preview can be empty: publishing refuses it
        blocks.append(paragraph(emph(fill("no_items_yet", lang)), section="victories"))
    for entry in view.entries:
        # The link and credit end the item's last line (a quotation's, too: it reads as
        # its attribution), so the archive's Markdown reads them back.
        spans = list(prose(entry.victory.text))
        if entry.victory.link:
            spans += [Span(" "), link(entry.victory.link, entry.victory.link)]
        if entry.credits:
            names = join_names(entry.credits, lang)
            spans += [Span(" "), Span(fill("credit_one", lang, names=names))]
        blocks.append(Block("item", tuple(spans), number=entry.position, section="victories"))
    if issue.song_title or issue.song_link:
        blocks.append(_heading("heading_song", "song", lang))
        label = issue.song_title or issue.song_link or ""
        song = link(label, issue.song_link) if issue.song_link else strong(label)
        blocks.append(paragraph(song, section="song"))
    if issue.gratitude:
        blocks.append(_heading("heading_gratitude", "gratitude", lang))
        blocks.append(paragraph(*prose(issue.gratitude), section="gratitude"))
    if issue.actions:
        blocks.append(_heading("heading_actions", "actions", lang))
        for number, step in enumerate(issue.actions, start=1):
            blocks.append(Block("item", linked(step), number=number, section="actions"))
    for index, line in enumerate(issue.ps):
        prefix = "P." * (index + 1) + "S. "
        blocks.append(paragraph(*_lead(strong(prefix.strip()), prose(line)), section="ps"))
    blocks.append(Block("divider", section="closing"))
    blocks.append(paragraph(*say("closing_call", lang), section="closing"))
    if config.community.archive_url:
        url = config.community.archive_url
        blocks.append(
            paragraph(Span(fill("closing_archive", lang)), link(url, url), section="closing")
        )
    if config.community.signup_url:
        url = config.community.signup_url
        blocks.append(
            paragraph(Span(fill("closing_signup", lang)), link(url, url), section="closing")
        )
    return Document(tuple(blocks), title=title)
