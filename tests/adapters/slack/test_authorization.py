"""Who may use each new button, form and shortcut on Slack: a member, a blocked member, a
bot and an editor. Only the editor changes anything; the others are told why, privately
(an ephemeral answer through the press's response_url, a modal's field error, or a DM)."""

from __future__ import annotations

import json

import pytest

from adapters.slack import form_views
from bot.model import Status
from bot.store import victories as victory_store
from tests.adapters.slack.conftest import MEMBER, MODERATOR, REVIEW, eventually, slack_config
from tests.adapters.slack.pressing import (
    opened_view,
    press,
    radio_value,
    submit,
    submitted,
    text_value,
)
from tests.fakes.slack_requests import message_action

BLOCKED, BOT = "U_BLOCKED", "U_BOTTY"
OUTSIDERS = (MEMBER, BLOCKED, BOT)
ONLY_EDITORS = "Only editors can do that."


@pytest.fixture
def config():
    return slack_config(issue={"min_items": 1})


@pytest.fixture
async def bot(http_bot):
    http_bot.api.add_user(BLOCKED, "Bea Blocked")
    http_bot.api.add_user(BOT, "Botty", is_bot=True)
    await http_bot.command(f"block {BLOCKED}", user=MODERATOR, command="/victories", name="b")
    assert "can no longer submit" in await http_bot.reply("b")
    await submitted(http_bot)
    return http_bot


async def state(core) -> tuple:
    victory = await core.store.run(victory_store.by_number, community=1, number=1)
    return victory.status, victory.featured, victory.text, victory.reason


def edit_values(text: str) -> dict:
    return {
        "text": text_value(text),
        "link": text_value(None, "url_text_input"),
        "thanks": text_value(None),
        "credit": radio_value("name"),
    }


@pytest.mark.parametrize("action", ["approve", "feature", "reject", "edit"])
async def test_card_buttons_change_nothing_for_anyone_but_an_editor(bot, action):
    before = await state(bot.core)
    for user in OUTSIDERS:
        await press(bot, user, action, name=user)
        assert ONLY_EDITORS in await bot.reply(user)
        assert all(r.get("response_type") == "ephemeral" for r in bot.api.responses)
    await bot.core.settle()
    assert await state(bot.core) == before
    assert not bot.api.views and not bot.api.calls_to("chat.update")
    assert len(bot.api.posts(REVIEW)) == 1  # nothing said in public
    await press(bot, MODERATOR, action, name="editor")
    if action in ("reject", "edit"):
        assert (await opened_view(bot, 1))["callback_id"] == f"victory_{action}"
    else:
        await eventually(lambda: bot.api.calls_to("chat.update", ok_only=True))
        assert (await state(bot.core))[0] == Status.APPROVED
    assert not bot.responses("editor")


@pytest.mark.parametrize(
    ("view", "values"),
    [
        (form_views.reject_view(1), {"reason": text_value("sneaky")}),
        (form_views.edit_view(1, {}, max_length=600), edit_values("Rewritten by someone")),
    ],
    ids=["reject", "edit"],
)
async def test_item_forms_refuse_anyone_but_an_editor(bot, view, values):
    before = await state(bot.core)
    for user in OUTSIDERS:
        answer = await submit(bot, user, view, values)
        assert answer["response_action"] == "errors"
        assert ONLY_EDITORS in json.dumps(answer["errors"])
    await bot.core.settle()
    assert await state(bot.core) == before
    answer = await submit(bot, MODERATOR, view, values)
    assert answer["response_action"] == "update"
    assert await state(bot.core) != before


async def test_slot_form_refuses_anyone_but_an_editor(bot):
    view = form_views.slot_view("note", {})
    values = {"text": text_value("First paragraph.\n\nSecond paragraph.")}
    for user in OUTSIDERS:
        answer = await submit(bot, user, view, values)
        assert ONLY_EDITORS in json.dumps(answer["errors"])
    await bot.command("preview", user=MODERATOR, command="/victories", name="p1")
    assert "Second paragraph" not in await bot.reply("p1")
    assert (await submit(bot, MODERATOR, view, values))["response_action"] == "update"
    await bot.command("preview", user=MODERATOR, command="/victories", name="p2")
    assert "Second paragraph" in await bot.reply("p2")


async def test_preview_button_is_for_editors(bot):
    for user in OUTSIDERS:
        await press(bot, user, "victories:preview", home=True)
    for user in OUTSIDERS:  # the Home tab has no channel: the answer is a DM
        await eventually(
            lambda u=user: any(ONLY_EDITORS in m["text"] for m in bot.api.posts("D" + u))
        )
    assert not bot.api.views
    await press(bot, MODERATOR, "victories:preview", home=True)
    assert (await opened_view(bot, 1))["title"]["text"] == "Preview"


async def test_shortcut_is_open_to_members_but_a_blocked_member_is_refused(bot):
    message = {"text": "The clinic reopens https://example.org/c", "user": MODERATOR}
    for n, user in enumerate((MEMBER, BLOCKED, MODERATOR), start=1):
        assert await bot.interact(message_action(user_id=user, message=message)) == 200
        view = await opened_view(bot, n)
        values = edit_values(f"Shared by {user}: the clinic reopens")
        await submit(bot, user, view, values)
    await eventually(lambda: len(bot.api.ephemerals) == 3)
    said = {e["user"]: e["text"] for e in bot.api.ephemerals}
    assert "can't share victories" in said[BLOCKED]
    assert "#2" in said[MEMBER] and "#3" in said[MODERATOR]
    # A bot is not offered the form at all (Slack sends shortcuts from people).
    assert await bot.interact(message_action(user_id=BOT, message=message)) == 200
    await eventually(lambda: bot.api.posts("D" + BOT))
    assert "shared by people" in bot.api.posts("D" + BOT)[0]["text"]
    await bot.core.settle()
    assert len(bot.api.views) == 3
    queued = await bot.core.store.run(victory_store.queue, community=1)
    assert [v.user_id for v in queued] == [MEMBER, MEMBER, MODERATOR]
