"""The editor's desk as typed verbs on every platform, including the console:
``/victories queue [page]`` (the review queue, a page at a time), ``/victories move
<number> <position>`` (reorder the next issue) and ``/victories edit <number> [text]``
(copy-edit; Discord has no room for it among its 25 subcommands: its card's Edit button)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from bot.chat import forms
from bot.chat.replies import Reply, says
from bot.chat.usage import USAGE
from bot.chat.words import number
from bot.messages import Term
from bot.model import Actor, Community, Refusal

if TYPE_CHECKING:
    from bot.core import Core


async def queue(core: Core, community: Community, actor: Actor, rest: str) -> Reply:
    page = number(rest) if rest.strip() else 1
    return await forms.queue(core, community, actor, page)


async def move(core: Core, community: Community, actor: Actor, rest: str) -> Reply:
    words = rest.replace(",", " ").split()
    if len(words) != 2:
        raise Refusal("empty", what=Term("what_number"))
    item, position = number(words[0]), number(words[1])
    placed = await core.issues.reorder(community, actor, item, position)
    return says("moved", number=item, position=placed)


async def edit(core: Core, community: Community, actor: Actor, rest: str) -> Reply:
    """Copy-edit by typing: "edit <n> <new text>" replaces the text (link, thanks and
    credit stay); "edit <n>" alone opens the card's Edit form where the platform has forms
    (Slack), else says how to type it."""
    number_text, _, text = rest.partition(" ")
    item = number(number_text)
    if not text.strip():
        reply = await forms.button(core, community, actor, "edit", item)
        if reply.form is None:
            return reply
        return Reply(says("usage", usage=USAGE["edit"]).doc, form=reply.form)
    return await forms.copy_edit(core, community, actor, item, {"text": text})
