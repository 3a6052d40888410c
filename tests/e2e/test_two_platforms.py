"""One queue for both platforms: `victories run` with Slack and Discord tokens in one
process. An item shared on Discord is approved on Slack, featured on Discord, every card
follows each decision, and the issue reaches the digest channels of both."""

from __future__ import annotations

import pytest

from tests.fakes.discord_events import answer_text, answers, react, slash
from tests.fakes.slack_requests import reaction_event, slash_command
from tests.reliability.bot_process import BotProcess, until
from tests.reliability.community import (
    SLACK_MOD,
    SLACK_REVIEW,
    Community,
    close_community,
    open_community,
)

NEWS = "The county dropped its contract with ICE"


@pytest.fixture
async def community(tmp_path):
    world = await open_community(tmp_path, slack_digests=1, discord_digests=1)
    yield world
    await close_community(world)


def slack_card(community: Community) -> dict:
    (row,) = community.query("SELECT message_id FROM cards WHERE platform = 'slack'")
    return next(m for m in community.slack.posts(SLACK_REVIEW) if m["ts"] == row["message_id"])


def discord_card(community: Community) -> dict:
    (row,) = community.query("SELECT message_id FROM cards WHERE platform = 'discord'")
    messages = community.discord.messages[community.discord_review]
    return next(m for m in messages if m["id"] == row["message_id"])


def cards_say(community: Community, text: str) -> bool:
    try:
        slack = str(slack_card(community)["blocks"])
        discord = discord_card(community)["embeds"][0]["description"]
    except (ValueError, StopIteration):
        return False
    return text in slack and text in discord


def dms_to(community: Community, person) -> list[str]:
    fake = community.discord
    channels = [c for c, user in fake.dm_channels.items() if user == person.id]
    return [m["content"] for c in channels for m in fake.messages.get(c, [])]


async def test_submitted_on_discord_approved_on_slack_published_on_both(community: Community):
    fake, ana, editor = community.discord, community.people["ana"], community.people["editor"]
    bot = BotProcess(community.workdir, community.env())
    await bot.start()
    await bot.ready()

    token = await slash(
        fake,
        ana,
        "victory",
        "share",
        channel_id=community.discord_general,
        text=NEWS,
        link="https://example.org/ice",
        thanks_to="Diana",
    )
    assert "#1" in answer_text((await answers(fake, token))[-1])
    await until(
        lambda: len(community.query("SELECT * FROM cards")) == 2, timeout=10, what="both cards"
    )
    assert cards_say(community, NEWS) and cards_say(community, "Waiting for review")

    # A Slack moderator approves the Discord member's item from the Slack card.
    ack = await community.slack.socket.deliver(
        "events_api",
        reaction_event(
            user=SLACK_MOD,
            reaction="white_check_mark",
            channel=SLACK_REVIEW,
            ts=slack_card(community)["ts"],
        ),
    )
    assert ack["envelope_id"]
    await until(
        lambda: cards_say(community, "Approved by Mo Editor"), timeout=10, what="cards", bot=bot
    )
    await until(lambda: any("approved" in t for t in dms_to(community, ana)), timeout=10, what="DM")

    # A Discord editor features it from the Discord card: the Slack card follows.
    await react(
        fake,
        editor,
        channel_id=community.discord_review,
        message_id=discord_card(community)["id"],
        emoji="\u2b50",
    )
    await until(
        lambda: cards_say(community, "Featured by Eve Editor"), timeout=10, what="cards", bot=bot
    )

    await community.slack.socket.deliver(
        "slash_commands",
        slash_command(
            command="/victories",
            text="publish now",
            user_id=SLACK_MOD,
            response_url=community.slack.response_url("publish"),
        ),
    )
    await until(
        lambda: any(r["name"] == "publish" for r in community.slack.responses),
        timeout=15,
        what="the publish reply",
        bot=bot,
    )
    (reply,) = [r["text"] for r in community.slack.responses if r["name"] == "publish"]
    assert "Issue 1 is out: 1 victory to 2 channels" in reply
    (slack_issue,) = community.slack.posts(community.slack_digests[0])
    (discord_issue,) = fake.messages[community.discord_digests[0]]
    assert f"1. {NEWS}" in str(slack_issue["blocks"]) and "Diana" in str(slack_issue["blocks"])
    issue_text = discord_issue["embeds"][0]["description"]
    assert f"**1.** {NEWS}" in issue_text and "Diana" in issue_text
    await until(
        lambda: any("#1 in Issue 1" in t for t in dms_to(community, ana)), timeout=10, what="DM"
    )
    await until(
        lambda: cards_say(community, "Published as #1 in Issue 1"), timeout=10, what="cards"
    )
    assert await bot.stop() == 0

    # The log has one key=value line per submission, decision and delivered part.
    assert len(bot.logged("submission victory=1 platform=discord")) == 1
    decisions = bot.logged("decision victory=1 ")
    assert len(decisions) == 2
    assert f"by=slack:{SLACK_MOD}" in decisions[0] and "status=approved" in decisions[0]
    assert f"by=discord:{editor.id}" in decisions[1] and "featured=True" in decisions[1]
    sent = bot.logged("delivery part sent issue=1 ")
    assert sorted(line.split("channel=")[1].split()[0] for line in sent) == sorted(
        f"{platform}:{channel}" for platform, channel in community.digests
    )
