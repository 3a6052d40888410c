"""Interaction payloads as Discord sends them for the registered command tree: a slash
command's subcommand and typed options (with ``resolved`` channels, roles and users),
autocomplete, a message command with ``target_id``, and a button press.

Option types are read from the commands the bot registered with the fake, so a test
names a subcommand and passes plain values (``page=2``, ``review_channel=channel_id``)
and sends exactly what Discord would, or fails if the tree has no such option.
"""

from __future__ import annotations

from tests.fakes import discord_payloads as p
from tests.fakes.discord_commands import (
    CHANNEL,
    INTEGER,
    MESSAGE,
    ROLE,
    STRING,
    SUB_COMMAND,
    SUB_COMMAND_GROUP,
    USER_OPT,
)

APPLICATION_COMMAND, MESSAGE_COMPONENT, AUTOCOMPLETE, MODAL_SUBMIT = 2, 3, 4, 5


def registered(fake, guild_id: str, name: str, kind: int = 1) -> dict | None:
    """The command named ``name`` the bot registered for this guild (or globally)."""
    for scope in (guild_id, "global"):
        for command in fake.commands.get(scope, []):
            if command["name"] == name and command.get("type", 1) == kind:
                return command
    return None


def _inferred(value: object) -> int:
    return INTEGER if isinstance(value, int) and not isinstance(value, bool) else STRING


def _resolve(fake, kind: int, value: str, resolved: dict, guild_id: str) -> None:
    if kind == CHANNEL:
        channel = fake.channel(value)
        assert channel is not None, f"no channel {value}"
        resolved.setdefault("channels", {})[value] = {
            "id": value,
            "name": channel["name"],
            "type": channel["type"],
            "permissions": str(p.MESSAGE_PERMISSIONS),
            "parent_id": None,
        }
    elif kind == ROLE:
        guild = fake.guild(guild_id)
        role = next(r for r in guild.roles if r["id"] == value)
        resolved.setdefault("roles", {})[value] = role
    elif kind == USER_OPT:
        person = fake.people[value]
        resolved.setdefault("users", {})[value] = person.user()
        resolved.setdefault("members", {})[value] = person.member(with_user=False)


def command_payload(
    fake,
    guild_id: str,
    name: str,
    path: tuple[str, ...],
    options: dict[str, object],
    *,
    focused: str | None = None,
) -> dict:
    """``data`` of an APPLICATION_COMMAND (or AUTOCOMPLETE, with ``focused``) interaction."""
    command = registered(fake, guild_id, name)
    level = command.get("options", []) if command else None
    resolved: dict = {}
    for step in path:  # find the subcommand's own options in the registered tree
        if level is not None:
            found = next((o for o in level if o["name"] == step), None)
            assert found and found["type"] in (SUB_COMMAND, SUB_COMMAND_GROUP), (name, step)
            level = found.get("options", [])
    given = []
    if focused is not None:  # what is typed so far, a string even for a number option
        options = {**options, focused: str(options.get(focused, ""))}
    for key, value in options.items():
        spec = next((o for o in level or [] if o["name"] == key), None)
        assert level is None or spec, f"/{name} {' '.join(path)} has no option {key!r}"
        kind = spec["type"] if spec else _inferred(value)
        if kind in (CHANNEL, ROLE, USER_OPT):
            value = str(value)
            _resolve(fake, kind, value, resolved, guild_id)
        option = {"name": key, "type": kind, "value": value}
        if key == focused:
            option["focused"] = True
        given.append(option)
    if level is not None and focused is None:
        missing = [o["name"] for o in level if o.get("required") and o["name"] not in options]
        assert not missing, f"/{name} {' '.join(path)} needs {missing}"
    for step in reversed(path):
        is_group = step is not path[-1]
        given = [
            {"name": step, "type": SUB_COMMAND_GROUP if is_group else SUB_COMMAND, "options": given}
        ]
    data = {
        "id": command["id"] if command else p.snowflake(),
        "name": name,
        "type": 1,
        "options": given,
    }
    if resolved:
        data["resolved"] = resolved
    return data


def message_command_payload(fake, guild_id: str, name: str, message: dict) -> dict:
    """A message context-menu command on ``message``: ``target_id`` and the message in
    ``resolved.messages``, content included (interactions carry it without the intent)."""
    command = registered(fake, guild_id, name, MESSAGE)
    return {
        "id": command["id"] if command else p.snowflake(),
        "name": name,
        "type": MESSAGE,
        "target_id": message["id"],
        "resolved": {"messages": {message["id"]: message}},
    }


def member_message(fake, person: p.Person, channel_id: str, content: str) -> dict:
    """A message a member posted (kept in the channel's history)."""
    body = {"content": content}
    message = p.message(
        message_id=p.snowflake(), channel_id=channel_id, author=person.user(), body=body
    )
    message["guild_id"] = fake.channel(channel_id)["guild_id"]
    fake.messages.setdefault(channel_id, []).append(message)
    return message


def typed_line(fake, guild_id: str, name: str, line: str) -> tuple[tuple[str, ...], dict]:
    """A typed line (``approve 1``, ``reject 3 Not news``, ``song Title https://…``) as the
    subcommand and options of the registered tree, for tests that drive every platform
    with the same lines. Integer options take one word; a last option called ``link``
    takes the last word; a text option takes the rest. A /victory line that names no
    subcommand is a share."""
    command = registered(fake, guild_id, name)
    assert command is not None, f"/{name} is not registered"
    subcommands = {o["name"]: o for o in command.get("options", [])}
    verb, _, rest = line.strip().partition(" ")
    if verb.lower() not in subcommands:
        verb, rest = "share", line
    spec = subcommands[verb.lower()].get("options", [])
    words, options = rest.split(), {}
    if spec and spec[-1]["name"] == "link" and words:
        options["link"] = words.pop()
        spec = spec[:-1]
    for option in spec:
        if not words:
            break
        if option["type"] == INTEGER:
            options[option["name"]] = int(words.pop(0).lstrip("#"))
        else:  # text takes the rest of the line
            options[option["name"]], words = " ".join(words), []
    return (verb.lower(),), options
