"""The core with both real adapters in this process, on the community's fakes: for
faults that need the test to reach inside (shorter timeouts, the scheduler's jobs)."""

from __future__ import annotations

import contextlib
from collections.abc import AsyncIterator
from dataclasses import dataclass

from adapters import discord as discord_adapter
from adapters import slack as slack_adapter
from adapters.discord.surface import DiscordSurface
from adapters.environment import Environment
from adapters.slack.surface import SlackSurface
from bot.config import parse_config
from bot.core import Core
from bot.store.database import Store
from tests.reliability.community import Community


@dataclass
class Running:
    core: Core
    slack: SlackSurface
    discord: DiscordSurface


@contextlib.asynccontextmanager
async def running(community: Community, **sections) -> AsyncIterator[Running]:
    config = parse_config(community.settings(**sections), source="test.yaml")
    env = Environment(**{k.lower(): v for k, v in _env(community).items()})
    store = Store(community.db_path)
    core = Core(store=store, config=config)
    slack = slack_adapter.connect(core, env)
    discord = discord_adapter.connect(core, env, guild_ready_timeout=0.05)
    for surface in (slack, discord):
        core.attach(surface)
        await surface.start()
    try:
        yield Running(core, slack, discord)
    finally:
        await core.settle()
        for surface in (slack, discord):
            await surface.stop()
        store.close()


def _env(community: Community) -> dict[str, str]:
    env = community.env()
    return {
        "DB_PATH": env["VICTORIES_DB"],
        **{k: v for k, v in env.items() if k.startswith(("SLACK_", "DISCORD_"))},
    }
