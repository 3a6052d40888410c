"""A core ``Form`` as a Discord modal: the /victory form, a copy-edit, a reject reason
and an editorial slot. Discord allows five text inputs, labels of 45 characters and
inputs of 4,000; the core applies the real limits and refuses kindly beyond them."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from dataclasses import dataclass

import discord

from bot.chat import labels
from bot.chat.replies import Form

TEXT_INPUT_LIMIT = 4000  # Discord's maximum for a text input
TITLE_LIMIT = LABEL_LIMIT = 45
Submitted = Callable[[discord.Interaction, Form, dict[str, str]], Awaitable[None]]


@dataclass(frozen=True)
class Field:
    name: str  # the core's field name (see ``Form``)
    label: str  # its label's name in ``bot.chat.labels.FIELDS``
    paragraph: bool = False
    required: bool = False
    max_length: int = TEXT_INPUT_LIMIT


TEXT = Field("text", "text", paragraph=True, required=True)
LINK = Field("link", "link", max_length=500)
THANKS = Field("thanks_to", "thanks_to", max_length=200)
CREDIT = Field("credit", "credit", max_length=20)
SUBMISSION = (TEXT, LINK, THANKS, CREDIT)
FIELDS = {
    "victory": SUBMISSION,
    "edit": SUBMISSION,
    "slot": (Field("text", "slot", paragraph=True, required=True),),
    "reject": (Field("reason", "reason", paragraph=True, max_length=1000),),
}


class FormModal(discord.ui.Modal):
    """One form; on submit the values go, by field name, to ``submitted``."""

    def __init__(self, form: Form, submitted: Submitted) -> None:
        # Interaction tokens last 15 minutes; a form left open longer cannot answer.
        super().__init__(title=labels.form_title(form)[:TITLE_LIMIT], timeout=15 * 60)
        self.form, self.submitted = form, submitted
        self.owner_id: int | None = None  # who it was opened for (see ``interaction_check``)
        self.inputs: dict[str, discord.ui.TextInput] = {}
        for field in FIELDS.get(form.kind, ()):
            value = str(form.prefill.get(field.name) or "")[: field.max_length]
            text_input: discord.ui.TextInput = discord.ui.TextInput(
                label=labels.field(field.label)[:LABEL_LIMIT],
                style=discord.TextStyle.paragraph if field.paragraph else discord.TextStyle.short,
                required=field.required,
                max_length=field.max_length,
                default=value or None,
            )
            self.inputs[field.name] = text_input
            self.add_item(text_input)

    async def interaction_check(self, interaction: discord.Interaction) -> bool:
        # discord.py finds a form by its id alone; a submission by anyone but the person it
        # was opened for is ignored, and the form stays open for its owner.
        return self.owner_id is None or interaction.user.id == self.owner_id

    async def on_submit(self, interaction: discord.Interaction) -> None:
        values = {name: text_input.value for name, text_input in self.inputs.items()}
        await self.submitted(interaction, self.form, values)
