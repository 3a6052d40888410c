"""The chat commands every adapter relays, driven through the real core."""

import pytest

from bot.chat import commands
from bot.model import Actor
from bot.render.plain import render_plain
from bot.store import audit, victories
from tests.bot.helpers import approved
from tests.conftest import EDITOR, MEMBER, OTHER


async def run(core, actor, command, text):
    reply = await commands.handle(core, core.community, actor, command, text)
    await core.settle()
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


async def test_submit_receipt_has_the_item_number(core):
    reply = await run(core, MEMBER, "victory", "The union vote won")
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
async def test_bad_submissions_get_a_clear_message(core, text, expected):
    reply = await run(core, MEMBER, "victory", text)
    assert expected in reply.plain()
    assert core.store.call(lambda db: db["victories"].count) == 0


async def test_mine_edit_withdraw(core, surface):
    await run(core, MEMBER, "victory", "First version")
    await run(core, MEMBER, "victory", "Second one")
    mine = (await run(core, MEMBER, "victory", "mine")).plain()
    assert "#1 · waiting for review · First version" in mine
    assert (await run(core, OTHER, "victory", "mine")).plain().startswith("You haven't")
    # Someone else cannot touch it; the owner can.
    assert not (await run(core, OTHER, "victory", "edit 1 Hijacked")).ok
    await run(core, EDITOR, "victories", "approve 1")
    reply = await run(core, MEMBER, "victory", "edit 1 Better version")
    assert reply.ok, reply.plain()
    item = core.store.call(victories.get, 1)
    assert (item.text, item.status.value) == ("Better version", "pending")  # back to review
    assert "Waiting for review" in render_plain(surface.cards["card-1"])
    assert (await run(core, MEMBER, "victory", "withdraw 2")).ok
    assert core.store.call(victories.get, 2).status.value == "withdrawn"
    assert not (await run(core, MEMBER, "victory", "withdraw 2")).ok
    assert "isn't a number" in (await run(core, MEMBER, "victory", "withdraw two")).plain()
    assert "no victory #99" in (await run(core, MEMBER, "victory", "edit 99 x")).plain()


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
async def test_editor_commands_refuse_members_bots_and_blocked_users(core, line):
    await run(core, MEMBER, "victory", "Something good")
    bot_user = Actor("console", "editor", "Bot", is_bot=True)
    for actor in (OTHER, bot_user):
        reply = await run(core, actor, "victories", line)
        assert not reply.ok and reply.plain() == "Only editors can do that."
    assert core.store.call(victories.get, 1).status.value == "pending"
    assert [r["action"] for r in core.store.call(audit.of_victory, 1)] == ["submit"]


async def test_issue_latest_and_help_are_public(core):
    assert "no issue" in (await run(core, OTHER, "victories", "latest")).plain().lower()
    await approved(core, "A published victory")
    await run(core, EDITOR, "victories", "publish now")
    latest = (await run(core, OTHER, "victories", "latest")).plain()
    assert "Issue 1" in latest and "A published victory" in latest
    assert (await run(core, OTHER, "victories", "issue 1")).plain() == latest
    assert not (await run(core, OTHER, "victories", "issue 7")).ok
    assert "Editors' commands" in (await run(core, OTHER, "victories", "help")).plain()


async def test_preview_equals_the_published_issue(core, surface):
    await approved(core, "Featured win", featured=True)
    await approved(core, "Plain win", link="https://example.org/p")
    await run(core, EDITOR, "victories", "note A good week.")
    preview = (await run(core, EDITOR, "victories", "preview")).doc
    await run(core, EDITOR, "victories", "publish now")
    published = (await run(core, EDITOR, "victories", "issue 1")).doc
    # The preview is dated for the next scheduled run; publishing now dates it today.
    assert [b for b in preview.blocks if b.kind != "meta"] == [
        b for b in published.blocks if b.kind != "meta"
    ]


async def test_block_and_unblock(core):
    assert (await run(core, EDITOR, "victories", "block ana")).ok
    assert "can't share" in (await run(core, MEMBER, "victory", "Blocked news")).plain()
    assert (await run(core, EDITOR, "victories", "unblock ana")).ok
    assert (await run(core, MEMBER, "victory", "Unblocked news")).ok
    assert not (await run(core, EDITOR, "victories", "unblock ana")).ok


async def test_unknown_verbs_are_explained(core):
    assert "I don't know" in (await run(core, EDITOR, "victories", "frobnicate")).plain()
    later = await run(core, EDITOR, "victories", "publish later")
    assert not later.ok and "type /victories publish now" in later.plain()
    assert "/victories preview" in later.plain()
    reply = await run(core, EDITOR, "victories", "song no link here")
    assert reply.ok  # a song without a link is fine: the title is shown in bold
    reply = await run(core, EDITOR, "victories", "song Bad javascript:alert(1)")
    assert not reply.ok


async def test_status_skip_and_schedule(core):
    from bot.issues import calendar

    core.store.call(calendar.ensure_started, community=1, now=core.clock.now())
    await approved(core, "Ready to go")
    status = (await run(core, EDITOR, "victories", "status")).plain()
    assert "due Friday, November 27 at 10:00 EST" in status and "Approved and waiting: 1" in status
    assert "Friday, November 27" in (await run(core, EDITOR, "victories", "skip")).plain()
    status = (await run(core, EDITOR, "victories", "status")).plain()
    assert "due Friday, December 4 at 10:00 EST (the one due Friday, November 27" in status
    reply = await run(core, EDITOR, "victories", "schedule 2026-11-26 09:00")
    assert reply.ok and "Thursday, November 26 at 09:00 EST" in reply.plain()
    assert "Thursday, November 26" in (await run(core, EDITOR, "victories", "status")).plain()
    assert "past" in (await run(core, EDITOR, "victories", "schedule 2020-01-01 09:00")).plain()
    assert not (await run(core, EDITOR, "victories", "schedule someday")).ok
