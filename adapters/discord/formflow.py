"""What a submitted form does: each kind of ``Form`` goes to its one core call, in the
community of the server the form was submitted in."""

from __future__ import annotations

from collections.abc import Callable

import discord

from adapters.discord.modals import FormModal
from adapters.discord.replying import actor, in_community, respond
from bot.chat import commands, forms
from bot.chat.replies import Form, Reply, says
from bot.core import Core
from bot.model import Community, Submission


def opener(core: Core, *, defer_after: float) -> Callable[[Form], FormModal]:
    """The function that turns a reply's form into a modal whose submission is handled."""

    def open_form(form: Form) -> FormModal:
        return FormModal(form, submitted)

    async def submitted(interaction: discord.Interaction, form: Form, values: dict) -> None:
        who = actor(interaction)

        async def work(community: Community) -> Reply:
            if form.kind == "victory":
                submission = Submission(
                    text=values.get("text", ""),
                    link=values.get("link") or None,
                    thanks_to=values.get("thanks_to") or None,
                    credit=values.get("credit") or None,
                )
                return await commands.submit(core, community, who, submission)
            if form.kind == "slot":
                return await forms.write_slot(core, community, who, form.slot, values["text"])
            if form.kind == "edit":
                return await forms.copy_edit(core, community, who, form.number, values)
            if form.kind == "reject":
                reason = values.get("reason") or None
                return await forms.reject(core, community, who, form.number, reason)
            return says("unknown_command", ok=False, command=form.kind, help="/victory help")

        await respond(
            interaction,
            in_community(core, interaction, work),
            defer_after=defer_after,
            open_form=open_form,
        )

    return open_form
