"""The registered command tree: within Discord's documented limits (the fake refuses what
Discord would), editors' commands hidden by default, every description a keyed sentence
of content/messages.yaml the translator can localize."""

from __future__ import annotations

import aiohttp
import discord
import pytest
from discord import app_commands

from bot.messages import catalogue
from tests.adapters.discord.conftest import Bot, Server
from tests.fakes.discord_commands import LOCALES, tree_problem

MANAGE_MESSAGES = 1 << 13


def good_command(**changes) -> dict:
    sub = {"name": "queue", "description": "The queue", "type": 1, "options": []}
    command = {"name": "victories", "description": "Desk", "type": 1, "options": [sub]}
    return {**command, **changes}


def option(name: str, kind: int = 3, **more) -> dict:
    return {"name": name, "description": "d", "type": kind, **more}


BAD_TREES = {
    "capitals": [good_command(name="Victories")],
    "space": [good_command(name="my victories")],
    "too long a name": [good_command(name="v" * 33)],
    "punctuation": [good_command(name="victories!")],
    "empty description": [good_command(description="")],
    "long description": [good_command(description="d" * 101)],
    "26 options": [good_command(options=[option(f"o{i}") for i in range(26)])],
    "26 choices": [
        good_command(
            options=[option("day", choices=[{"name": f"{i}", "value": f"{i}"} for i in range(26)])]
        )
    ],
    "group in a subcommand": [
        good_command(options=[option("a", 1, options=[option("b", 2, options=[option("c", 1)])])])
    ],
    "group in a group": [
        good_command(options=[option("a", 2, options=[option("b", 2, options=[])])])
    ],
    "subcommand beside a value": [good_command(options=[option("a", 1), option("b", 3)])],
    "required after optional": [
        good_command(options=[option("a", 3), option("b", 3, required=True)])
    ],
    "permissions not a bitfield": [good_command(default_member_permissions="manage")],
    "permissions a float": [good_command(default_member_permissions=8192.0)],
    "unknown locale": [good_command(description_localizations={"en": "Desk"})],
    "choices and autocomplete": [
        good_command(
            options=[option("n", 4, autocomplete=True, choices=[{"name": "1", "value": 1}])]
        )
    ],
    "message command with a description": [{"name": "Share", "type": 3, "description": "x"}],
    "duplicate names": [good_command(), good_command()],
}


@pytest.mark.parametrize("case", sorted(BAD_TREES))
def test_the_fake_refuses_what_discord_documents_as_invalid(case):
    assert tree_problem(BAD_TREES[case]) is not None, case


def test_the_fake_accepts_documented_valid_trees():
    assert tree_problem([good_command()]) is None
    assert tree_problem([good_command(name="víctorias", default_member_permissions="8192")]) is None
    assert tree_problem([{"name": "Share as a victory", "type": 3, "description": ""}]) is None
    assert tree_problem([good_command(description_localizations={"es-ES": "Mesa"})]) is None


async def test_an_invalid_tree_is_refused_over_http_as_discord_does(server: Server):
    fake = server.fake
    url = f"{fake.api_url}/applications/{fake.app_id}/guilds/{fake.guild_id}/commands"
    bad = BAD_TREES["group in a subcommand"]
    async with aiohttp.ClientSession() as session, session.put(url, json=bad) as answer:
        assert answer.status == 400
        assert (await answer.json())["code"] == 50035
    assert fake.refused_commands and fake.guild_id not in fake.commands


def walk(node: dict):
    yield node
    for child in node.get("options") or []:
        yield from walk(child)


async def test_our_tree_registers_with_editors_commands_hidden_by_default(bot: Bot, server: Server):
    fake = server.fake
    assert not fake.refused_commands
    commands = {c["name"]: c for c in fake.commands[fake.guild_id]}
    assert set(commands) == {"victory", "victories", "Share as a victory"}
    assert commands["victories"]["default_member_permissions"] == str(MANAGE_MESSAGES)
    assert commands["victory"]["default_member_permissions"] is None
    assert commands["Share as a victory"]["type"] == 3
    editors = {o["name"] for o in commands["victories"]["options"]}
    assert {"queue", "move", "note", "thanks", "action", "ps", "setup", "set"} <= editors
    assert {"approve", "feature", "reject", "publish"} <= editors
    members = {o["name"] for o in commands["victory"]["options"]}
    assert members == {"share", "mine", "edit", "withdraw", "issue", "latest", "help"}
    for command in commands.values():  # no DMs: everything acts in a server's community
        assert command.get("contexts") == [0] or command.get("dm_permission") is False
    approve = next(o for o in commands["victories"]["options"] if o["name"] == "approve")
    (number,) = approve["options"]
    assert number["type"] == 4 and number["autocomplete"] and number["required"]
    setup = next(o for o in commands["victories"]["options"] if o["name"] == "setup")
    kinds = {o["name"]: o["type"] for o in setup["options"]}
    assert kinds["review_channel"] == 7 and kinds["digest_channel"] == 7 and kinds["editors"] == 8
    review = next(o for o in setup["options"] if o["name"] == "review_channel")
    assert set(review["channel_types"]) == {0, 5}  # text and announcement channels


class KeyTranslator(app_commands.Translator):
    """Translates every keyed string to "<locale>:<key>", as lang17's translator keys
    them, and records any string that carries no key."""

    def __init__(self) -> None:
        self.unkeyed: list[str] = []

    async def translate(self, string, locale, context):
        key = string.extras.get("key")
        if key is None:
            if context.location.name not in ("command_name", "group_name", "parameter_name"):
                self.unkeyed.append(string.message)
            return None
        return f"{locale.value}:{key}"[:100] if locale == discord.Locale.french else None


async def test_every_description_and_choice_is_a_keyed_catalogue_sentence(bot: Bot, server: Server):
    fake, tree = server.fake, bot.surface.client.tree
    translator = KeyTranslator()
    await tree.set_translator(translator)
    await tree.sync(guild=discord.Object(id=int(fake.guild_id)))
    assert not fake.refused_commands and not translator.unkeyed
    messages, described = catalogue(), 0
    for command in fake.commands[fake.guild_id]:
        for node in walk(command):
            for localized, english in [
                (node, node.get("description")),
                *[(c, c["name"]) for c in node.get("choices") or []],
            ]:
                field = "description_localizations" if localized is node else "name_localizations"
                if localized is node and node.get("type") == 3 and node is command:
                    field, english = "name_localizations", node["name"]  # a message command
                key = (localized.get(field) or {}).get("fr", "").removeprefix("fr:")
                assert key in messages and messages[key] == english, (node["name"], english)
                assert set(localized.get(field) or {}) <= LOCALES
                described += 1
    assert described > 80
