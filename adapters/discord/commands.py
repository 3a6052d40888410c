"""The /victory and /victories application commands and the /victory form (a modal).

Each handler turns the interaction into one call on the core (``bot.chat.commands.handle`` or
``Core.submit``) and shows the ``Reply`` privately. Discord wants an answer within
3 s: if the core takes longer than ``defer_after`` the interaction is deferred first.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Awaitable, Callable

import discord
from discord import app_commands

from adapters.discord.identity import actor_for
from adapters.discord.render import render_text
from bot.chat import commands
from bot.chat.replies import Reply
from bot.core import Core
from bot.messages import ENGLISH, fill, language_for
from bot.model import Community, Submission

log = logging.getLogger("victories.discord")
NO_MENTIONS = discord.AllowedMentions.none()
TEXT_INPUT_LIMIT = 4000  # Discord's maximum for a text input; intake applies the real limit


async def respond(
    interaction: discord.Interaction, work: Awaitable[Reply], *, defer_after: float
) -> None:
    """Run ``work`` and show its reply to the member, deferring if it is slow."""
    task = asyncio.ensure_future(work)
    done, _ = await asyncio.wait({task}, timeout=defer_after)
    if not done:
        await interaction.response.defer(ephemeral=True, thinking=True)
    failed = fill("command_failed", _language(interaction))
    try:
        reply = await task
        chunks, private = [c for c in render_text(reply.doc) if c.strip()], reply.private
    except Exception:
        log.exception("command failed user=%s", interaction.user.id)
        chunks, private = [failed], True
    for chunk in chunks or [failed]:
        if interaction.response.is_done():
            await interaction.followup.send(chunk, ephemeral=private, allowed_mentions=NO_MENTIONS)
        else:
            await interaction.response.send_message(
                chunk, ephemeral=private, allowed_mentions=NO_MENTIONS
            )


def _text(key: str) -> app_commands.locale_str:
    """A command's description: English here, each language from its catalog (the
    ``CatalogTranslator`` looks ``key`` up when the commands are synced)."""
    return app_commands.locale_str(fill(key, ENGLISH), key=key)


def _language(interaction: discord.Interaction) -> str:
    """The member's Discord language when we speak it (the form, a failure), else English."""
    return language_for(str(interaction.locale.value)) or ENGLISH


def _actor(interaction: discord.Interaction):
    return actor_for(
        interaction.user,
        permissions=interaction.permissions,
        place=str(interaction.guild_id),
        locale=str(interaction.locale.value),  # the member's replies speak their language
    )


async def in_community(
    core: Core, interaction: discord.Interaction, work: Callable[[Community], Awaitable[Reply]]
) -> Reply:
    """Run ``work`` in the community of the server the interaction came from."""
    guild = interaction.guild
    community = await core.communities.for_place(
        "discord", str(interaction.guild_id), name=guild.name if guild else ""
    )
    return await work(community)


class VictoryForm(discord.ui.Modal):
    """The form shown by /victory with no text, in the member's Discord language; options
    already given are filled in."""

    def __init__(
        self,
        core: Core,
        *,
        defer_after: float,
        link: str | None,
        thanks_to: str | None,
        credit: str | None,
        lang: str = ENGLISH,
    ) -> None:
        super().__init__(timeout=15 * 60, title=fill("form_title", lang))  # tokens last 15 min
        self.core, self.defer_after = core, defer_after

        def field(key: str, **options) -> discord.ui.TextInput[VictoryForm]:
            item: discord.ui.TextInput[VictoryForm] = discord.ui.TextInput(
                label=fill(key, lang), **options
            )
            self.add_item(item)
            return item

        self.victory = field(
            "form_text", style=discord.TextStyle.paragraph, max_length=TEXT_INPUT_LIMIT
        )
        self.link = field("form_link", required=False, max_length=500, default=link)
        self.thanks_to = field("form_thanks", required=False, max_length=200, default=thanks_to)
        self.credit = field("form_credit", required=False, max_length=20, default=credit)

    async def on_submit(self, interaction: discord.Interaction) -> None:
        submission = Submission(
            text=self.victory.value,
            link=self.link.value or None,
            thanks_to=self.thanks_to.value or None,
            credit=self.credit.value or None,
        )
        await respond(
            interaction,
            in_community(
                self.core,
                interaction,
                lambda community: commands.submit(
                    self.core, community, _actor(interaction), submission
                ),
            ),
            defer_after=self.defer_after,
        )


def register(tree: app_commands.CommandTree, core: Core, *, defer_after: float) -> None:
    """Add /victory and /victories to the tree (synced to Discord by the client)."""

    @tree.command(
        name="victory",
        description=_text("cmd_victory"),
    )
    @app_commands.describe(
        text=_text("cmd_victory_text"),
        link=_text("cmd_victory_link"),
        thanks_to=_text("cmd_victory_thanks"),
        credit=_text("cmd_victory_credit"),
    )
    @app_commands.choices(
        credit=[
            app_commands.Choice(name=_text(f"cmd_credit_{value}"), value=value)
            for value in ("name", "first", "anonymous")
        ]
    )
    @app_commands.guild_only()
    async def victory(
        interaction: discord.Interaction,
        text: str | None = None,
        link: str | None = None,
        thanks_to: str | None = None,
        credit: app_commands.Choice[str] | None = None,
    ) -> None:
        choice = credit.value if credit else None
        if not (text or "").strip():
            form = VictoryForm(
                core,
                defer_after=defer_after,
                link=link,
                thanks_to=thanks_to,
                credit=choice,
                lang=_language(interaction),
            )
            await interaction.response.send_modal(form)
            return
        actor, text = _actor(interaction), text or ""
        if link is None and thanks_to is None and choice is None:
            # Plain text: the core tells verbs (mine, edit 3 ...) from a submission.
            work = in_community(
                core,
                interaction,
                lambda community: commands.handle(core, community, actor, "victory", text),
            )
        else:
            submission = Submission(text=text, link=link, thanks_to=thanks_to, credit=choice)
            work = in_community(
                core,
                interaction,
                lambda community: commands.submit(core, community, actor, submission),
            )
        await respond(interaction, work, defer_after=defer_after)

    @tree.command(name="victories", description=_text("cmd_victories"))
    @app_commands.describe(command=_text("cmd_victories_command"))
    @app_commands.guild_only()
    async def victories(interaction: discord.Interaction, command: str | None = None) -> None:
        actor = _actor(interaction)
        work = in_community(
            core,
            interaction,
            lambda community: commands.handle(core, community, actor, "victories", command or ""),
        )
        await respond(interaction, work, defer_after=defer_after)
