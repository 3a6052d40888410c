"""Faults on both platforms at once, in one running bot: nothing lost, nothing repeated,
no restart needed. (Single-adapter cases live in tests/adapters/*/test_digest.py.)"""

from __future__ import annotations

import datetime as dt

import pytest

from adapters.bootstrap import scheduler_for
from tests.bot.helpers import approved
from tests.reliability.community import SLACK_REVIEW, Community
from tests.reliability.in_process import running
from tests.reliability.issue_check import check_issue_everywhere

TWO_EACH = {"slack_digests": 2, "discord_digests": 2}


async def three_items(core) -> None:
    for word in ("library", "clinic", "bus line"):
        await approved(core, f"The {word} stays open for everyone")
    await core.settle()  # the cards are out; what follows is the issue


def review_notes(community: Community) -> list[str]:
    slack = [m["text"] for m in community.slack.posts(SLACK_REVIEW)]
    discord = [m["content"] for m in community.discord.messages[community.discord_review]]
    return slack + discord


@pytest.mark.parametrize("community", [TWO_EACH], indirect=True)
async def test_a_channel_that_keeps_failing_blocks_no_other_is_reported_and_retried(
    community: Community,
):
    bad_slack, bad_discord = community.slack_digests[1], community.discord_digests[1]
    async with running(community) as bot:
        await three_items(bot.core)
        community.slack.outside_channels.add(bad_slack)  # the bot was removed from it
        community.discord.fail("POST", rf"^/channels/{bad_discord}/messages$", kind="403", times=99)
        reply = await bot.core.issues.publish(bot.core.community, force=True)
        assert not reply.ok and (reply.sent, reply.channels) == (2, 4)
        assert community.slack.posts(community.slack_digests[0])
        assert community.discord.messages.get(community.discord_digests[0])
        assert not community.slack.posts(bad_slack)
        assert not community.discord.messages.get(bad_discord)
        told = [note for note in review_notes(community) if "reached 2 of 4" in note]
        assert len(told) == 2, "the editors hear about it on both platforms"
        failed = community.query("SELECT * FROM deliveries WHERE state = 'failed'")
        assert {(r["platform"], r["channel"]) for r in failed} == {
            ("slack", bad_slack),
            ("discord", bad_discord),
        }

        # Ten minutes later the scheduler retries; by then the editors have fixed both.
        scheduler = scheduler_for(bot.core)
        await scheduler.start()
        try:
            job = scheduler.scheduler.get_job("retry-failed")
            assert job.trigger.interval == dt.timedelta(minutes=10)
            community.slack.outside_channels.clear()
            community.discord.faults.clear()
            await job.func(*job.args)
        finally:
            scheduler.stop()
        await bot.core.settle()
    assert check_issue_everywhere(community) == 4
    assert community.query("SELECT status FROM issues WHERE number = 1")[0][0] == "published"


@pytest.mark.parametrize("community", [TWO_EACH], indirect=True)
async def test_rate_limits_server_errors_timeouts_and_lost_answers_lose_and_repeat_nothing(
    community: Community,
):
    slack, discord = community.slack, community.discord
    async with running(community) as bot:
        await three_items(bot.core)
        bot.slack.poster.timeout = 1  # seconds; Slack's fake answers one post after 3
        slack.fail("chat.postMessage", status=429, retry_after=1)
        slack.fail("chat.postMessage", status=500)
        slack.lose_answer("chat.postMessage")
        slack.delay("chat.postMessage", 3)
        first, second = community.discord_digests
        discord.fail("POST", rf"^/channels/{first}/messages$", kind="429", retry_after=0.3)
        discord.fail("POST", rf"^/channels/{first}/messages$", kind="drop")
        discord.fail("POST", rf"^/channels/{second}/messages$", kind="500")
        reply = await bot.core.issues.publish(bot.core.community, force=True)
        if not reply.ok:  # a lost answer can leave a channel for the retry
            await bot.core.issues.retry_failed(bot.core.community)
        await bot.core.settle()
        statuses = [c.status for c in slack.calls_to("chat.postMessage")]
        assert {429, 500} <= set(statuses)
        assert not slack.delays["chat.postMessage"], "the slow answer happened"
        assert {c.status for c in discord.calls_to("POST", r"^/channels/\d+/messages$")} >= {
            429,
            500,
        }
    assert check_issue_everywhere(community) == 4
