"""SIGKILL during a fan-out to 22 channels on two platforms, restart, and every channel has
the issue exactly once and whole: including when the platform accepted a part and the bot
died before it saw the answer."""

from __future__ import annotations

import pytest

from tests.fakes.slack_requests import slash_command
from tests.reliability.bot_process import BotProcess, until
from tests.reliability.community import SLACK_MOD, Community
from tests.reliability.conftest import FULL
from tests.reliability.issue_check import check_issue_everywhere, seed_approved
from tests.reliability.kill import KillSwitch

CHANNELS = {"slack_digests": 11, "discord_digests": 11}
ITEMS = 24  # 2 Slack messages and 4 Discord parts per channel: 66 posts in all


def kill_points() -> list[tuple[int, str]]:
    """Every other post of the fan-out, alternating "before the platform saw it" with
    "the platform posted it but the answer was lost" (31 points); every third by
    default, so the suite stays quick."""
    every = [(n, "carried_out" if n % 4 == 1 else "arrived") for n in range(1, 63, 2)]
    return every if FULL else every[::3]


def published(community: Community) -> bool:
    rows = community.query("SELECT status FROM issues WHERE number = 1")
    return bool(rows) and rows[0]["status"] == "published"


@pytest.mark.timeout(600 if FULL else 120)
@pytest.mark.parametrize("community", [CHANNELS], indirect=True)
async def test_kill_during_fan_out_then_restart_posts_each_channel_exactly_once(
    community: Community,
):
    # One channel at a time per platform: the kill points count posts that reach the
    # platform while the bot is alive, and posts still in flight when it dies would be
    # carried out uncounted, leaving fewer posts to count than the points need.
    bot = BotProcess(community.workdir, community.env(publishing={"concurrency": 1}))
    seed_approved(community, ITEMS)
    points = kill_points()
    switch = KillSwitch(community, bot, points)
    await bot.start()
    await bot.ready()
    # Not waiting for the ack: the first kill point may come before the bot sends it.
    await community.slack.socket.send(
        "slash_commands",
        slash_command(
            command="/victories",
            text="publish now",
            user_id=SLACK_MOD,
            response_url=community.slack.response_url("publish"),
        ),
    )
    for killed in range(len(points)):
        await until(
            lambda n=killed: len(switch.kills) > n or bot.proc.returncode is not None,
            timeout=30,
            what=f"kill point {points[killed]}",
            bot=bot,
        )
        code = await bot.wait()
        assert len(switch.kills) == killed + 1, f"the bot exited by itself ({code}):\n{bot.tail()}"
        switch.armed = True
        await bot.start()  # resumes the interrupted fan-out at start-up
    await until(lambda: published(community), timeout=30, what="issue 1 published", bot=bot)
    await bot.ready()
    assert await bot.stop() == 0

    assert switch.kills == points
    assert bot.runs == len(points) + 1
    assert check_issue_everywhere(community) == 11 * 2 + 11 * 4
    community.check_database()
    # Posts the platform accepted while the bot was dying were found, not sent again.
    assert bot.logged("delivery resumed issue=1")
