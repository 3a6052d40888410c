"""What the platforms' buttons and forms do: review-card buttons, the reject and edit
forms, long slots, the paged queue, autocomplete of open items, and "Share as a victory".

Every function answers a ``Reply`` (a ``Refusal`` becomes a private one with ``ok=False``);
a reply whose ``form`` is set asks the adapter to open that form where it can, and its
document (a usage line) is what a surface without forms shows. The community is always
the one the interaction came from; an item number is looked up only inside it.
"""

from __future__ import annotations

import re
from collections.abc import Mapping

from bot.chat.replies import Form, Reply, decided, refused, says
from bot.chat.usage import USAGE, editors_help
from bot.config import Intake
from bot.core import Core
from bot.document import lines_document, one_line
from bot.issues.editorial import SLOT_NAMES, WRITABLE
from bot.messages import Term, say
from bot.model import Actor, Community, Decision, Refusal
from bot.review.moderation import is_moderator
from bot.sanitize import checked_link, clean_text, optional_text
from bot.submissions.intake import MAX_NAME
from bot.submissions.members import state_label

ACTIONS = ("approve", "feature", "reject", "edit")
MAX_REASON = 300
MAX_CHOICES = 25  # Discord's limit for autocomplete choices
MAX_LABEL = 100  # Discord's limit for a choice's name
_LINK = re.compile(r"https?://[^\s<>|\"]+", re.IGNORECASE)


async def button(core: Core, community: Community, actor: Actor, action: str, number: int) -> Reply:
    """A button on a review card ("victory:<action>:<number>")."""
    if action not in ACTIONS:
        return says("unknown_command", ok=False, command=action[:40], help=editors_help(actor))
    if not is_moderator(actor, community.config):
        return says("not_moderator", ok=False)
    try:
        if action in ("approve", "feature"):
            decision = Decision.APPROVE if action == "approve" else Decision.FEATURE
            return decided(await core.review.decide(community, actor, number, decision))
        current = await core.review.editable(community, actor, number)
        if action == "reject":
            return Reply(
                lines_document(say("reject_form_hint", number=number)),
                form=Form("reject", number=number),
            )
        return Reply(
            lines_document(say("edit_form_hint", number=number)),
            form=Form("edit", number=number, prefill=current),
        )
    except Refusal as refusal:
        return refused(refusal)


async def reject(
    core: Core, community: Community, actor: Actor, number: int, reason: str | None
) -> Reply:
    """The reject form: reject the item, with the reason (if any) the member will see."""
    try:
        why = optional_text(reason, max_length=MAX_REASON, what=Term("what_reason"))
        outcome = await core.review.decide(community, actor, number, Decision.REJECT, reason=why)
    except Refusal as refusal:
        return refused(refusal)
    return decided(outcome)


async def copy_edit(
    core: Core, community: Community, actor: Actor, number: int, fields: Mapping[str, str]
) -> Reply:
    """The edit form: an editor's copy-edit of text, link, thanks-to and credit."""
    try:
        item, changed = await core.review.copy_edit(community, actor, number, fields)
    except Refusal as refusal:
        return refused(refusal)
    return says("copy_edited" if changed else "copy_edit_unchanged", number=item.number)


async def slot_form(core: Core, community: Community, actor: Actor, slot: str) -> Reply:
    """A slot's form, prefilled with what it holds now; its usage line for the console."""
    try:
        current = await core.issues.slot_text(community, actor, slot)
    except Refusal as refusal:
        return refused(refusal)
    hint: tuple[str, dict[str, object]] = (
        ("slot_list_hint", {"slot": SLOT_NAMES[slot]})
        if slot in ("ps", "action")
        else ("slot_form_hint", {})
    )
    reply = says("usage", hint, usage=USAGE[slot])
    return Reply(reply.doc, form=Form("slot", slot=slot, prefill={"text": current}))


async def write_slot(core: Core, community: Community, actor: Actor, slot: str, text: str) -> Reply:
    """A slot's form: replace note, thanks, action or ps with multi-line text; empty clears."""
    if slot not in WRITABLE:
        return says("unknown_command", ok=False, command=slot[:40], help=editors_help(actor))
    try:
        issue = await core.issues.write_slot(community, actor, slot, text)
    except Refusal as refusal:
        return refused(refusal)
    key = "slot_saved" if clean_text(text or "", multiline=True) else "slot_cleared"
    return says(key, slot=SLOT_NAMES[slot], issue=issue.number)


async def queue(core: Core, community: Community, actor: Actor, page: int = 1) -> Reply:
    """The review queue, a page at a time, oldest first."""
    try:
        shown = await core.review.queue_page(community, actor, page)
    except Refusal as refusal:
        return refused(refusal)
    if not shown.total:
        return says("queue_empty")
    lines = [say("queue_heading", page=shown.page, pages=shown.pages, total=shown.total)]
    lines += [
        say("queue_line", number=v.number, state=state_label(v), text=one_line(v.text, 120))
        for v in shown.items
    ]
    if shown.page < shown.pages:
        lines.append(say("queue_more", next=shown.page + 1))
    return Reply(lines_document(*lines))


async def pending_choices(
    core: Core, community: Community, actor: Actor, typed: str
) -> list[tuple[int, str]]:
    """Up to 25 (number, label) of open items matching what was typed; [] for non-editors."""
    items = await core.review.open_matching(community, actor, typed, limit=MAX_CHOICES)
    return [(v.number, one_line(f"#{v.number} {v.text}", MAX_LABEL)) for v in items]


def share(actor: Actor, text: str, author_name: str, *, limit: int | None = None) -> Reply:
    """ "Share as a victory" pressed by ``actor``: the prefilled form (``shared_message``),
    or, for a bot, the refusal intake would give, before any form opens."""
    if actor.is_bot:
        return says("bots_cannot_share", ok=False)
    form = shared_message(text, author_name, limit=limit)
    return Reply(lines_document(say("usage", usage="/victory <text>")), form=form)


def shared_message(text: str, author_name: str, *, limit: int | None = None) -> Form:
    """ "Share as a victory" on someone's message: the victory form, prefilled with its text
    (cleaned, cut to the intake limit), its first web link, and its author to thank."""
    limit = limit or Intake.max_length
    cleaned = clean_text(text or "", multiline=True)
    if len(cleaned) > limit:
        cleaned = cleaned[: limit - 1].rstrip() + "…"
    found = ""
    for match in _LINK.finditer(text or ""):
        try:
            found = checked_link(match.group().rstrip(".,;:!?)]'>")) or ""
        except Refusal:
            continue
        break
    return Form(
        "victory",
        prefill={
            "text": cleaned,
            "link": found,
            "thanks_to": clean_text(author_name or "")[:MAX_NAME],
        },
    )
