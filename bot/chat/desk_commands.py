"""The editor's desk as typed verbs: ``/victories queue [page]`` (the review queue, a
page at a time) on every platform, including the console."""

from __future__ import annotations

from typing import TYPE_CHECKING

from bot.chat import forms
from bot.chat.replies import Reply
from bot.chat.words import number
from bot.model import Actor, Community

if TYPE_CHECKING:
    from bot.core import Core


async def queue(core: Core, community: Community, actor: Actor, rest: str) -> Reply:
    page = number(rest) if rest.strip() else 1
    return await forms.queue(core, community, actor, page)
