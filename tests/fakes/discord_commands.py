"""Discord's documented limits on application commands, as the fake enforces them when
commands are registered (PUT .../commands; docs: Interactions → Application Commands).

A breach is refused the way Discord refuses it: 400, code 50035 "Invalid Form Body".
"""

from __future__ import annotations

import unicodedata

CHAT_INPUT, USER, MESSAGE = 1, 2, 3
SUB_COMMAND, SUB_COMMAND_GROUP = 1, 2
STRING, INTEGER, BOOLEAN, USER_OPT, CHANNEL, ROLE, MENTIONABLE, NUMBER, ATTACHMENT = range(3, 12)
# The locales Discord accepts as keys of name_localizations / description_localizations.
LOCALES = frozenset(
    [
        "id",
        "da",
        "de",
        "en-GB",
        "en-US",
        "es-ES",
        "es-419",
        "fr",
        "hr",
        "it",
        "lt",
        "hu",
        "nl",
        "no",
        "pl",
        "pt-BR",
        "ro",
        "fi",
        "sv-SE",
        "vi",
        "tr",
        "cs",
        "el",
        "bg",
        "ru",
        "uk",
        "hi",
        "th",
        "zh-CN",
        "ja",
        "zh-TW",
        "ko",
    ]
)
MAX_COMMANDS = {CHAT_INPUT: 100, USER: 5, MESSAGE: 5}
PERMISSION_BITS = 51  # the highest documented permission is 1 << 50
TOTAL_CHARACTERS = 4000  # name, description and option/choice names, descriptions, values


def chat_name_problem(name: object) -> str | None:
    """^[-_\\p{L}\\p{N}]{1,32}$, lowercase where a letter has a lowercase form."""
    if not isinstance(name, str) or not 1 <= len(name) <= 32:
        return f"name {name!r}: must be 1 to 32 characters"
    for ch in name:
        if ch not in "-_" and unicodedata.category(ch)[0] not in "LN":
            return f"name {name!r}: {ch!r} is not allowed"
        if ch.lower() != ch:
            return f"name {name!r}: must be lowercase"
    return None


def _localizations(where: str, item: dict) -> str | None:
    for field in ("name_localizations", "description_localizations"):
        for locale in item.get(field) or {}:
            if locale not in LOCALES:
                return f"{where}.{field}: {locale!r} is not a valid locale"
    return None


def _described(where: str, item: dict) -> str | None:
    if problem := chat_name_problem(item.get("name")):
        return f"{where}.{problem}"
    description = item.get("description")
    if not isinstance(description, str) or not 1 <= len(description) <= 100:
        return f"{where}.description: must be between 1 and 100 in length"
    for field in ("name_localizations", "description_localizations"):
        for value in (item.get(field) or {}).values():
            limit = 32 if field == "name_localizations" else 100
            if not 1 <= len(value) <= limit:
                return f"{where}.{field}: values must be 1 to {limit} characters"
    return _localizations(where, item)


def _choices(where: str, option: dict) -> str | None:
    choices = option.get("choices") or []
    if len(choices) > 25:
        return f"{where}.choices: must be 25 or fewer in length"
    if choices and option.get("autocomplete"):
        return f"{where}: autocomplete cannot be set with choices"
    if choices and option["type"] not in (STRING, INTEGER, NUMBER):
        return f"{where}.choices: only string, integer and number options have choices"
    for choice in choices:
        if not 1 <= len(choice.get("name", "")) <= 100:
            return f"{where}.choices.name: must be between 1 and 100 in length"
        if option["type"] == STRING and not 1 <= len(str(choice["value"])) <= 100:
            return f"{where}.choices.value: must be between 1 and 100 in length"
        if problem := _localizations(f"{where}.choices", choice):
            return problem
    return None


def _option(where: str, option: dict, depth: int) -> str | None:
    """``depth`` 0: the command's own options; 1: inside a group; 2: inside a subcommand."""
    kind = option.get("type")
    if kind not in range(1, 12):
        return f"{where}.type: {kind!r} is not an option type"
    if problem := _described(where, option) or _choices(where, option):
        return problem
    if kind == SUB_COMMAND_GROUP and depth != 0:
        return f"{where}: a subcommand group may only be at the top level"
    if kind == SUB_COMMAND and depth == 2:
        return f"{where}: a subcommand cannot hold subcommands"
    if kind in (SUB_COMMAND, SUB_COMMAND_GROUP):
        inner = option.get("options") or []
        if kind == SUB_COMMAND_GROUP and any(o.get("type") != SUB_COMMAND for o in inner):
            return f"{where}.options: a group holds subcommands only"
        return _options(where, inner, depth + 1 if kind == SUB_COMMAND_GROUP else 2)
    if "channel_types" in option and kind != CHANNEL:
        return f"{where}.channel_types: only for channel options"
    if ("min_value" in option or "max_value" in option) and kind not in (INTEGER, NUMBER):
        return f"{where}.min_value: only for integer and number options"
    if ("min_length" in option or "max_length" in option) and kind != STRING:
        return f"{where}.min_length: only for string options"
    if not 0 <= option.get("max_length", 6000) <= 6000:
        return f"{where}.max_length: must be 6000 or less"
    return None


def _options(where: str, options: list[dict], depth: int) -> str | None:
    if len(options) > 25:
        return f"{where}.options: must be 25 or fewer in length"
    names = [o.get("name") for o in options]
    if len(set(names)) != len(names):
        return f"{where}.options: names must be unique"
    nested = [o.get("type") in (SUB_COMMAND, SUB_COMMAND_GROUP) for o in options]
    if any(nested) and not all(nested):
        return f"{where}.options: subcommands cannot sit beside other options"
    seen_optional = False
    for i, option in enumerate(options):
        if problem := _option(f"{where}.options[{i}]", option, depth):
            return problem
        if option.get("required"):
            if seen_optional:
                return f"{where}.options[{i}]: required options must come before optional"
        elif not nested[i]:
            seen_optional = True
    return None


def _characters(item: dict) -> int:
    total = len(item.get("name", "")) + len(item.get("description", ""))
    for choice in item.get("choices") or []:
        total += len(choice.get("name", "")) + len(str(choice.get("value", "")))
    return total + sum(_characters(o) for o in item.get("options") or [])


def permissions_problem(value: object) -> str | None:
    """A permission bitfield, documented as a string ("8192"); Discord also takes it as a
    JSON integer (discord.py sends one), but nothing else, and only defined bits."""
    if value is None:
        return None
    if isinstance(value, bool) or not isinstance(value, (str, int)):
        return "default_member_permissions: must be a permission bitfield string"
    if isinstance(value, str) and not value.isdigit():
        return "default_member_permissions: must be a permission bitfield string"
    if not 0 <= int(value) < 1 << PERMISSION_BITS:
        return "default_member_permissions: holds an undefined permission bit"
    return None


def command_problem(command: dict) -> str | None:
    kind = command.get("type", CHAT_INPUT)
    if problem := permissions_problem(command.get("default_member_permissions")):
        return problem
    if kind in (USER, MESSAGE):
        name = command.get("name")
        if not isinstance(name, str) or not 1 <= len(name) <= 32:
            return f"name {name!r}: must be 1 to 32 characters"
        if command.get("description") or command.get("options"):
            return "user and message commands have no description and no options"
        return _localizations("command", command)
    if kind != CHAT_INPUT:
        return f"type: {kind!r} is not a command type"
    where = f"command {command.get('name')!r}"
    if problem := _described(where, command) or _options(where, command.get("options") or [], 0):
        return problem
    if _characters(command) > TOTAL_CHARACTERS:
        return f"{where}: more than {TOTAL_CHARACTERS} characters in all"
    return None


def tree_problem(commands: list[dict]) -> str | None:
    """Every command's problem, then the per-type counts and unique names."""
    for command in commands:
        if problem := command_problem(command):
            return problem
    for kind, limit in MAX_COMMANDS.items():
        names = [c["name"] for c in commands if c.get("type", CHAT_INPUT) == kind]
        if len(names) > limit:
            return f"at most {limit} commands of type {kind}"
        if len(set(names)) != len(names):
            return "command names must be unique per type"
    return None
