"""A real discord.py client against the fake Discord, with the real Core on SQLite."""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable
from dataclasses import dataclass

import discord
import pytest

from adapters.discord import DiscordSurface, connect
from adapters.environment import Environment
from bot.core import Core
from bot.store.database import Store
from tests.conftest import make_config
from tests.fakes import discord_payloads as p
from tests.fakes.discord_api import FakeDiscord


@dataclass
class Server:
    """The fake guild: its channels and people."""

    fake: FakeDiscord
    review: str
    digests: tuple[str, ...]
    general: str
    editor_role: str
    editor: p.Person
    ana: p.Person
    ben: p.Person
    owner: p.Person


@pytest.fixture
async def server():
    fake = await FakeDiscord().start()
    editor_role = fake.add_role("Editors")
    owner = fake.add_person("Olive Owner")
    fake.owner_id = owner.id
    yield Server(
        fake=fake,
        review=fake.add_channel("review"),
        digests=(fake.add_channel("digest-one"), fake.add_channel("digest-two")),
        general=fake.add_channel("general"),
        editor_role=editor_role,
        editor=fake.add_person("Eve Editor", roles=(editor_role,)),
        ana=fake.add_person("Ana Lopez"),
        ben=fake.add_person("Ben Okafor"),
        owner=owner,
    )
    await fake.close()


@pytest.fixture
def discord_config(server):
    return make_config(
        intake={"cooldown": "0s", "per_user_per_day": 100},
        issue={"min_items": 1, "max_items": 40},
        discord={
            "review_channel": server.review,
            "digest_channels": list(server.digests),
            "moderator_roles": [server.editor_role],
            "guild_ids": [server.fake.guild_id],
        },
    )


@pytest.fixture
def env(server, db_path):
    return Environment(
        db_path=str(db_path),
        discord_token="fake-token",
        discord_api_url=server.fake.api_url,
        discord_gateway_url=server.fake.gateway_url,
    )


@pytest.fixture(autouse=True)
def _restore_endpoints():
    # The adapter points discord.py's class-level endpoints at the fake; undo that.
    base, gateway = discord.http.Route.BASE, discord.gateway.DiscordWebSocket.DEFAULT_GATEWAY
    yield
    discord.http.Route.BASE, discord.gateway.DiscordWebSocket.DEFAULT_GATEWAY = base, gateway


class Bot:
    """One bot process: a core on the database and its Discord surface."""

    def __init__(self, store: Store, config, clock, env: Environment, **options) -> None:
        self.core = Core(store=store, config=config, clock=clock)
        self.surface: DiscordSurface = connect(self.core, env, guild_ready_timeout=0.05, **options)
        self.core.attach(self.surface)

    async def __aenter__(self) -> Bot:
        await self.surface.start()
        return self

    async def __aexit__(self, *exc) -> None:
        await self.core.settle()
        await self.surface.stop()


@pytest.fixture
def make_bot(store, discord_config, clock, env):
    def make(config=None, *, env: Environment = env, **options) -> Bot:
        return Bot(store, config or discord_config, clock, env, **options)

    return make


@pytest.fixture
async def bot(make_bot):
    async with make_bot() as running:
        yield running


async def handled(bot: Bot, event: str, action: Awaitable) -> None:
    """Run ``action`` (a dispatch from the fake) and wait until the client has received
    ``event`` and its handler tasks, and the core's background work, are done."""
    received = asyncio.ensure_future(bot.surface.client.wait_for(event, timeout=5))
    await action
    await received
    handlers = [t for t in asyncio.all_tasks() if t.get_name() == f"discord.py: on_{event}"]
    await asyncio.gather(*handlers)
    await bot.core.settle()
