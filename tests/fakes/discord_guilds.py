"""The servers the fake Discord's bot is in, and the GUILD_CREATE each shard receives.

The first server is ``FakeDiscord``'s own fields (``guild_id``, ``roles``, ``channels``),
so single-server tests never mention guilds; ``add_guild`` adds more (on a chosen shard),
``join_guild`` / ``leave_guild`` add or remove one while the bot runs.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from tests.fakes import discord_payloads as p

GUILD_MEMBERS = 1 << 1


@dataclass
class FakeGuild:
    id: str
    name: str
    owner_id: str
    roles: list[dict] = field(default_factory=list)
    channels: list[dict] = field(default_factory=list)
    system_channel_id: str | None = None  # where Discord posts (and the bot greets)

    def add_channel(self, name: str) -> str:
        channel_id = p.snowflake()
        self.channels.append(p.text_channel(channel_id, name, self.id, len(self.channels)))
        return channel_id


def new_guild(name: str, *, owner_id: str, shard: int | None, shard_count: int) -> FakeGuild:
    """A server with only @everyone, whose id puts it on ``shard`` when one is named."""
    guild_id = p.snowflake() if shard is None else p.snowflake_on_shard(shard, shard_count)
    everyone = p.role(guild_id, "@everyone", permissions=p.MESSAGE_PERMISSIONS, position=0)
    return FakeGuild(guild_id, name, owner_id, roles=[everyone])


def guild_create(
    guild: FakeGuild, people: list[p.Person], *, member_count: int, unavailable: bool | None
) -> dict:
    """GUILD_CREATE: ``unavailable`` False for a server the bot is already in (at start-up,
    or back after an outage); absent (None) when the bot has just joined it."""
    data = {
        "id": guild.id,
        "name": guild.name,
        "owner_id": guild.owner_id,
        "system_channel_id": guild.system_channel_id,
        "member_count": member_count,
        "large": False,
        "roles": guild.roles,
        "channels": guild.channels,
        "threads": [],
        "emojis": [],
        "stickers": [],
        "features": [],
        "voice_states": [],
        "presences": [],
        "members": [person.member() for person in people],
        "joined_at": p.TIMESTAMP,
        "preferred_locale": "en-US",
    }
    if unavailable is not None:
        data["unavailable"] = unavailable
    return data


def target_guild(event: str, data: dict) -> str | None:
    """The guild an event belongs to (its shard receives it); None for DMs (shard 0)."""
    if event.startswith("GUILD_") and "id" in data and "guild_id" not in data:
        return str(data["id"])
    guild_id = data.get("guild_id")
    return str(guild_id) if guild_id else None
