"""A platform that cannot connect at start-up does not take the bot down: the other one
serves members, the scheduler runs, and the failed one is tried again until it connects."""

from __future__ import annotations

import pytest

from tests.fakes.discord_events import answer_text, answers, slash
from tests.reliability.bot_process import BotProcess, until
from tests.reliability.community import Community, close_community, open_community


@pytest.fixture
async def community(tmp_path):
    world = await open_community(tmp_path, slack_digests=1, discord_digests=1)
    yield world
    await close_community(world)


async def discord_still_serves(community: Community) -> None:
    fake, ana = community.discord, community.people["ana"]
    token = await slash(
        fake,
        ana,
        "victory",
        "share",
        channel_id=community.discord_general,
        text="The library stays open",
    )
    assert "#1" in answer_text((await answers(fake, token))[-1])


async def test_a_refused_slack_token_keeps_discord_and_is_retried(community: Community):
    community.slack.refuse("apps.connections.open", "invalid_auth", times=2)
    bot = BotProcess(community.workdir, community.env())
    await bot.start()
    try:
        await bot.ready()
        await discord_still_serves(community)
        await until(
            lambda: bot.logged("connected slack on try 3"), timeout=30, what="slack", bot=bot
        )
        refused = bot.logged("slack: Slack refused to connect")
        assert len(refused) == 2, bot.tail()  # each try logged once
        assert "invalid_auth" in refused[0] and "trying again in 2 s" in refused[0]
        assert "try 2 failed, trying again in 4 s" in refused[1]
        assert bot.logged("next issue due="), "the weekly schedule was armed"
    finally:
        assert await bot.stop() == 0
    assert not bot.logged("Traceback"), bot.tail()


async def test_unreachable_slack_is_told_apart_and_discord_keeps_serving(community: Community):
    env = community.env()
    env["SLACK_API_URL"] = "http://127.0.0.1:9/api/"  # the discard port: connection refused
    bot = BotProcess(community.workdir, env)
    await bot.start()
    try:
        await bot.ready()
        (line,) = bot.logged("slack: cannot reach Slack")
        assert "check the network" in line
        assert not bot.logged("Traceback"), bot.tail()  # start-up said it in one line
        # (The Slack review card for this item fails later, and that failure is logged.)
        await discord_still_serves(community)
    finally:
        assert await bot.stop() == 0


async def test_a_refused_discord_token_keeps_slack_and_is_retried(community: Community):
    community.discord.fail("GET", r"^/users/@me$", kind="401", times=1)
    bot = BotProcess(community.workdir, community.env())
    await bot.start()
    try:
        await bot.ready()
        (refused,) = bot.logged("discord: Discord refused to connect")
        assert "trying again in 2 s" in refused
        await until(
            lambda: bot.logged("connected discord on try 2"), timeout=30, what="discord", bot=bot
        )
        await discord_still_serves(community)  # the second login really serves
    finally:
        assert await bot.stop() == 0
    assert not bot.logged("Traceback"), bot.tail()
