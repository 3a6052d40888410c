"""Dropped connections: Slack's Socket Mode WebSocket and Discord's gateway go away and
come back while the bot runs; it reconnects by itself and nothing members do is lost."""

from __future__ import annotations

import asyncio

import pytest

from bot.store import victories as victory_store
from tests.fakes.discord_events import answer_text, answers, react, slash
from tests.fakes.slack_requests import slash_command
from tests.reliability.bot_process import until
from tests.reliability.community import SLACK_ANA, Community
from tests.reliability.in_process import running


async def slack_submit(community: Community, text: str, name: str) -> str:
    await community.slack.socket.deliver(
        "slash_commands",
        slash_command(
            text=text, user_id=SLACK_ANA, response_url=community.slack.response_url(name)
        ),
        timeout=15,  # includes the time to reconnect
    )
    await until(
        lambda: any(r["name"] == name for r in community.slack.responses),
        timeout=5,
        what="the receipt",
    )
    return next(r["text"] for r in community.slack.responses if r["name"] == name)


@pytest.mark.parametrize("how", ["notice", "close", "cut"])
async def test_socket_mode_reconnects_by_itself(community: Community, how: str):
    async with running(community):
        assert "#1" in await slack_submit(community, "The park is saved", "before")
        await community.slack.socket.drop(how)
        assert "#2" in await slack_submit(community, "The pool reopened", "after")
        # A new connection from a fresh URL (a notice and a close may each trigger one).
        assert len(community.slack.calls_to("apps.connections.open")) >= 2
        assert community.slack.socket.connections[-1] is not community.slack.socket.connections[0]


async def test_discord_gateway_resumes_and_replays_what_it_missed(community: Community):
    fake, ana, editor = community.discord, community.people["ana"], community.people["editor"]
    async with running(community) as bot:
        token = await slash(
            fake,
            ana,
            "victory",
            "share",
            channel_id=community.discord_general,
            text="The strike won",
        )
        assert "#1" in answer_text((await answers(fake, token))[-1])
        await bot.core.settle()
        (card,) = community.query("SELECT message_id FROM cards WHERE platform = 'discord'")

        async def decided(approved: bool, featured: bool) -> None:
            for _ in range(500):
                await bot.core.settle()
                item = await bot.core.store.run(victory_store.get, 1)
                if (item.status.value == "approved", item.featured) == (approved, featured):
                    return
                await asyncio.sleep(0.01)
            raise AssertionError(f"not decided: {item}")

        # The connection drops; an editor reacts while the bot is away (Discord keeps the
        # event for the session and replays it on RESUME).
        await fake.drop(code=4000)
        await react(
            fake, editor, channel_id=community.discord_review, message_id=card[0], emoji="\u2705"
        )
        await until(lambda: fake.resumed, timeout=10, what="a RESUME")
        await decided(True, False)
        # Discord asks for a reconnect (op 7): the same again.
        await fake.reconnect()
        await react(
            fake, editor, channel_id=community.discord_review, message_id=card[0], emoji="\u2b50"
        )
        await until(lambda: len(fake.resumed) == 2, timeout=10, what="a second RESUME")
        await decided(True, True)
        assert len(fake.identified) == 1, "resumed, never a fresh session"
        assert not bot.discord.client.is_closed()
