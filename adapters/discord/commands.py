"""The application commands: ``/victory`` (members), ``/victories`` (the editors' desk,
admins' setup included) and the "Share as a victory" message command.

Handlers turn each interaction into one core call and show the ``Reply`` privately (see
``replying``); a reply carrying a form opens it as a modal (see ``formflow``).
"""

from __future__ import annotations

from discord import app_commands

from adapters.discord.context_menu import share_menu
from adapters.discord.editor_tree import editor_group
from adapters.discord.member_tree import member_group
from adapters.discord.replying import FormOpener
from bot.core import Core


class VictoriesTree(app_commands.CommandTree):
    """The commands' tree. Who may do what is the core's rule on every platform (bots
    included: intake refuses them, the editors' desk and setup refuse them as editors
    and admins), so nothing is refused here."""


def register(
    tree: app_commands.CommandTree, core: Core, *, defer_after: float, open_form: FormOpener
) -> None:
    """Add every command to the tree (synced to Discord by the client)."""
    tree.add_command(member_group(core, defer_after=defer_after, open_form=open_form))
    tree.add_command(editor_group(core, defer_after=defer_after, open_form=open_form))
    tree.add_command(share_menu(core, open_form=open_form))
