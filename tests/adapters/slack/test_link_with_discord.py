"""Linking end to end, through both real adapters in one process: a Slack admin's
`/victories link` (a signed slash command into the real Bolt app, Web API on the fake
Slack) gives a code; a Discord admin types it in `/victories link <code>` (the real
discord.py client on the fake gateway); then a victory shared on Discord is reviewed on
Slack and its issue goes out on both; `/victories unlink` splits them again, and nothing
is lost."""

from __future__ import annotations

import asyncio
import json
import re

import discord
import pytest

from adapters import places
from adapters.discord import connect as connect_discord
from adapters.environment import Environment
from tests.adapters.slack.conftest import eventually
from tests.adapters.slack.test_distribution import (  # noqa: F401 (a fixture)
    A,
    installer,
    scalar,
    set_up,
)
from tests.fakes import discord_payloads as p
from tests.fakes.discord_api import FakeDiscord
from tests.fakes.discord_events import answer_text, answers, slash
from tests.fakes.slack_requests import reaction_event

MANAGE_GUILD = 1 << 5
NEWS = "The library stays open on Sundays"


async def discord_victories(fake: FakeDiscord, person: p.Person, words: str, channel: str) -> str:
    """`/victories <words>` typed on Discord; the bot's answer. The one place that builds
    the interaction's payload, so it follows however /victories takes its options."""
    verb, _, rest = words.partition(" ")  # link [code], unlink, set <key> <value>
    options = {"code": rest} if verb == "link" and rest else {}
    if verb == "set":
        key, _, value = rest.partition(" ")
        options = {"key": key, "value": value} if value else {"key": key}
    token = await slash(fake, person, "victories", verb, channel_id=channel, **options)
    return answer_text((await answers(fake, token))[-1])


@pytest.fixture
async def discord_server(installer):  # noqa: F811 (the fixture imported above)
    base, gateway = discord.http.Route.BASE, discord.gateway.DiscordWebSocket.DEFAULT_GATEWAY
    fake = await FakeDiscord().start()
    fake.general = fake.add_channel("general")
    fake.news = fake.add_channel("news")
    fake.admin = fake.add_person("Ada Admin", permissions=MANAGE_GUILD)
    fake.ana = fake.add_person("Ana Lopez")
    core = installer.core
    env = Environment(
        discord_token="fake-token",
        discord_api_url=fake.api_url,
        discord_gateway_url=fake.gateway_url,
    )
    surface = connect_discord(
        core,
        env,
        on_guild_joined=lambda guild, name: places.joined(core, "discord", guild, name),
        guild_ready_timeout=0.05,
    )
    core.attach(surface)
    await surface.start()
    yield fake
    await core.settle()
    await surface.stop()
    await fake.close()
    discord.http.Route.BASE, discord.gateway.DiscordWebSocket.DEFAULT_GATEWAY = base, gateway


async def test_a_workspace_linked_with_a_server_shares_one_queue_and_issue(
    installer,  # noqa: F811
    discord_server,
    store,
):
    api, core, fake = installer.api, installer.core, discord_server
    await set_up(installer, A)  # installed in Alpha Org; review channel C0REVIEWTA
    for line in (
        "set slack.digest_channels <#C0NEWSTA|news>",
        f"set slack.moderators.users <@{A['admin']}>",
    ):
        said = await installer.command_in(A, line, user=A["admin"], command="/victories")
        assert "Saved" in said, said
    for _ in range(500):  # the server's community is made when the client sees it
        if await core.communities.knows("discord", fake.guild_id):
            break
        await asyncio.sleep(0.01)
    before = await slash(
        fake, fake.ana, "victory", "share", channel_id=fake.general, text="Server news"
    )
    assert "#1" in answer_text((await answers(fake, before))[-1])

    said = await installer.command_in(A, "link", user=A["admin"], command="/victories")
    code = re.search(r"Link code: (\S+)", said)
    assert code, said
    refused = await discord_victories(fake, fake.ana, f"link {code[1]}", fake.general)
    assert "Only" in refused, refused  # a member cannot use it (and it is not spent)
    said = await discord_victories(fake, fake.admin, f"link {code[1]}", fake.general)
    assert "Linked" in said, said
    said = await discord_victories(
        fake, fake.admin, f"set discord.digest_channels <#{fake.news}>", fake.general
    )
    assert "Saved" in said, said

    opened = {"type": "app_home_opened", "user": A["admin"], "tab": "home"}
    assert await installer.event_in(A, opened) == 200  # the Slack editor looks at Home
    await eventually(lambda: A["admin"] in api.homes)
    assert NEWS not in json.dumps(api.homes[A["admin"]])

    token = await slash(fake, fake.ana, "victory", "share", channel_id=fake.general, text=NEWS)
    assert "#1" in answer_text((await answers(fake, token))[-1])  # the Slack queue's #1
    await core.settle()
    # Shared on Discord: the Slack editor's open Home shows it without being reopened.
    assert NEWS in json.dumps(api.homes[A["admin"]])
    await eventually(lambda: any(NEWS in json.dumps(m) for m in api.posts("C0REVIEWTA")))
    card = next(m for m in api.posts("C0REVIEWTA") if NEWS in json.dumps(m))
    event = reaction_event(
        user=A["admin"],
        reaction="white_check_mark",
        channel="C0REVIEWTA",
        ts=card["ts"],
        team_id="TA",
    )
    status, _ = await installer.signed(json.dumps(event), content_type="application/json")
    assert status == 200
    await eventually(
        lambda: scalar(store, "SELECT count(*) FROM victories WHERE status = 'approved'") == 1
    )

    said = await installer.command_in(A, "publish now", user=A["admin"], command="/victories")
    assert "is out" in said, said
    await core.settle()
    assert NEWS in json.dumps(api.posts("C0NEWSTA"))
    assert NEWS in json.dumps(fake.messages.get(fake.news, []))
    assert scalar(store, "SELECT count(*) FROM issues") == 1  # one issue, on both

    said = await discord_victories(fake, fake.admin, "unlink", fake.general)
    assert "Unlinked" in said, said
    slack_side = await core.communities.for_place("slack", "TA")
    discord_side = await core.communities.for_place("discord", fake.guild_id)
    assert slack_side.id != discord_side.id
    texts = dict(
        store.call(
            lambda db: [tuple(r) for r in db.execute("SELECT text, community_id FROM victories")]
        )
    )
    assert texts == {"Server news": discord_side.id, NEWS: slack_side.id}  # nothing lost
    assert scalar(store, "SELECT status FROM victories WHERE text = 'Server news'") == "pending"
