"""Log-in, gateway handshake and command sync against the fake Discord."""

from __future__ import annotations

import discord

from tests.adapters.discord.conftest import Bot, Server


async def test_logs_in_identifies_with_minimal_intents_and_syncs_guild_commands(
    bot: Bot, server: Server
):
    fake = server.fake
    assert bot.surface.client.is_ready()
    assert [c.path for c in fake.calls[:2]] == ["/users/@me", "/oauth2/applications/@me"]
    (identify,) = fake.identified
    assert identify["token"] == "fake-token"
    intents = discord.Intents._from_value(identify["intents"])
    assert (intents.guilds, intents.guild_messages, intents.guild_reactions) == (True, True, True)
    assert not (intents.members or intents.presences or intents.message_content)
    (sync,) = fake.calls_to("PUT", r"/commands$")
    assert sync.path == f"/applications/{fake.app_id}/guilds/{fake.guild_id}/commands"
    names = {command["name"]: command for command in sync.body}
    assert set(names) == {"victory", "victories"}
    options = [o["name"] for o in names["victory"]["options"]]
    assert options == ["text", "link", "thanks_to", "credit"]
    assert bot.surface.client.get_guild(int(fake.guild_id)) is not None


async def test_allowed_mentions_none_on_the_client(bot: Bot):
    assert bot.surface.client.allowed_mentions.to_dict() == {"parse": []}
