"""The REST endpoints the fake Discord answers: (method, path pattern, handler)."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from tests.fakes import discord_payloads as p
from tests.fakes.discord_commands import tree_problem

if TYPE_CHECKING:
    from aiohttp import web

    from tests.fakes.discord_api import FakeDiscord

CANNOT_DM = 50007
UNKNOWN_MESSAGE = 10008
INVALID_FORM_BODY = 50035
MISSING_ACCESS = 50001


def message_problem(body: dict) -> str | None:
    """Discord's documented message limits; a breach is a 400 Invalid Form Body."""
    embeds = body.get("embeds") or []
    if len(body.get("content") or "") > 2000:
        return "content: must be 2000 or fewer in length"
    if len(embeds) > 10:
        return "embeds: must be 10 or fewer in length"
    total = 0
    for embed in embeds:
        if len(embed.get("description") or "") > 4096:
            return "embeds.description: must be 4096 or fewer in length"
        footer = (embed.get("footer") or {}).get("text") or ""
        if len(footer) > 2048:
            return "embeds.footer.text: must be 2048 or fewer in length"
        total += len(embed.get("description") or "") + len(embed.get("title") or "") + len(footer)
    if total > 6000:
        return "embeds: exceed maximum size of 6000"
    if len(str(body.get("nonce") or "")) > 25:
        return "nonce: must be 25 or fewer in length"
    return components_problem(body.get("components") or [])


def components_problem(rows: list[dict]) -> str | None:
    """Message components: at most 5 action rows of at most 5 buttons; a button has a
    label of at most 80 characters and a custom id of 1 to 100, unique in the message."""
    if len(rows) > 5:
        return "components: must be 5 or fewer in length"
    ids = []
    for row in rows:
        buttons = row.get("components") or []
        if row.get("type") != 1 or not 1 <= len(buttons) <= 5:
            return "components: an action row holds 1 to 5 components"
        for button in buttons:
            if button.get("type") == 2 and len(button.get("label") or "") > 80:
                return "components.label: must be 80 or fewer in length"
            if button.get("style") != 5:  # link buttons have a url, not a custom id
                ids.append(button.get("custom_id") or "")
    if any(not 1 <= len(i) <= 100 for i in ids) or len(set(ids)) != len(ids):
        return "components.custom_id: 1 to 100 characters, unique in the message"
    return None


def modal_problem(modal: dict) -> str | None:
    inputs = [row["components"][0] for row in modal["components"]]
    if not 1 <= len(modal["title"]) <= 45 or not 1 <= len(inputs) <= 5:
        return "modal: title must be 1 to 45 characters, with 1 to 5 inputs"
    if not 1 <= len(modal.get("custom_id") or "") <= 100:
        return "modal.custom_id: must be 1 to 100 characters"
    if any(len(i["label"]) > 45 or i.get("max_length", 0) > 4000 for i in inputs):
        return "modal: labels are at most 45 characters, inputs at most 4000"
    if any(len(i.get("value") or "") > i.get("max_length", 4000) for i in inputs):
        return "modal: a prefilled value is longer than its input's max_length"
    return None


def autocomplete_problem(data: dict) -> str | None:
    choices = data.get("choices")
    if not isinstance(choices, list) or len(choices) > 25:
        return "choices: must be a list of 25 or fewer"
    if any(not 1 <= len(c.get("name") or "") <= 100 for c in choices):
        return "choices.name: must be between 1 and 100 in length"
    return None


async def me(fake: FakeDiscord, request, body) -> web.Response:
    return fake.reply(fake.bot.user())


async def application(fake: FakeDiscord, request, body) -> web.Response:
    return fake.reply(
        {
            "id": fake.app_id,
            "name": "Small Victories",
            "description": "",
            "icon": None,
            "bot_public": False,
            "bot_require_code_grant": False,
            "verify_key": "0" * 64,
            "owner": p.user(fake.owner_id, "Owner"),
            "flags": 0,
            "interactions_endpoint_url": None,
        }
    )


async def gateway_bot(fake: FakeDiscord, request, body) -> web.Response:
    """The shard advice: the gateway to use, how many shards, and the session start limit
    (``reset_after`` in milliseconds; ``max_concurrency`` IDENTIFYs per 5 seconds)."""
    return fake.reply(
        {
            "url": fake.advised_gateway or fake.gateway_url,
            "shards": fake.shards,
            "session_start_limit": {
                "total": 1000,
                "remaining": max(0, 1000 - len(fake.identified)),
                "reset_after": 86_400_000,
                "max_concurrency": fake.max_concurrency,
            },
        }
    )


async def put_commands(fake: FakeDiscord, request, body, app: str, guild: str = "global"):
    if guild in fake.no_access:
        return fake.error(403, MISSING_ACCESS, "Missing Access")
    if problem := tree_problem(body):
        fake.refused_commands.append(problem)
        return fake.error(400, INVALID_FORM_BODY, f"Invalid Form Body: {problem}")
    saved = [
        {
            # What Discord answers: every field, permissions as a string.
            "type": 1,
            "description": "",
            "nsfw": False,
            **command,
            "default_member_permissions": (
                None
                if command.get("default_member_permissions") is None
                else str(command["default_member_permissions"])
            ),
            "id": p.snowflake(),
            "application_id": app,
            "version": p.snowflake(),
            **({} if guild == "global" else {"guild_id": guild}),
        }
        for command in body
    ]
    fake.commands[guild] = saved
    return fake.reply(saved)


def _store(
    fake: FakeDiscord, channel: str, body: dict, author: dict, *, shown_in: str | None = None
) -> tuple[dict, bool]:
    """Create a message, or return the earlier one when ``enforce_nonce`` matches.
    Interaction answers are kept apart (``channel``) but name the real channel."""
    if problem := message_problem(body):
        raise ValueError(problem)
    nonce = body.get("nonce")
    if nonce and body.get("enforce_nonce"):
        earlier = fake.nonces.get((author["id"], str(nonce)))
        if earlier is not None:
            return earlier, False
    message = p.message(
        message_id=p.snowflake(), channel_id=shown_in or channel, author=author, body=body
    )
    fake.messages.setdefault(channel, []).append(message)
    if nonce and body.get("enforce_nonce"):
        fake.nonces[(author["id"], str(nonce))] = message
    return message, True


async def create_message(fake: FakeDiscord, request, body, channel: str):
    if channel in fake.dm_channels and fake.dm_channels[channel] in fake.closed_dms:
        return fake.error(403, CANNOT_DM, "Cannot send messages to this user")
    message, _ = _store(fake, channel, body, fake.bot.user())
    # The create response echoes the nonce; history (below) does not, like the real API.
    return fake.reply({**message, "nonce": body.get("nonce")})


async def edit_message(fake: FakeDiscord, request, body, channel: str, message: str):
    if problem := message_problem(body):
        raise ValueError(problem)
    for stored in fake.messages.get(channel, []):
        if stored["id"] == message:
            stored.update(
                {k: v for k, v in body.items() if k in ("content", "embeds", "components")}
            )
            stored["edited_timestamp"] = p.TIMESTAMP
            return fake.reply(stored)
    return fake.error(404, UNKNOWN_MESSAGE, "Unknown Message")


async def history(fake: FakeDiscord, request, body, channel: str):
    limit = min(int(request.query.get("limit", 50)), 100)
    stored = list(reversed(fake.messages.get(channel, [])))  # newest first
    if before := request.query.get("before"):
        stored = [m for m in stored if int(m["id"]) < int(before)]
    if after := request.query.get("after"):  # the ``limit`` just after it, newest first
        stored = [m for m in stored if int(m["id"]) > int(after)][-limit:]
    return fake.reply(stored[:limit])


async def open_dm(fake: FakeDiscord, request, body):
    user_id = str(body["recipient_id"])
    channel_id = next((c for c, u in fake.dm_channels.items() if u == user_id), None)
    if channel_id is None:
        channel_id = p.snowflake()
        fake.dm_channels[channel_id] = user_id
    person = fake.people.get(user_id)
    recipient = person.user() if person else p.user(user_id, "someone")
    return fake.reply(
        {"id": channel_id, "type": 1, "recipients": [recipient], "last_message_id": None}
    )


async def get_channel(fake: FakeDiscord, request, body, channel: str):
    known = fake.channel(channel)
    if known is None:
        return fake.error(404, 10003, "Unknown Channel")
    return fake.reply(known)


async def get_guild(fake: FakeDiscord, request, body, guild: str):
    known = fake.guild(guild)
    if known is None:
        return fake.error(404, 10004, "Unknown Guild")
    return fake.reply(
        {"id": guild, "name": known.name, "owner_id": known.owner_id, "roles": known.roles}
    )


async def member(fake: FakeDiscord, request, body, guild: str, user: str):
    person = fake.people.get(user)
    if person is None or fake.guild(guild) is None:
        return fake.error(404, 10007, "Unknown Member")
    return fake.reply(person.member())


async def interaction_callback(fake: FakeDiscord, request, body, interaction: str, token: str):
    if body["type"] == 9 and (problem := modal_problem(body["data"])):
        raise ValueError(problem)
    if body["type"] == 8 and (problem := autocomplete_problem(body["data"])):
        raise ValueError(problem)
    if body["type"] in (4, 7) and (problem := message_problem(body.get("data") or {})):
        raise ValueError(problem)
    fake.callbacks.setdefault(token, []).append(body)
    data = body.get("data") or {}
    answer = {
        "interaction": {
            "id": interaction,
            "type": 2,
            "response_message_loading": body["type"] == 5,
            "response_message_ephemeral": bool(data.get("flags", 0) & 64),
        }
    }
    if body["type"] in (4, 5):
        message, _ = _store(
            fake,
            f"interaction-{token}",
            data,
            fake.bot.user(),
            shown_in=fake.interaction_channels.get(token),
        )
        answer["interaction"]["response_message_id"] = message["id"]
        answer["resource"] = {"type": body["type"], "message": message}
    return fake.reply(answer)


async def followup(fake: FakeDiscord, request, body, app: str, token: str):
    fake.callbacks.setdefault(token, []).append({"type": "followup", "data": body})
    message, _ = _store(
        fake,
        f"interaction-{token}",
        body,
        fake.bot.user(),
        shown_in=fake.interaction_channels.get(token),
    )
    return fake.reply(message)


async def edit_original(fake: FakeDiscord, request, body, app: str, token: str):
    fake.callbacks.setdefault(token, []).append({"type": "edit_original", "data": body})
    stored = fake.messages.get(f"interaction-{token}") or [None]
    message = (
        stored[0]
        or _store(
            fake,
            f"interaction-{token}",
            body,
            fake.bot.user(),
            shown_in=fake.interaction_channels.get(token),
        )[0]
    )
    message.update({k: v for k, v in body.items() if k in ("content", "embeds")})
    return fake.reply(message)


S = r"(?P<{}>\d+)"
ROUTES = [
    ("GET", re.compile(r"/gateway/bot"), gateway_bot),
    ("GET", re.compile(r"/users/@me"), me),
    ("GET", re.compile(r"/oauth2/applications/@me"), application),
    ("PUT", re.compile(rf"/applications/{S.format('app')}/commands"), put_commands),
    (
        "PUT",
        re.compile(rf"/applications/{S.format('app')}/guilds/{S.format('guild')}/commands"),
        put_commands,
    ),
    ("POST", re.compile(rf"/channels/{S.format('channel')}/messages"), create_message),
    (
        "PATCH",
        re.compile(rf"/channels/{S.format('channel')}/messages/{S.format('message')}"),
        edit_message,
    ),
    ("GET", re.compile(rf"/channels/{S.format('channel')}/messages"), history),
    ("POST", re.compile(r"/users/@me/channels"), open_dm),
    ("GET", re.compile(rf"/guilds/{S.format('guild')}/members/{S.format('user')}"), member),
    ("GET", re.compile(rf"/guilds/{S.format('guild')}"), get_guild),
    ("GET", re.compile(rf"/channels/{S.format('channel')}"), get_channel),
    (
        "POST",
        re.compile(rf"/interactions/{S.format('interaction')}/(?P<token>[\w.-]+)/callback"),
        interaction_callback,
    ),
    ("POST", re.compile(rf"/webhooks/{S.format('app')}/(?P<token>[\w.-]+)"), followup),
    (
        "PATCH",
        re.compile(rf"/webhooks/{S.format('app')}/(?P<token>[\w.-]+)/messages/@original"),
        edit_original,
    ),
]
