"""The Discord adapter: slash commands, review reactions, notices and the digest.

``connect(core, env)`` builds the surface; ``start()`` logs in, syncs the commands and
returns once the gateway is ready, leaving the client running as a task in the loop.
"""

from __future__ import annotations

from typing import Any

from adapters.discord.surface import DiscordSurface
from adapters.environment import Environment
from bot.core import Core


def connect(core: Core, env: Environment, **options: Any) -> DiscordSurface:
    """The Discord surface for ``core``; ``options`` go to ``discord.Client`` (tests pass
    ``guild_ready_timeout``) or set ``defer_after`` / ``ready_timeout``."""
    if not env.discord_token:
        raise ValueError("DISCORD_TOKEN is not set")
    return DiscordSurface(core, env, **options)


__all__ = ["DiscordSurface", "connect"]
