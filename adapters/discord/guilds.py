"""Servers joining and leaving: how the core learns that a community starts or stops.

The hooks take plain strings so the core never sees discord.py: ``GuildJoined(guild_id,
name)`` when the bot is added to a server while it runs, ``GuildLeft(guild_id)`` when it
is removed (kicked, banned, or the server deleted). A server going unavailable during a
Discord outage is not a leave; discord.py reports that as ``guild_unavailable``.
"""

from __future__ import annotations

import logging
from collections.abc import Awaitable, Callable

import discord

from adapters.discord.render import render_text
from bot.document import Document

log = logging.getLogger("victories.discord")

GuildJoined = Callable[[str, str], Awaitable[Document | None]]  # the greeting, if any
GuildLeft = Callable[[str], Awaitable[None]]


async def joined(
    hook: GuildJoined | None, guild: discord.Guild, client: discord.Client, *, at_start=False
) -> None:
    if not at_start:
        log.info("guild joined id=%s name=%r shard=%s", guild.id, guild.name, guild.shard_id)
    if hook is not None:
        try:
            greeting = await hook(str(guild.id), guild.name)
            if greeting is not None:
                await _greet(guild, client, greeting)
        except Exception:
            # discord.py would print a bare traceback; this names the server to look at.
            log.exception("guild join not handled id=%s", guild.id)


async def _greet(guild: discord.Guild, client: discord.Client, greeting: Document) -> None:
    """The setup guide in the server's system channel, or to its owner when the bot may
    not post there."""
    channel = guild.system_channel
    target: discord.abc.Messageable
    if channel is not None and channel.permissions_for(guild.me).send_messages:
        target = channel
    elif guild.owner_id is not None:
        target = await client.create_dm(discord.Object(id=guild.owner_id))
    else:
        log.info("guild not greeted id=%s: no system channel and no owner", guild.id)
        return
    for chunk in render_text(greeting):
        await target.send(chunk, allowed_mentions=discord.AllowedMentions.none())
    log.info(
        "guild greeted id=%s where=%s", guild.id, "system channel" if target is channel else "owner"
    )


async def left(hook: GuildLeft | None, guild: discord.Guild) -> None:
    log.info("guild left id=%s name=%r shard=%s", guild.id, guild.name, guild.shard_id)
    if hook is not None:
        try:
            await hook(str(guild.id))
        except Exception:
            log.exception("guild leave not handled id=%s", guild.id)
