"""Approve, Feature, Reject and Edit buttons on review cards (message components).

A button's custom id is ``victory:<action>:<number>``; the community is always the one
of the server the press came from, never read from the id, so a crafted id cannot reach
another community. Presses are handled from the raw interaction (``pressed``), not by a
discord.py view kept in memory: a card posted before a restart keeps working, and no
memory is held per card.
"""

from __future__ import annotations

import re

import discord

from adapters.discord.replying import FormOpener, actor, in_community, respond
from bot.chat import forms, labels
from bot.core import Core

STYLES = {
    "approve": discord.ButtonStyle.success,
    "feature": discord.ButtonStyle.primary,
    "reject": discord.ButtonStyle.danger,
    "edit": discord.ButtonStyle.secondary,
}
CUSTOM_ID = re.compile(r"victory:([a-z]{1,20}):(\d{1,9})")


class CardButtons(discord.ui.View):
    """The buttons under one card."""

    def __init__(self, number: int) -> None:
        super().__init__(timeout=None)
        for action, style in STYLES.items():
            self.add_item(
                discord.ui.Button(
                    label=labels.button(action),
                    style=style,
                    custom_id=f"victory:{action}:{number}",
                )
            )

    def is_dispatchable(self) -> bool:
        # Not kept in discord.py's view store: ``pressed`` handles every card's buttons.
        return False


def parse(custom_id: str) -> tuple[str, int] | None:
    found = CUSTOM_ID.fullmatch(custom_id or "")
    return (found.group(1), int(found.group(2))) if found else None


async def pressed(
    interaction: discord.Interaction, core: Core, *, defer_after: float, open_form: FormOpener
) -> bool:
    """Handle a press on one of our buttons; False when the component is not ours."""
    data: dict = dict(interaction.data or {})
    parsed = parse(str(data.get("custom_id", "")))
    if parsed is None or interaction.guild_id is None:
        return False
    action, number = parsed
    who = actor(interaction)
    work = in_community(
        core, interaction, lambda community: forms.button(core, community, who, action, number)
    )
    await respond(interaction, work, defer_after=defer_after, open_form=open_form)
    return True
