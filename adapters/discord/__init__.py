"""The Discord adapter: slash commands, review reactions, notices and the digest.

``connect(core, env)`` builds the surface; ``start()`` logs in, syncs the commands and
returns once the gateway is ready, leaving the client running as a task in the loop.
"""

from __future__ import annotations

from typing import Any

from adapters.discord.guilds import GuildJoined, GuildLeft
from adapters.discord.surface import DiscordSurface
from adapters.environment import Environment
from bot.core import Core


def connect(
    core: Core,
    env: Environment,
    *,
    on_guild_joined: GuildJoined | None = None,
    on_guild_left: GuildLeft | None = None,
    **options: Any,
) -> DiscordSurface:
    """The Discord surface for ``core``; ``options`` go to ``discord.AutoShardedClient``
    (tests pass ``guild_ready_timeout``) or set ``defer_after`` / ``ready_timeout``.

    ``on_guild_joined(guild_id, name)`` is awaited when the bot is added to a server while
    it runs, ``on_guild_left(guild_id)`` when it is removed from one (see ``guilds``)."""
    if not env.discord_token:
        raise ValueError("DISCORD_TOKEN is not set")
    return DiscordSurface(
        core, env, on_guild_joined=on_guild_joined, on_guild_left=on_guild_left, **options
    )


__all__ = ["DiscordSurface", "GuildJoined", "GuildLeft", "connect"]
