"""The review card moderators react to, as a neutral document, in the community's language."""

from __future__ import annotations

from bot.document import Block, Document, Span, emph, link, one_line, paragraph, prose, strong
from bot.messages import fill
from bot.model import Status, Victory

CREDIT_LABELS = {"name": "credit_name", "first": "credit_first", "anonymous": "credit_anonymous"}


def status_line(victory: Victory, lang: str | None = None) -> str:
    if victory.issue_number is not None:
        return fill("card_published", lang, position=victory.position, issue=victory.issue_number)
    if victory.status == Status.APPROVED:
        key = "card_featured" if victory.featured else "card_approved"
        return fill(key, lang, name=victory.decided_by or "")
    if victory.status == Status.REJECTED:
        return fill("card_rejected", lang, name=victory.decided_by or "")
    if victory.status == Status.WITHDRAWN:
        return fill("card_withdrawn", lang)
    return fill("card_pending", lang)


def card_number(card: Document) -> int | None:
    """The item a card's buttons act on, for every surface: its title block carries the
    number (typed, never read back from the rendered words) while editors can still act
    on the item; None once it ran or was withdrawn, so the buttons go."""
    for block in card.blocks:
        if block.kind == "title":
            return block.number
    return None


def card_document(victory: Victory, *, lang: str | None = None) -> Document:
    title = fill("card_title", lang, number=victory.number)
    blocks = [Block("title", (Span(title),)), paragraph(*prose(victory.text))]
    if victory.link:
        blocks.append(paragraph(link(victory.link, victory.link)))
    details = [
        fill("card_from", lang, name=victory.display_name, platform=victory.platform.title())
    ]
    if victory.thanks_to:
        details.append(fill("card_thanks", lang, name=victory.thanks_to))
    details.append(
        fill("card_credit", lang, credit=fill(CREDIT_LABELS[victory.credit.value], lang))
    )
    blocks.append(Block("meta", (Span(" · ".join(details)),)))
    if victory.duplicate_of:
        duplicate = fill("card_duplicate", lang, other=victory.duplicate_of)
        blocks.append(Block("meta", (strong(duplicate),)))
    if victory.issue_number is None and victory.status != Status.WITHDRAWN:
        # While editors can still act on the item, its title carries the number, so a
        # surface can offer the card's buttons (and drop them once it ran).
        blocks[0] = Block("title", blocks[0].spans, number=victory.number)
    blocks.append(Block("meta", (emph(status_line(victory, lang)),)))
    return Document(tuple(blocks), title=f"{title}: {one_line(victory.text, 80)}")
