"""The editor's desk as typed verbs on every platform, including the console:
``/victories queue [page]`` (the review queue, a page at a time) and ``/victories move
<number> <position>`` (reorder the next issue)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from bot.chat import forms
from bot.chat.replies import Reply, says
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
