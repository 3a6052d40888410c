"""A core ``Form`` as a Discord modal: the /victory form, a copy-edit, a reject reason
and an editorial slot. Discord allows five text inputs, labels of 45 characters and
inputs of 4,000; the core applies the real limits and refuses kindly beyond them."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from dataclasses import dataclass

import discord

from bot.chat.replies import Form
from bot.issues.editorial import SLOT_NAMES
from bot.messages import fill

TEXT_INPUT_LIMIT = 4000  # Discord's maximum for a text input
TITLE_LIMIT = LABEL_LIMIT = 45
Submitted = Callable[[discord.Interaction, Form, dict[str, str]], Awaitable[None]]


@dataclass(frozen=True)
class Field:
    name: str  # the core's field name (see ``Form``)
    label: str  # a messages.yaml key
    paragraph: bool = False
    required: bool = False
    max_length: int = TEXT_INPUT_LIMIT


TEXT = Field("text", "discord_form_text", paragraph=True, required=True)
LINK = Field("link", "discord_form_link", max_length=500)
THANKS = Field("thanks_to", "discord_form_thanks", max_length=200)
CREDIT = Field("credit", "discord_form_credit", max_length=20)
SUBMISSION = (TEXT, LINK, THANKS, CREDIT)
FIELDS = {
    "victory": SUBMISSION,
    "edit": SUBMISSION,
    "slot": (Field("text", "discord_form_slot_text", paragraph=True, required=True),),
    "reject": (Field("reason", "discord_form_reason", paragraph=True, max_length=1000),),
}


def title(form: Form) -> str:
    if form.kind == "edit":
        return fill("discord_form_edit_title", number=form.number)
    if form.kind == "reject":
        return fill("discord_form_reject_title", number=form.number)
    if form.kind == "slot":
        return fill("discord_form_slot_title", slot=SLOT_NAMES.get(form.slot, form.slot))
    return fill("discord_form_victory_title")


class FormModal(discord.ui.Modal):
    """One form; on submit the values go, by field name, to ``submitted``."""

    def __init__(self, form: Form, submitted: Submitted) -> None:
        # Interaction tokens last 15 minutes; a form left open longer cannot answer.
        super().__init__(title=title(form)[:TITLE_LIMIT], timeout=15 * 60)
        self.form, self.submitted = form, submitted
        self.inputs: dict[str, discord.ui.TextInput] = {}
        for field in FIELDS.get(form.kind, ()):
            value = str(form.prefill.get(field.name) or "")[: field.max_length]
            text_input: discord.ui.TextInput = discord.ui.TextInput(
                label=fill(field.label)[:LABEL_LIMIT],
                style=discord.TextStyle.paragraph if field.paragraph else discord.TextStyle.short,
                required=field.required,
                max_length=field.max_length,
                default=value or None,
            )
            self.inputs[field.name] = text_input
            self.add_item(text_input)

    async def on_submit(self, interaction: discord.Interaction) -> None:
        values = {name: text_input.value for name, text_input in self.inputs.items()}
        await self.submitted(interaction, self.form, values)
