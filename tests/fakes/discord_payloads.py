"""Discord API v10 payload shapes for the fake server, as the real API sends them.

Kept apart from the server so tests and benchmarks can build events the same way.
Snowflakes are strings on the wire, as in the real API.
"""

from __future__ import annotations

import time
from dataclasses import dataclass, field

_last_id = [0]
DISCORD_EPOCH_MS = 1_420_070_400_000
TIMESTAMP = "2026-11-25T17:00:00.000000+00:00"
MANAGE_GUILD = 1 << 5
ADMINISTRATOR = 1 << 3
MESSAGE_PERMISSIONS = (1 << 10) | (1 << 11) | (1 << 14) | (1 << 16) | (1 << 6)


def snowflake() -> str:
    """Like Discord's: the creation time in its top bits, so ``after=<datetime>`` works."""
    _last_id[0] = max(_last_id[0] + 1, (int(time.time() * 1000) - DISCORD_EPOCH_MS) << 22)
    return str(_last_id[0])


def shard_of(snowflake_id: str, shard_count: int) -> int:
    """The shard a guild's events go to, as Discord documents it."""
    return (int(snowflake_id) >> 22) % shard_count


def snowflake_on_shard(shard_id: int, shard_count: int) -> str:
    """A new snowflake for a guild that Discord would put on ``shard_id``: its timestamp
    moves up to ``shard_count`` ms ahead, so later snowflakes still sort after it."""
    stamp = (int(snowflake()) >> 22) + 1
    stamp += (shard_id - stamp) % shard_count
    _last_id[0] = stamp << 22
    return str(_last_id[0])


def user(user_id: str, name: str, *, bot: bool = False) -> dict:
    return {
        "id": user_id,
        "username": name,
        "global_name": name,
        "discriminator": "0",
        "avatar": None,
        "bot": bot,
        "public_flags": 0,
    }


@dataclass
class Person:
    """A guild member as the fake knows them."""

    id: str
    name: str
    roles: list[str] = field(default_factory=list)
    permissions: int = MESSAGE_PERMISSIONS
    bot: bool = False

    def user(self) -> dict:
        return user(self.id, self.name, bot=self.bot)

    def member(self, *, with_user: bool = True) -> dict:
        data = {
            "roles": list(self.roles),
            "joined_at": TIMESTAMP,
            "deaf": False,
            "mute": False,
            "flags": 0,
            "nick": None,
            "avatar": None,
            "pending": False,
            "permissions": str(self.permissions),
        }
        if with_user:
            data["user"] = self.user()
        return data


def role(role_id: str, name: str, *, permissions: int = 0, position: int = 1) -> dict:
    return {
        "id": role_id,
        "name": name,
        "permissions": str(permissions),
        "position": position,
        "color": 0,
        "hoist": False,
        "managed": False,
        "mentionable": False,
        "flags": 0,
    }


def text_channel(channel_id: str, name: str, guild_id: str, position: int = 0) -> dict:
    return {
        "id": channel_id,
        "type": 0,
        "name": name,
        "guild_id": guild_id,
        "position": position,
        "permission_overwrites": [],
        "nsfw": False,
        "parent_id": None,
        "topic": None,
        "last_message_id": None,
        "rate_limit_per_user": 0,
    }


def message(*, message_id: str, channel_id: str, author: dict, body: dict) -> dict:
    """A message object built from a create-message request body."""
    return {
        "id": message_id,
        "channel_id": channel_id,
        "author": author,
        "type": 0,
        "content": body.get("content") or "",
        "embeds": body.get("embeds") or [],
        "components": body.get("components") or [],
        "attachments": [],
        "mentions": [],
        "mention_roles": [],
        "mention_everyone": False,
        "pinned": False,
        "tts": False,
        "timestamp": TIMESTAMP,
        "edited_timestamp": None,
        "flags": body.get("flags", 0),
    }


def modal_data(custom_id: str, values: dict[str, str]) -> dict:
    """What Discord sends back when a modal is submitted (text inputs inside action rows)."""
    rows = [
        {"type": 1, "components": [{"type": 4, "custom_id": key, "value": value}]}
        for key, value in values.items()
    ]
    return {"custom_id": custom_id, "components": rows}
