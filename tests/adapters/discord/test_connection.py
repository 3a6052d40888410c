"""Log-in, gateway handshake and command sync against the fake Discord."""

from __future__ import annotations

import asyncio
import logging
import time
from dataclasses import replace

import discord
import pytest

from adapters.bootstrap import open_bot, start_surfaces
from adapters.discord import connect
from bot.chat import commands
from bot.core import Core
from bot.model import Actor
from tests.adapters.discord.conftest import Bot, Server


async def test_logs_in_identifies_with_minimal_intents_and_syncs_guild_commands(
    bot: Bot, server: Server
):
    fake = server.fake
    # Started once the guild arrived, without waiting discord.py's guild_ready_timeout.
    assert not any(guild.unavailable for guild in bot.surface.client.guilds)
    assert [c.path for c in fake.calls[:2]] == ["/users/@me", "/oauth2/applications/@me"]
    (identify,) = fake.identified
    assert identify["token"] == "fake-token"
    # One shard, as GET /gateway/bot advises for a small bot.
    assert identify["shard"] == [0, 1] and bot.surface.client.shard_count == 1
    assert len(fake.calls_to("GET", r"^/gateway/bot$")) == 1
    intents = discord.Intents._from_value(identify["intents"])
    assert (intents.guilds, intents.guild_messages, intents.guild_reactions) == (True, True, True)
    assert not (intents.members or intents.presences or intents.message_content)
    (sync,) = fake.calls_to("PUT", r"/commands$")
    assert sync.path == f"/applications/{fake.app_id}/guilds/{fake.guild_id}/commands"
    names = {command["name"]: command for command in sync.body}
    assert set(names) == {"victory", "victories", "Share as a victory"}
    share = next(o for o in names["victory"]["options"] if o["name"] == "share")
    assert [o["name"] for o in share["options"]] == ["text", "link", "thanks_to", "credit"]
    assert not fake.refused_commands
    assert bot.surface.client.get_guild(int(fake.guild_id)) is not None


async def test_start_does_not_wait_out_guild_ready_timeout(store, discord_config, clock, env):
    core = Core(store=store, config=discord_config, clock=clock)
    surface = connect(core, env, guild_ready_timeout=30)
    started = time.monotonic()
    try:
        await surface.start()
        assert time.monotonic() - started < 10
        assert not surface.client.is_ready()  # discord.py itself is still waiting
    finally:
        await surface.stop()


async def test_commands_sync_while_the_gateway_connects_and_a_refusal_fails_the_start(
    store, discord_config, clock, env, server: Server, caplog
):
    fake = server.fake
    core = Core(store=store, config=discord_config, clock=clock)
    fake.no_access.add(fake.guild_id)  # the bot was removed from the configured server
    surface = connect(core, env)
    with pytest.raises(discord.Forbidden, match="Missing Access"):
        await surface.start()  # at once: the refusal does not wait for the gateway
    assert surface.client.is_closed()
    # The connection under way was dropped quietly: only the refusal says what is wrong.
    assert not [r for r in caplog.records if r.levelno >= logging.ERROR], caplog.text
    assert surface.client.commands_synced is not None and surface.client.commands_synced.done()

    assert fake.guild_id not in fake.commands
    refused = len(fake.calls_to("PUT", r"/commands$"))
    fake.no_access.clear()  # the next try (as start-up's retry does) syncs and is ready
    try:
        await surface.start()
        assert len(fake.calls_to("PUT", r"/commands$")) == refused + 1
        assert [c["name"] for c in fake.commands[fake.guild_id]] == [
            "victory",
            "victories",
            "Share as a victory",
        ]
        assert surface.client.commands_synced.done()
        assert surface.client.commands_synced.exception() is None
    finally:
        await surface.stop()


async def test_a_sync_cut_short_by_a_closing_client_is_a_connection_error(bot: Bot):
    # Not a CancelledError: start-up would take that for a stop and end the whole bot.
    cut_short = asyncio.get_running_loop().create_future()
    cut_short.cancel()
    bot.surface.client.commands_synced = cut_short
    with pytest.raises(ConnectionError, match="before the commands synced"):
        await bot.surface.client.until_serving()


async def test_allowed_mentions_none_on_the_client(bot: Bot):
    assert bot.surface.client.allowed_mentions.to_dict() == {"parse": []}


async def test_global_sync_when_configured(make_bot, server: Server, discord_config):
    settings = replace(discord_config.discord, sync_global=True)
    async with make_bot(replace(discord_config, discord=settings)):
        pass
    paths = [c.path for c in server.fake.calls_to("PUT", r"/commands$")]
    app = server.fake.app_id
    assert paths == [
        f"/applications/{app}/guilds/{server.fake.guild_id}/commands",
        f"/applications/{app}/commands",
    ]


async def test_a_bad_token_fails_start_cleanly(make_bot, server: Server, env):
    server.fake.fail("GET", r"^/users/@me$", kind="401")
    bot = make_bot()
    with pytest.raises(discord.LoginFailure):
        await bot.surface.start()
    assert bot.surface.client.is_closed()


async def test_the_composition_root_connects_discord(server: Server, env, discord_config):
    """``victories run`` with DISCORD_TOKEN: bootstrap imports and starts this adapter, and
    the core's start-up resume posts cards that never went out."""
    bot = open_bot(discord_config, env)
    try:
        await commands.handle(
            bot.core,
            bot.core.community,
            Actor(platform="console", user_id="ana"),
            "victory",
            "Posted while Discord was away",
        )
        await bot.core.settle()
        assert [s.name for s in bot.surfaces] == ["discord"]
        await start_surfaces(bot)
        assert len(server.fake.messages[server.review]) == 1
    finally:
        await bot.stop()


async def test_the_gateway_address_comes_from_discord_unless_one_is_configured(
    make_bot, server: Server, env
):
    fake = server.fake
    # Not configured: the address GET /gateway/bot gives (here the fake's own).
    async with make_bot(env=replace(env, discord_gateway_url=None)) as bot:
        assert bot.surface.client.get_guild(int(fake.guild_id)) is not None
    assert len(fake.identified) == 1
    # Configured (a proxy): it wins over the advice, here an address where nothing listens.
    fake.advised_gateway = "ws://127.0.0.1:9/nothing-here"
    async with make_bot():
        pass
    assert len(fake.identified) == 2
