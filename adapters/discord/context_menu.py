""" "Share as a victory": a message context-menu command on any message the bot can see.
It opens the /victory form filled in with the message's text and first link, and its
author as the one to thank (``bot.chat.forms.shared_message``); nothing is stored until
the member sends the form, which goes through intake like any share."""

from __future__ import annotations

import discord
from discord import app_commands

from adapters.discord.describe import text as desc
from adapters.discord.replying import FormOpener, actor, community_of, send_form, show
from bot.chat import forms
from bot.core import Core


def share_menu(core: Core, *, open_form: FormOpener) -> app_commands.ContextMenu:
    async def share(interaction: discord.Interaction, message: discord.Message) -> None:
        # Interactions carry the message's content without the privileged intent. The
        # text is cut to the server's own limit (intake.max_length), as intake would.
        limit = (await community_of(core, interaction)).config.intake.max_length
        author = message.author.display_name
        reply = forms.share(actor(interaction), message.content or "", author, limit=limit)
        if reply.form is None:  # a bot: the core refuses it before any form opens
            await show(interaction, reply)
            return
        await send_form(interaction, open_form, reply.form)

    menu = app_commands.ContextMenu(name=desc("ui_share_as_victory"), callback=share)
    return app_commands.guild_only(menu)
