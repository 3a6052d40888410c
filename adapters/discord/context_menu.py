""" "Share as a victory": a message context-menu command on any message the bot can see.
It opens the /victory form filled in with the message's text and first link, and its
author as the one to thank (``bot.chat.forms.shared_message``); nothing is stored until
the member sends the form, which goes through intake like any share."""

from __future__ import annotations

import discord
from discord import app_commands

from adapters.discord.describe import text as desc
from adapters.discord.replying import FormOpener, send_form
from bot.chat import forms


def share_menu(*, open_form: FormOpener) -> app_commands.ContextMenu:
    async def share(interaction: discord.Interaction, message: discord.Message) -> None:
        # Interactions carry the message's content without the privileged intent.
        form = forms.shared_message(message.content or "", message.author.display_name)
        await send_form(interaction, open_form, form)

    menu = app_commands.ContextMenu(name=desc("ui_share_as_victory"), callback=share)
    return app_commands.guild_only(menu)
