"""The application commands: ``/victory`` (members), ``/victories`` (the editors' desk,
admins' setup included) and the "Share as a victory" message command.

Handlers turn each interaction into one core call and show the ``Reply`` privately (see
``replying``); a reply carrying a form opens it as a modal (see ``formflow``).
"""

from __future__ import annotations

import discord
from discord import app_commands

from adapters.discord.context_menu import share_menu
from adapters.discord.editor_tree import editor_group
from adapters.discord.member_tree import member_group
from adapters.discord.replying import NO_MENTIONS, FormOpener
from bot.core import Core
from bot.messages import fill


class VictoriesTree(app_commands.CommandTree):
    async def interaction_check(self, interaction: discord.Interaction) -> bool:
        """Discord sends commands from people only; one that claims to come from a bot
        (our own included) is refused here, except the editors' desk, where the core
        refuses bots itself with the editors' refusal."""
        command = interaction.command
        root = getattr(command, "root_parent", None) or command
        if not interaction.user.bot or getattr(root, "name", "") == "victories":
            return True
        if interaction.type == discord.InteractionType.autocomplete:
            await interaction.response.autocomplete([])
        else:
            await interaction.response.send_message(
                fill("discord_no_bots"), ephemeral=True, allowed_mentions=NO_MENTIONS
            )
        return False


def register(
    tree: app_commands.CommandTree, core: Core, *, defer_after: float, open_form: FormOpener
) -> None:
    """Add every command to the tree (synced to Discord by the client)."""
    tree.add_command(member_group(core, defer_after=defer_after, open_form=open_form))
    tree.add_command(editor_group(core, defer_after=defer_after, open_form=open_form))
    tree.add_command(share_menu(open_form=open_form))
