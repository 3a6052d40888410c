"""The chat commands every adapter relays, driven through the real core."""

import pytest

from bot import commands
from bot.model import Actor
from bot.store import audit, victories
from tests.bot.helpers import approved
from tests.conftest import EDITOR, MEMBER, OTHER


async def run(room, actor, command, text):
    reply = await commands.handle(room, actor, command, text)
    await room.settle()
    return reply


def test_parse_submission():
    parsed = commands.parse_submission(
        "Council passed the tenant bill https://example.org/a thanks: Ana credit: first"
    )
    assert (parsed.text, parsed.link, parsed.thanks_to, parsed.credit) == (
        "Council passed the tenant bill",
        "https://example.org/a",
        "Ana",
        "first",
    )
    assert commands.parse_submission("Just text").link is None


async def test_submit_receipt_has_the_item_number(room):
    reply = await run(room, MEMBER, "victory", "The union vote won")
    assert reply.ok and reply.private
    assert "#1" in reply.plain()


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("   ", "Share good news"),  # empty /victory shows help (platforms open a form)
        ("x" * 10_000, "10000 characters long; the limit is 600"),
        ("Look javascript:alert(1)", "only web links"),
        ("\x00\x01\x02", "Your victory is empty"),
    ],
)
async def test_bad_submissions_get_a_clear_message(room, text, expected):
    reply = await run(room, MEMBER, "victory", text)
    assert expected in reply.plain()
    assert room.store.call(lambda db: db["victories"].count) == 0


async def test_mine_edit_withdraw(room, surface):
    await run(room, MEMBER, "victory", "First version")
    await run(room, MEMBER, "victory", "Second one")
    mine = (await run(room, MEMBER, "victory", "mine")).plain()
    assert "#1 · waiting for review · First version" in mine
    assert (await run(room, OTHER, "victory", "mine")).plain().startswith("You haven't")
    # Someone else cannot touch it; the owner can.
    assert not (await run(room, OTHER, "victory", "edit 1 Hijacked")).ok
    await run(room, EDITOR, "victories", "approve 1")
    reply = await run(room, MEMBER, "victory", "edit 1 Better version")
    assert reply.ok, reply.plain()
    item = room.store.call(victories.get, 1)
    assert (item.text, item.status.value) == ("Better version", "pending")  # back to review
    assert "Waiting for review" in surface.cards["card-1"].plain()
    assert (await run(room, MEMBER, "victory", "withdraw 2")).ok
    assert room.store.call(victories.get, 2).status.value == "withdrawn"
    assert not (await run(room, MEMBER, "victory", "withdraw 2")).ok
    assert "isn't a number" in (await run(room, MEMBER, "victory", "withdraw two")).plain()
    assert "no victory #99" in (await run(room, MEMBER, "victory", "edit 99 x")).plain()


EDITOR_COMMANDS = [
    "preview",
    "note Hello",
    "song Song https://example.org/s",
    "ps P",
    "thanks T",
    "action Call",
    "clear note",
    "publish now",
    "skip",
    "schedule 2030-01-01 09:00",
    "status",
    "block someone",
    "unblock someone",
    "approve 1",
    "reject 1 no",
    "feature 1",
]


@pytest.mark.parametrize("line", EDITOR_COMMANDS)
async def test_editor_commands_refuse_members_bots_and_blocked_users(room, line):
    await run(room, MEMBER, "victory", "Something good")
    bot_user = Actor("console", "editor", "Bot", is_bot=True)
    for actor in (OTHER, bot_user):
        reply = await run(room, actor, "victories", line)
        assert not reply.ok and reply.plain() == "Only editors can do that."
    assert room.store.call(victories.get, 1).status.value == "pending"
    assert [r["action"] for r in room.store.call(audit.of_victory, 1)] == ["submit"]


async def test_issue_latest_and_help_are_public(room):
    assert "no issue" in (await run(room, OTHER, "victories", "latest")).plain().lower()
    await approved(room, "A published victory")
    await run(room, EDITOR, "victories", "publish now")
    latest = (await run(room, OTHER, "victories", "latest")).plain()
    assert "Issue 1" in latest and "A published victory" in latest
    assert (await run(room, OTHER, "victories", "issue 1")).plain() == latest
    assert not (await run(room, OTHER, "victories", "issue 7")).ok
    assert "Editors' commands" in (await run(room, OTHER, "victories", "help")).plain()


async def test_preview_equals_the_published_issue(room, surface):
    await approved(room, "Featured win", featured=True)
    await approved(room, "Plain win", link="https://example.org/p")
    await run(room, EDITOR, "victories", "note A good week.")
    preview = (await run(room, EDITOR, "victories", "preview")).doc
    await run(room, EDITOR, "victories", "publish now")
    published = (await run(room, EDITOR, "victories", "issue 1")).doc
    # The preview is dated for the next scheduled run; publishing now dates it today.
    assert [b for b in preview.blocks if b.kind != "meta"] == [
        b for b in published.blocks if b.kind != "meta"
    ]


async def test_block_and_unblock(room):
    assert (await run(room, EDITOR, "victories", "block ana")).ok
    assert "can't share" in (await run(room, MEMBER, "victory", "Blocked news")).plain()
    assert (await run(room, EDITOR, "victories", "unblock ana")).ok
    assert (await run(room, MEMBER, "victory", "Unblocked news")).ok
    assert not (await run(room, EDITOR, "victories", "unblock ana")).ok


async def test_unknown_verbs_are_explained(room):
    assert "I don't know" in (await run(room, EDITOR, "victories", "frobnicate")).plain()
    assert "I don't know" in (await run(room, EDITOR, "victories", "publish later")).plain()
    reply = await run(room, EDITOR, "victories", "song no link here")
    assert reply.ok  # a song without a link is fine: the title is shown in bold
    reply = await run(room, EDITOR, "victories", "song Bad javascript:alert(1)")
    assert not reply.ok


async def test_status_skip_and_schedule(room):
    from bot import schedule as calendar

    room.store.call(calendar.ensure_started, now=room.clock.now())
    await approved(room, "Ready to go")
    status = (await run(room, EDITOR, "victories", "status")).plain()
    assert "due Friday, November 27 at 10:00 EST" in status and "Approved and waiting: 1" in status
    assert "Friday, November 27" in (await run(room, EDITOR, "victories", "skip")).plain()
    status = (await run(room, EDITOR, "victories", "status")).plain()
    assert "due Friday, December 4 at 10:00 EST (the one due Friday, November 27" in status
    reply = await run(room, EDITOR, "victories", "schedule 2026-11-26 09:00")
    assert reply.ok and "Thursday, November 26 at 09:00 EST" in reply.plain()
    assert "Thursday, November 26" in (await run(room, EDITOR, "victories", "status")).plain()
    assert "past" in (await run(room, EDITOR, "victories", "schedule 2020-01-01 09:00")).plain()
    assert not (await run(room, EDITOR, "victories", "schedule someday")).ok
