"""Gateway events a member's actions produce, dispatched through the fake Discord."""

from __future__ import annotations

import secrets

from tests.fakes import discord_payloads as p
from tests.fakes.discord_api import FakeDiscord
from tests.fakes.discord_interactions import (
    APPLICATION_COMMAND,
    AUTOCOMPLETE,
    MESSAGE_COMPONENT,
    MODAL_SUBMIT,
    command_payload,
    message_command_payload,
)


async def interact(
    fake: FakeDiscord,
    person: p.Person,
    *,
    kind: int,
    data: dict,
    channel_id: str,
    message: dict | None = None,
    locale: str = "en-US",
) -> str:
    """Dispatch INTERACTION_CREATE; return the interaction token (the key of its answers)."""
    token = "tok-" + secrets.token_hex(8)
    channel = fake.channel(channel_id)
    assert channel is not None, f"no channel {channel_id} in any server of the fake"
    guild_id = channel["guild_id"]
    fake.interaction_channels[token] = channel_id
    extra = {"message": message} if message is not None else {}
    await fake.dispatch(
        "INTERACTION_CREATE",
        {
            **extra,
            "id": p.snowflake(),
            "application_id": fake.app_id,
            "type": kind,
            "data": data,
            "guild_id": guild_id,
            "channel_id": channel_id,
            "channel": channel,
            "member": person.member(),
            "token": token,
            "version": 1,
            "locale": locale,  # the member's Discord language
            "guild_locale": "en-US",
            "app_permissions": str(p.MESSAGE_PERMISSIONS),
            "entitlements": [],
            "authorizing_integration_owners": {"0": guild_id},
            "context": 0,
            "attachment_size_limit": 10 * 1024 * 1024,
        },
    )
    return token


def _guild_of(fake: FakeDiscord, channel_id: str) -> str:
    channel = fake.channel(channel_id)
    assert channel is not None, f"no channel {channel_id} in any server of the fake"
    return channel["guild_id"]


async def slash(
    fake: FakeDiscord,
    person: p.Person,
    command: str,
    /,
    *path: str,
    channel_id: str,
    locale: str = "en-US",
    **options: object,
) -> str:
    """``/command path... option:value ...`` as Discord sends it: ``path`` is the subcommand
    (or group and subcommand); option types come from the registered tree (ints for
    integer options, channel/role/user ids for pickers, resolved as Discord does)."""
    data = command_payload(fake, _guild_of(fake, channel_id), command, path, options)
    return await interact(
        fake, person, kind=APPLICATION_COMMAND, data=data, channel_id=channel_id, locale=locale
    )


async def autocomplete(
    fake: FakeDiscord,
    person: p.Person,
    command: str,
    /,
    *path: str,
    channel_id: str,
    focused: str,
    **options: object,
) -> list[dict]:
    """Type 4: the member is typing ``options[focused]``; returns the choices offered."""
    data = command_payload(
        fake, _guild_of(fake, channel_id), command, path, options, focused=focused
    )
    token = await interact(fake, person, kind=AUTOCOMPLETE, data=data, channel_id=channel_id)
    (answer,) = await answers(fake, token)
    assert answer["type"] == 8, answer
    return answer["data"]["choices"]


async def message_command(
    fake: FakeDiscord, person: p.Person, name: str, *, message: dict, channel_id: str
) -> str:
    """A message context-menu command (type 2 interaction, command type 3, target_id)."""
    data = message_command_payload(fake, _guild_of(fake, channel_id), name, message)
    return await interact(fake, person, kind=APPLICATION_COMMAND, data=data, channel_id=channel_id)


async def press(
    fake: FakeDiscord, person: p.Person, *, message: dict, custom_id: str, channel_id: str
) -> str:
    """A button press on ``message`` (type 3, component type 2)."""
    data = {"custom_id": custom_id, "component_type": 2}
    return await interact(
        fake, person, kind=MESSAGE_COMPONENT, data=data, channel_id=channel_id, message=message
    )


async def submit_modal(
    fake: FakeDiscord, person: p.Person, *, custom_id: str, values: dict[str, str], channel_id: str
) -> str:
    return await interact(
        fake, person, kind=MODAL_SUBMIT, channel_id=channel_id, data=p.modal_data(custom_id, values)
    )


async def answers(
    fake: FakeDiscord, token: str, count: int = 1, timeout: float = 5.0
) -> list[dict]:
    """The interaction's callback and follow-ups, once ``count`` of them have arrived."""

    def enough():
        got = fake.callbacks.get(token, [])
        return got if len(got) >= count else None

    return await fake.wait_for(enough, timeout)


def answer_text(answer: dict) -> str:
    data = answer.get("data") or {}
    parts = [data.get("content") or ""]
    parts += [e.get("description", "") for e in data.get("embeds") or []]
    return "\n".join(part for part in parts if part)


async def react(
    fake: FakeDiscord,
    person: p.Person,
    *,
    channel_id: str,
    message_id: str,
    emoji: str,
    added: bool = True,
) -> None:
    """A reaction as the gateway reports it; REMOVE carries no member, like the real one."""
    channel = fake.channel(channel_id)
    data = {
        "user_id": person.id,
        "channel_id": channel_id,
        "message_id": message_id,
        "guild_id": channel["guild_id"] if channel else fake.guild_id,
        "emoji": {"id": None, "name": emoji},
        "burst": False,
        "type": 0,
    }
    if added:
        data |= {"member": person.member(), "message_author_id": fake.bot.id}
    await fake.dispatch("MESSAGE_REACTION_ADD" if added else "MESSAGE_REACTION_REMOVE", data)
