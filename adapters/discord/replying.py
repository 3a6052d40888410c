"""Answering an interaction with the core's ``Reply``: privately, deferred when the core
is slow, and as a form (a modal) when the reply asks for one and Discord still allows it.

Discord wants an answer within 3 s: if the core takes longer than ``defer_after`` the
interaction is deferred first (and a form can then no longer open: its usage line shows).
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Awaitable, Callable
from typing import Any

import discord

from adapters.discord.identity import actor_for
from adapters.discord.modals import FormModal
from adapters.discord.render import render_text
from bot.chat import commands
from bot.chat.replies import Form, Reply
from bot.core import Core
from bot.messages import ENGLISH, fill, language_for, speaking
from bot.model import Actor, Community

log = logging.getLogger("victories.discord")
NO_MENTIONS = discord.AllowedMentions.none()
# Builds the modal for a reply's form, with what its submission does (see ``formflow``).
FormOpener = Callable[[Form], FormModal]


def actor(interaction: discord.Interaction) -> Actor:
    return actor_for(
        interaction.user,
        permissions=interaction.permissions,
        place=str(interaction.guild_id),
        locale=str(interaction.locale.value),  # the member's replies speak their language
    )


def language(interaction: discord.Interaction) -> str:
    """The member's Discord language when we ship it (a form, a failure), else English."""
    return language_for(str(interaction.locale.value)) or ENGLISH


async def community_of(core: Core, interaction: discord.Interaction) -> Community:
    """The community of the server the interaction came from (never one named in a custom
    id or an option)."""
    guild = interaction.guild
    return await core.communities.for_place(
        "discord", str(interaction.guild_id), name=guild.name if guild else ""
    )


async def in_community(
    core: Core, interaction: discord.Interaction, work: Callable[[Community], Awaitable[Reply]]
) -> Reply:
    """Run ``work`` in the community of the server the interaction came from."""
    return await work(await community_of(core, interaction))


def line(core: Core, interaction: discord.Interaction, command: str, text: str) -> Awaitable[Reply]:
    """A subcommand as the typed line it stands for, through the one parser."""
    who = actor(interaction)
    return in_community(
        core, interaction, lambda community: commands.handle(core, community, who, command, text)
    )


async def respond(
    interaction: discord.Interaction,
    work: Awaitable[Reply],
    *,
    defer_after: float,
    open_form: FormOpener | None = None,
) -> None:
    """Run ``work`` and show its reply to the member, deferring if it is slow."""
    deferring: asyncio.Future[Any] | None = None

    def too_slow() -> None:  # one timer, not a task and asyncio.wait per interaction
        nonlocal deferring
        deferring = asyncio.ensure_future(interaction.response.defer(ephemeral=True, thinking=True))

    timer = asyncio.get_running_loop().call_later(defer_after, too_slow)
    try:
        reply = await work
    except Exception:
        log.exception("command failed user=%s", interaction.user.id)
        reply = None
    finally:
        timer.cancel()
    if deferring is not None:
        await deferring  # sent before the reply follows it
    form = reply.form if reply else None
    if form is not None and open_form is not None and not interaction.response.is_done():
        await send_form(interaction, open_form, form)
        return
    await show(interaction, reply)


async def send_form(interaction: discord.Interaction, open_form: FormOpener, form: Form) -> None:
    """Open ``form`` for the person who asked; only their submission counts."""
    with speaking(language(interaction)):
        modal = open_form(form)
    modal.owner_id = interaction.user.id
    await interaction.response.send_modal(modal)


async def show(interaction: discord.Interaction, reply: Reply | None) -> None:
    """The reply's text (or the failure notice), split into messages as needed."""
    chunks = [c for c in render_text(reply.doc) if c.strip()] if reply else []
    private = reply.private if reply else True
    for chunk in chunks or [fill("discord_failed", language(interaction))]:
        if interaction.response.is_done():
            await interaction.followup.send(chunk, ephemeral=private, allowed_mentions=NO_MENTIONS)
        else:
            await interaction.response.send_message(
                chunk, ephemeral=private, allowed_mentions=NO_MENTIONS
            )
