"""Editors' commands: each says its own usage, several items at once, skip and unskip,
a status that tells when the next issue really goes out, and help listing every verb."""

import re
from pathlib import Path

import pytest

from bot.chat import commands, editor_commands
from bot.issues import calendar
from bot.messages import catalogue
from bot.store import victories
from tests.bot.chat.test_commands import run
from tests.bot.helpers import approved
from tests.conftest import EDITOR, MEMBER

ROOT = Path(__file__).resolve().parents[3]
MEMBER_HINT = "Type /victory followed by your good news"


@pytest.mark.parametrize(
    "line, usage",
    [
        ("note", "/victories note <text>"),
        ("song", "/victories song <title> <link>"),
        ("ps", "/victories ps <text>"),
        ("thanks", "/victories thanks <text>"),
        ("action", "/victories action <step>"),
        ("approve", "/victories approve <number>"),
        ("approve one", "/victories approve <number>"),
        ("feature", "/victories feature <number>"),
        ("reject", "/victories reject <number> <reason>"),
        ("reject x spam", "/victories reject <number> <reason>"),
        ("issue", "/victories issue <number>"),
        ("issue abc", "/victories issue <number>"),
        ("clear", "/victories clear <note|song|thanks|actions|ps>"),
        ("clear everything", "/victories clear <note|song|thanks|actions|ps>"),
        ("block", "/victories block <user>"),
    ],
)
async def test_each_empty_or_wrong_use_answers_with_that_commands_usage(core, line, usage):
    reply = await run(core, EDITOR, "victories", line)
    # A long slot typed alone opens its form (the usage is what a console shows instead).
    assert reply.ok == (line in ("note", "ps", "thanks", "action"))
    assert usage in reply.plain()
    assert MEMBER_HINT not in reply.plain()


async def test_approve_several_decides_all_of_them(core):
    one = await submit(core, "The library stays open")
    two = await submit(core, "The clinic stays open")
    reply = await run(core, EDITOR, "victories", f"approve {one} {two}")
    assert reply.ok, reply.plain()
    for number in (one, two):
        assert core.store.call(victories.get, number).status.value == "approved"


async def test_approve_several_refuses_all_if_one_cannot_be_decided(core):
    one = await submit(core, "The library stays open")
    reply = await run(core, EDITOR, "victories", f"approve {one} 99")
    assert not reply.ok and "#99" in reply.plain()
    assert core.store.call(victories.get, one).status.value == "pending"


async def submit(core, text: str) -> int:
    reply = await run(core, MEMBER, "victory", text)
    assert reply.ok, reply.plain()
    return int(reply.plain().split("#")[1].split()[0])


async def test_skip_after_schedule_says_the_move_is_dropped_and_unskip_takes_it_back(core):
    core.store.call(calendar.ensure_started, community=1, now=core.clock.now())
    await approved(core, "Ready to go")
    await run(core, EDITOR, "victories", "schedule 2026-11-26 09:00")
    skipped = (await run(core, EDITOR, "victories", "skip")).plain()
    assert "Friday, November 27" in skipped
    assert "moved to Thursday, November 26 at 09:00 EST" in skipped and "cancelled" in skipped
    status = (await run(core, EDITOR, "victories", "status")).plain()
    assert "due Friday, December 4 at 10:00 EST" in status
    reply = await run(core, EDITOR, "victories", "unskip")
    assert reply.ok and "Friday, November 27 at 10:00 EST" in reply.plain()
    status = (await run(core, EDITOR, "victories", "status")).plain()
    assert "due Friday, November 27 at 10:00 EST." in status
    assert not (await run(core, EDITOR, "victories", "unskip")).ok


async def test_review_emoji_as_characters_decide_too(core):
    number = await submit(core, "The bus fare cut passed")
    await core.settle()
    from bot.store import cards

    (card, *_) = core.store.call(cards.of_victory, number)
    reply = await commands.react(
        core,
        core.community,
        actor=EDITOR,
        platform=card["platform"],
        channel=card["channel"],
        message_id=card["message_id"],
        emoji="✅",
        added=True,
    )
    assert reply is not None and reply.ok
    assert core.store.call(victories.get, number).status.value == "approved"


def test_help_lists_every_verb_and_every_readme_verb():
    help_text = catalogue()["help_victories"]
    listed = set(re.findall(r"(?:/victories |\| )([a-z]+)", help_text))
    verbs = {verb for verb in editor_commands.EDITOR_VERBS if verb not in ("", "help")}
    assert verbs <= listed, verbs - listed
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    table = readme.split("Editors' commands")[1].split("### The weekly issue")[0]
    readme_verbs = set(re.findall(r"^\| `([a-z]+)", table, re.MULTILINE))
    readme_verbs |= set(re.findall(r", `([a-z]+) ", table))
    assert readme_verbs and readme_verbs <= listed, readme_verbs - listed


async def test_status_says_a_thin_issue_would_be_skipped(store, clock, surface):
    from bot.core import Core
    from tests.conftest import make_config

    config = make_config(intake={"cooldown": "0s"}, issue={"min_items": 2, "when_thin": "skip"})
    core = Core(store=store, config=config, clock=clock)
    core.attach(surface)
    core.store.call(calendar.ensure_started, community=1, now=core.clock.now())
    await approved(core, "Only one so far")
    status = (await run(core, EDITOR, "victories", "status")).plain()
    assert "if at least 2 victories are approved by then (else it is skipped)" in status
    await approved(core, "Now there are two")
    status = (await run(core, EDITOR, "victories", "status")).plain()
    assert "else it is skipped" not in status
    await core.settle()


async def test_a_well_typed_line_about_a_missing_item_says_only_that(core):
    """ "approve 7" when there is no #7: the refusal, not how to type approve."""
    for line in ("approve 7", "feature 7", "reject 7 spam", "move 7 1", "edit 7 New text"):
        reply = await run(core, EDITOR, "victories", line)
        assert not reply.ok and "#7" in reply.plain(), line
        assert "Type it like this" not in reply.plain(), line
