"""``/victories``: the editors' desk, as subcommands with typed options.

Registered with ``default_member_permissions`` (Manage Messages) so ordinary members do
not see it; that is only a default a server can change, so the core still checks the
configured editor roles on every use. Each subcommand becomes the typed line it stands
for (one parser: ``bot.chat.commands.handle``); what the core answers with a form
(``note`` with no text, ``reject`` with no reason) opens as a modal.
"""

from __future__ import annotations

import discord
from discord import app_commands

from adapters.discord import admin_tree
from adapters.discord.describe import choice
from adapters.discord.describe import text as desc
from adapters.discord.replying import (
    FormOpener,
    actor,
    community_of,
    in_community,
    line,
    respond,
)
from bot.chat import forms
from bot.core import Core

Number = app_commands.Range[int, 1, 999_999_999]
EDITORS = discord.Permissions(manage_messages=True)
SLOTS = {  # slot: its description's key
    "note": "cmd_victories_note",
    "thanks": "cmd_victories_thanks",
    "action": "cmd_victories_action",
    "ps": "cmd_victories_ps",
}
CLEARABLE = [
    choice("cmd_choice_slot_note", "note"),
    choice("cmd_choice_slot_song", "song"),
    choice("cmd_choice_slot_thanks", "thanks"),
    choice("cmd_choice_slot_actions", "actions"),
    choice("cmd_choice_slot_ps", "ps"),
]


async def pending_items(
    core: Core, interaction: discord.Interaction, typed: str
) -> list[app_commands.Choice[int]]:
    """Autocomplete: the items still open for review that match what was typed (none for
    someone who is not an editor)."""
    community = await community_of(core, interaction)
    found = await forms.pending_choices(core, community, actor(interaction), typed)
    return [
        app_commands.Choice(name=label[:100] or f"#{number}", value=number)
        for number, label in found[:25]
    ]


def editor_group(core: Core, *, defer_after: float, open_form: FormOpener) -> app_commands.Group:
    group = app_commands.Group(
        name="victories",
        description=desc("cmd_victories_group"),
        guild_only=True,
        default_permissions=EDITORS,
    )

    async def run(interaction: discord.Interaction, typed: str) -> None:
        work = line(core, interaction, "victories", typed)
        await respond(interaction, work, defer_after=defer_after, open_form=open_form)

    async def complete(interaction: discord.Interaction, typed: str):
        return await pending_items(core, interaction, typed)

    def simple(name: str, typed: str, key: str) -> None:
        async def callback(interaction: discord.Interaction) -> None:
            await run(interaction, typed)

        group.add_command(app_commands.Command(name=name, description=desc(key), callback=callback))

    for name, typed, key in (
        ("preview", "preview", "cmd_victories_preview"),
        ("status", "status", "cmd_victories_status"),
        ("publish", "publish now", "cmd_victories_publish"),
        ("skip", "skip", "cmd_victories_skip"),
        ("unskip", "unskip", "cmd_victories_unskip"),
        ("settings", "settings", "cmd_victories_settings"),
        ("unlink", "unlink", "cmd_victories_unlink"),
    ):
        simple(name, typed, key)

    @group.command(name="queue", description=desc("cmd_victories_queue"))
    @app_commands.describe(page=desc("cmd_opt_page"))
    async def queue(interaction: discord.Interaction, page: Number = 1) -> None:
        await run(interaction, f"queue {page}")

    def deciding(verb: str, key: str) -> None:
        @app_commands.describe(number=desc("cmd_opt_item_number"))
        @app_commands.autocomplete(number=complete)
        async def callback(interaction: discord.Interaction, number: Number) -> None:
            await run(interaction, f"{verb} {number}")

        group.add_command(app_commands.Command(name=verb, description=desc(key), callback=callback))

    deciding("approve", "cmd_victories_approve")
    deciding("feature", "cmd_victories_feature")

    @group.command(name="reject", description=desc("cmd_victories_reject"))
    @app_commands.describe(number=desc("cmd_opt_item_number"), reason=desc("cmd_opt_reason"))
    @app_commands.autocomplete(number=complete)
    async def reject(
        interaction: discord.Interaction, number: Number, reason: str | None = None
    ) -> None:
        if (reason or "").strip():
            await run(interaction, f"reject {number} {reason}")
            return
        who = actor(interaction)  # no reason given: the reject form asks for one
        work = in_community(
            core, interaction, lambda c: forms.button(core, c, who, "reject", number)
        )
        await respond(interaction, work, defer_after=defer_after, open_form=open_form)

    @group.command(name="move", description=desc("cmd_victories_move"))
    @app_commands.describe(number=desc("cmd_opt_item_number"), position=desc("cmd_opt_position"))
    @app_commands.autocomplete(number=complete)
    async def move(interaction: discord.Interaction, number: Number, position: Number) -> None:
        await run(interaction, f"move {number} {position}")

    def slot(name: str, key: str) -> None:
        @app_commands.describe(text=desc("cmd_opt_slot_text"))
        async def callback(interaction: discord.Interaction, text: str | None = None) -> None:
            await run(interaction, f"{name} {text or ''}".strip())

        group.add_command(app_commands.Command(name=name, description=desc(key), callback=callback))

    for name, key in SLOTS.items():
        slot(name, key)

    @group.command(name="song", description=desc("cmd_victories_song"))
    @app_commands.describe(title=desc("cmd_opt_song_title"), link=desc("cmd_opt_song_link"))
    async def song(interaction: discord.Interaction, title: str, link: str) -> None:
        await run(interaction, f"song {title} {link}")

    @group.command(name="clear", description=desc("cmd_victories_clear"))
    @app_commands.describe(slot=desc("cmd_opt_clear_slot"))
    @app_commands.choices(slot=CLEARABLE)
    async def clear(interaction: discord.Interaction, slot: app_commands.Choice[str]) -> None:
        await run(interaction, f"clear {slot.value}")

    @group.command(name="schedule", description=desc("cmd_victories_schedule"))
    @app_commands.describe(when=desc("cmd_opt_when"))
    async def schedule(interaction: discord.Interaction, when: str) -> None:
        await run(interaction, f"schedule {when}")

    def blocking(verb: str, key: str) -> None:
        @app_commands.describe(user=desc("cmd_opt_user"))
        async def callback(interaction: discord.Interaction, user: str) -> None:
            await run(interaction, f"{verb} {user}")

        group.add_command(app_commands.Command(name=verb, description=desc(key), callback=callback))

    blocking("block", "cmd_victories_block")
    blocking("unblock", "cmd_victories_unblock")

    @group.command(name="subscribers", description=desc("cmd_victories_subscribers"))
    @app_commands.describe(add=desc("cmd_opt_subscriber"))
    async def subscribers(interaction: discord.Interaction, add: str | None = None) -> None:
        await run(interaction, f"subscribers add {add}" if add else "subscribers")

    admin_tree.add_admin_commands(group, core, run=run, defer_after=defer_after)
    return group
