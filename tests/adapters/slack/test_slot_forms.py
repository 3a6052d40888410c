"""Long slots on Slack: `/victories note|thanks|action|ps` typed without text opens a
multi-line modal (pre-filled with the slot's current text); its submission writes the
slot. Without a usable trigger the editor gets the usage line instead."""

from __future__ import annotations

import json

import pytest

from tests.adapters.slack.conftest import MEMBER, MODERATOR
from tests.adapters.slack.pressing import opened_view, submit, text_value

NOTE = "A hopeful week.\n\n> We did it together.\n\nSee you on Monday."


@pytest.mark.parametrize("slot", ["note", "thanks", "action", "ps"])
async def test_a_slot_without_text_opens_a_multiline_form(http_bot, slot):
    assert await http_bot.command(slot, user=MODERATOR, command="/victories", name="s") == 200
    view = await opened_view(http_bot, 1)
    assert view["callback_id"] == "victory_slot"
    assert json.loads(view["private_metadata"]) == {"slot": slot}
    [field] = view["blocks"]
    assert field["element"]["multiline"] is True
    assert not http_bot.responses("s")  # the form is the answer


async def test_the_note_form_saves_paragraphs_and_shows_them_next_time(http_bot):
    await http_bot.command("note", user=MODERATOR, command="/victories", name="s1")
    view = await opened_view(http_bot, 1)
    assert "initial_value" not in view["blocks"][0]["element"]
    answer = await submit(http_bot, MODERATOR, view, {"text": text_value(NOTE)})
    assert answer["response_action"] == "update"
    assert "Saved the editor's note" in json.dumps(answer["view"]["blocks"])
    await http_bot.command("note", user=MODERATOR, command="/victories", name="s2")
    again = await opened_view(http_bot, 2)
    assert again["blocks"][0]["element"]["initial_value"] == NOTE


async def test_without_a_trigger_the_editor_gets_the_usage_line(http_bot):
    http_bot.api.refuse("views.open", "expired_trigger_id")
    await http_bot.command("thanks", user=MODERATOR, command="/victories", name="s")
    assert "/victories thanks" in await http_bot.reply("s")


async def test_a_member_gets_no_form(http_bot):
    await http_bot.command("note", user=MEMBER, command="/victories", name="m")
    assert "Only editors can do that." in await http_bot.reply("m")
    assert not http_bot.api.views
