"""One bot, many servers: two shards from GET /gateway/bot, each with its own servers;
servers joining and leaving while the bot runs reach the core's hooks."""

from __future__ import annotations

import asyncio
import logging
from dataclasses import replace

import pytest

from tests.adapters.discord.conftest import Bot, Server, handled
from tests.adapters.discord.test_digest import _approved_items, _parts, _publish
from tests.conftest import EDITOR
from tests.fakes import discord_payloads as p
from tests.fakes.discord_events import answer_text, answers, slash
from tests.fakes.discord_guilds import FakeGuild


@pytest.fixture
def second(server: Server) -> FakeGuild:
    """Discord advises two shards; a second server sits on the shard the first is not on."""
    server.fake.shards = 2
    server.fake.max_concurrency = 2  # both shards may identify at once, no 5 s wait
    other = 1 - p.shard_of(server.fake.guild_id, 2)
    guild = server.fake.add_guild("Second Server", shard=other)
    guild.add_channel("news")
    return guild


async def test_two_servers_on_two_shards_each_get_their_own_guild_create(
    make_bot, server: Server, second: FakeGuild
):
    fake = server.fake
    first_shard = p.shard_of(fake.guild_id, 2)
    async with make_bot() as bot:
        client = bot.surface.client
        assert client.shard_count == 2
        assert sorted(identify["shard"] for identify in fake.identified) == [[0, 2], [1, 2]]
        assert sorted(fake.guild_creates) == sorted(
            [(first_shard, fake.guild_id), (1 - first_shard, second.id)]
        )
        for guild_id, shard in ((fake.guild_id, first_shard), (second.id, 1 - first_shard)):
            guild = client.get_guild(int(guild_id))
            assert guild is not None and not guild.unavailable and guild.shard_id == shard
        assert client.get_guild(int(second.id)).name == "Second Server"
    assert fake.calls_to("GET", r"^/gateway/bot$"), "the shard count came from Discord"


async def test_a_digest_reaches_channels_in_both_servers(
    make_bot, server: Server, second: FakeGuild, discord_config
):
    news = second.channels[0]["id"]
    settings = replace(discord_config.discord, digest_channels=(server.digests[0], news))
    async with make_bot(replace(discord_config, discord=settings)) as bot:
        await _approved_items(bot, server, 3)
        assert "Issue 1 is out" in await _publish(bot, server)
        here, there = _parts(server, server.digests[0]), _parts(server, news)
        assert len(here) == len(there) == 1
        assert here[0]["embeds"] == there[0]["embeds"]

        # A command in the second server arrives on its own shard only, and is answered.
        server.fake.delivered.clear()
        token = await slash(server.fake, server.ana, "victory", "issue", channel_id=news, number=1)
        (answer,) = await answers(server.fake, token)
        assert "Issue 1" in answer_text(answer)
        assert server.fake.delivered == [(p.shard_of(second.id, 2), "INTERACTION_CREATE")]


async def test_joining_and_leaving_a_server_call_the_hooks(
    make_bot, server: Server, second: FakeGuild, caplog
):
    joined: list[tuple[str, str]] = []
    left: list[str] = []

    async def on_joined(guild_id: str, name: str) -> None:
        joined.append((guild_id, name))

    async def on_left(guild_id: str) -> None:
        left.append(guild_id)

    caplog.set_level(logging.INFO, logger="victories.discord")
    bot: Bot
    async with make_bot(on_guild_joined=on_joined, on_guild_left=on_left) as bot:
        client = bot.surface.client
        await client.wait_until_ready()
        # At start-up every server the bot is in is offered too, so one added while the
        # bot was offline is met; it is not logged as a join.
        at_start = sorted(joined)
        assert at_start == sorted(
            [(server.fake.guild_id, server.fake.guild_name), (second.id, "Second Server")]
        )
        assert left == [] and "guild joined" not in caplog.text
        joined.clear()

        await handled(bot, "guild_join", server.fake.join_guild("Late Server", shard=1))
        new = server.fake.other_guilds[-1]
        assert joined == [(new.id, "Late Server")]
        assert client.get_guild(int(new.id)).shard_id == 1
        assert f"guild joined id={new.id} name='Late Server' shard=1" in caplog.text

        # An outage is not a leave: the server comes back by itself.
        await handled(
            bot, "guild_unavailable", server.fake.leave_guild(server.fake.guild_id, outage=True)
        )
        assert left == []

        await handled(bot, "guild_remove", server.fake.leave_guild(second.id))
        assert left == [second.id]
        assert client.get_guild(int(second.id)) is None
        assert f"guild left id={second.id} name='Second Server'" in caplog.text
    assert joined == [(new.id, "Late Server")]


async def test_a_failing_hook_is_logged_with_the_server_and_the_bot_keeps_serving(
    make_bot, server: Server, caplog
):
    async def on_joined(guild_id: str, name: str) -> None:
        raise RuntimeError("the core is not ready")

    async with make_bot(on_guild_joined=on_joined) as bot:
        await bot.surface.client.wait_until_ready()
        await handled(bot, "guild_join", server.fake.join_guild("Late Server"))
        new = server.fake.other_guilds[-1]
        assert f"guild join not handled id={new.id}" in caplog.text
        token = await slash(
            server.fake,
            server.ana,
            "victory",
            "share",
            channel_id=server.general,
            text="Still here",
        )
        assert await answers(server.fake, token)


async def test_each_shard_resumes_its_own_session_and_gets_only_its_missed_events(
    make_bot, server: Server, second: FakeGuild
):
    fake = server.fake
    news = second.channels[0]["id"]
    async with make_bot():
        sessions = list(fake.identified)
        await fake.drop(code=4000)
        fake.delivered.clear()
        # Sent while both shards are away: Discord keeps it for the second server's shard.
        token = await slash(
            fake, server.ana, "victory", "share", channel_id=news, text="Kept for resume"
        )
        for _ in range(1000):  # until both shards are back (each reconnects on its own)
            if len(fake.resumed) == 2:
                break
            await asyncio.sleep(0.01)
        assert len({resume["session_id"] for resume in fake.resumed}) == 2
        assert await answers(fake, token)
        assert fake.delivered == [(p.shard_of(second.id, 2), "INTERACTION_CREATE")]
        assert fake.identified == sessions, "resumed, never a fresh session"


async def test_each_server_is_its_own_community_when_the_deployment_serves_many(
    make_bot, server: Server, second: FakeGuild
):
    """One bot in two servers: each server's items, numbers and queue are its own."""
    news = second.channels[0]["id"]
    async with make_bot() as bot:
        bot.core.communities.many = True
        first = await slash(
            server.fake,
            server.ana,
            "victory",
            "share",
            channel_id=server.digests[0],
            text="First news",
        )
        other = await slash(
            server.fake, server.ana, "victory", "share", channel_id=news, text="Other news"
        )
        for token in (first, other):
            (answer,) = await answers(server.fake, token)
            assert "#1" in answer_text(answer)  # each server numbers from 1
        here = await bot.core.communities.for_place("discord", server.fake.guild_id)
        there = await bot.core.communities.for_place("discord", second.id)
        assert here.id != there.id and there.slug == "second-server"
        # The console editor is an editor in any new community (the defaults say so).
        assert [v.text for v in await bot.core.review.queue(here, EDITOR)] == ["First news"]
        assert [v.text for v in await bot.core.review.queue(there, EDITOR)] == ["Other news"]


async def test_a_new_server_gets_its_own_community_and_the_setup_guide(make_bot, server: Server):
    """Joined while running: the server becomes a community and its system channel gets
    the three things to set; a server with no system channel greets its owner instead."""
    from adapters import places

    made = []

    async def joined(guild_id: str, name: str):
        made.append(guild_id)
        return await places.joined(bot.core, "discord", guild_id, name)

    bot: Bot
    async with make_bot(on_guild_joined=joined) as bot:
        bot.core.communities.many = True
        await bot.surface.client.wait_until_ready()
        await handled(bot, "guild_join", server.fake.join_guild("Garden Club", system_channel=True))
        club = server.fake.other_guilds[-1]
        community = await bot.core.communities.for_place("discord", club.id)
        assert community.slug == "garden-club" and made[-1] == club.id
        greeting = server.fake.messages.get(club.system_channel_id) or []
        text = " ".join(str(message.get("content")) for message in greeting)
        assert "Three things to set for garden-club" in text
        assert "discord.review" in text and "@everyone" not in text  # Markdown-escaped _


async def test_a_server_added_while_the_bot_was_offline_is_met_at_start(
    make_bot, server: Server, second: FakeGuild
):
    from adapters import places

    bot: Bot

    async def joined(guild_id: str, name: str):
        return await places.joined(bot.core, "discord", guild_id, name)

    bot = make_bot(on_guild_joined=joined)
    bot.core.communities.many = True
    second.system_channel_id = second.add_channel("general")
    async with bot:
        pass
    met = await bot.core.communities.for_place("discord", second.id)
    assert met.slug == "second-server"
    greeting = server.fake.messages.get(second.system_channel_id) or []
    assert any("Three things to set" in str(m.get("content")) for m in greeting)
