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

log = logging.getLogger("victories.discord")

GuildJoined = Callable[[str, str], Awaitable[None]]
GuildLeft = Callable[[str], Awaitable[None]]


async def joined(hook: GuildJoined | None, guild: discord.Guild) -> None:
    log.info("guild joined id=%s name=%r shard=%s", guild.id, guild.name, guild.shard_id)
    if hook is not None:
        try:
            await hook(str(guild.id), guild.name)
        except Exception:
            # discord.py would print a bare traceback; this names the server to look at.
            log.exception("guild join not handled id=%s", guild.id)


async def left(hook: GuildLeft | None, guild: discord.Guild) -> None:
    log.info("guild left id=%s name=%r shard=%s", guild.id, guild.name, guild.shard_id)
    if hook is not None:
        try:
            await hook(str(guild.id))
        except Exception:
            log.exception("guild leave not handled id=%s", guild.id)
