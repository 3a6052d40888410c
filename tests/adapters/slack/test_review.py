"""Review cards: moderators' reactions decide; others' change nothing; removal undoes."""

from __future__ import annotations

import logging

from adapters.slack import connect
from bot.document import Span, lines_document
from bot.model import Status
from bot.store import victories as victory_store
from tests.adapters.slack.conftest import (
    GROUP_MODERATOR,
    MEMBER,
    MODERATOR,
    OTHER,
    REVIEW,
    card_ts,
    eventually,
)


def reactions_handled(caplog) -> int:
    """How many reactions the review service has dealt with (each ends in one log line)."""
    return sum(
        record.getMessage().startswith(("decision ", "reaction ignored "))
        for record in caplog.records
        if record.name == "victories.review"
    )


async def submitted(bot, text: str = "The union vote won https://example.org/u") -> str:
    await bot.command(text)
    await bot.reply()
    await bot.core.settle()
    return card_ts(bot.api, 1)


async def item(core, number: int = 1):
    return await core.store.run(victory_store.get, number)


async def card_text(bot) -> str:
    await bot.core.settle()
    return str(bot.api.posts(REVIEW)[0]["blocks"])


async def test_moderator_approves_and_card_shows_who(http_bot):
    ts = await submitted(http_bot)
    assert await http_bot.react(user=MODERATOR, reaction="white_check_mark", ts=ts) == 200
    await eventually(lambda: http_bot.api.calls_to("chat.update"))
    assert (await item(http_bot.core)).status == Status.APPROVED
    assert "Approved by Mo Editor" in await card_text(http_bot)


async def test_non_moderator_reaction_changes_nothing(http_bot, caplog):
    caplog.set_level(logging.DEBUG, logger="victories.review")
    ts = await submitted(http_bot)
    for user in (OTHER, MEMBER):
        assert await http_bot.react(user=user, reaction="white_check_mark", ts=ts) == 200
    await eventually(lambda: reactions_handled(caplog) == 2)
    await http_bot.core.settle()
    assert (await item(http_bot.core)).status == Status.PENDING
    assert not http_bot.api.calls_to("chat.update")
    assert not http_bot.api.ephemerals  # members are not scolded for reacting


async def test_removal_undoes_then_feature(http_bot):
    ts = await submitted(http_bot)
    await http_bot.react(user=MODERATOR, reaction="white_check_mark", ts=ts)
    await eventually(lambda: len(http_bot.api.calls_to("chat.update")) == 1)
    await http_bot.react(user=MODERATOR, reaction="white_check_mark", ts=ts, added=False)
    await eventually(lambda: len(http_bot.api.calls_to("chat.update")) == 2)
    assert (await item(http_bot.core)).status == Status.PENDING
    assert "Waiting for review" in await card_text(http_bot)
    await http_bot.react(user=MODERATOR, reaction="star", ts=ts)
    await eventually(lambda: len(http_bot.api.calls_to("chat.update")) == 3)
    victory = await item(http_bot.core)
    assert victory.status == Status.APPROVED and victory.featured
    assert "Featured by Mo Editor" in await card_text(http_bot)


async def test_user_group_member_counts_as_moderator(http_bot):
    ts = await submitted(http_bot)
    await http_bot.react(user=GROUP_MODERATOR, reaction="x", ts=ts)
    await eventually(lambda: http_bot.api.calls_to("chat.update"))
    assert (await item(http_bot.core)).status == Status.REJECTED
    assert "Rejected by Gia Group" in await card_text(http_bot)


async def test_other_emoji_and_other_messages_are_ignored(http_bot, caplog):
    caplog.set_level(logging.DEBUG, logger="victories.review")
    ts = await submitted(http_bot)
    await http_bot.react(user=MODERATOR, reaction="tada", ts=ts)
    await http_bot.react(user=MODERATOR, reaction="white_check_mark", ts="1600000000.000001")
    await eventually(lambda: reactions_handled(caplog) == 2)
    assert (await item(http_bot.core)).status == Status.PENDING


async def test_card_from_before_a_restart_still_works(http_bot, slack_room):
    ts = await submitted(http_bot)
    await http_bot.surface.stop()
    # A new process: new app, new caches; only the database remembers the card.
    http_bot.surface = connect(slack_room, http_bot.surface_env, host="127.0.0.1")
    slack_room.attach(http_bot.surface)
    await http_bot.surface.start()
    await http_bot.react(user=MODERATOR, reaction="white_check_mark", ts=ts)
    await eventually(lambda: http_bot.api.calls_to("chat.update"))
    assert (await item(slack_room)).status == Status.APPROVED


async def test_approval_notice_reaches_member_by_dm(http_bot):
    ts = await submitted(http_bot)
    await http_bot.react(user=MODERATOR, reaction="white_check_mark", ts=ts)
    await eventually(lambda: http_bot.api.posts("D" + MEMBER))
    assert "was approved" in http_bot.api.posts("D" + MEMBER)[0]["text"]


async def test_failed_dm_breaks_nothing(http_bot):
    http_bot.api.undeliverable.add(MEMBER)
    ts = await submitted(http_bot)
    await http_bot.react(user=MODERATOR, reaction="x", ts=ts)
    await eventually(lambda: http_bot.api.calls_to("chat.update"))
    await http_bot.core.settle()
    assert (await item(http_bot.core)).status == Status.REJECTED
    hello = lines_document((Span("hello"),))
    assert await http_bot.surface.notify(user_id=MEMBER, message=hello) is False
