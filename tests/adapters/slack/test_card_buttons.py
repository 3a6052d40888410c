"""Review cards' buttons, pressed through signed block_actions into the real Bolt app:
Approve and Feature decide, Reject and Edit open modals whose submissions decide or
copy-edit; the card is updated with chat.update and loses its buttons once published."""

from __future__ import annotations

import json

from bot.model import Status
from bot.store import victories as victory_store
from tests.adapters.slack.conftest import MEMBER, MODERATOR, eventually
from tests.adapters.slack.pressing import (
    card,
    card_buttons,
    opened_view,
    press,
    radio_value,
    submit,
    submitted,
    text_value,
)

BUTTONS = ["victory:approve:1", "victory:feature:1", "victory:reject:1", "victory:edit:1"]


async def item(core, number: int = 1):
    return await core.store.run(victory_store.by_number, community=1, number=number)


async def test_cards_carry_the_four_buttons_beside_the_reactions(http_bot):
    await submitted(http_bot)
    assert card_buttons(http_bot.api) == BUTTONS
    labels = [
        element["text"]["text"]
        for block in card(http_bot.api)["blocks"]
        if block["type"] == "actions"
        for element in block["elements"]
    ]
    assert labels == ["Approve", "Feature", "Reject", "Edit"]


async def test_approve_button_decides_and_updates_the_card(http_bot):
    await submitted(http_bot)
    await press(http_bot, MODERATOR, "approve")
    await eventually(lambda: http_bot.api.calls_to("chat.update", ok_only=True))
    await http_bot.core.settle()
    assert (await item(http_bot.core)).status == Status.APPROVED
    assert "Approved by Mo Editor" in json.dumps(card(http_bot.api)["blocks"])
    # Still before the issue: the editor may change their mind, so the buttons stay.
    assert card_buttons(http_bot.api) == BUTTONS
    assert not [r for r in http_bot.api.responses if r["name"] == "press"]


async def test_feature_button(http_bot):
    await submitted(http_bot)
    await press(http_bot, MODERATOR, "feature")
    await eventually(lambda: http_bot.api.calls_to("chat.update", ok_only=True))
    victory = await item(http_bot.core)
    assert victory.status == Status.APPROVED and victory.featured


async def test_reject_opens_a_reason_form_and_its_submission_rejects(http_bot):
    await submitted(http_bot)
    await press(http_bot, MODERATOR, "reject")
    view = await opened_view(http_bot, 1)
    assert view["callback_id"] == "victory_reject"
    # Only the item's number travels with the form, never its community.
    assert json.loads(view["private_metadata"]) == {"number": 1}
    assert (await item(http_bot.core)).status == Status.PENDING
    answer = await submit(http_bot, MODERATOR, view, {"reason": text_value("Not news yet")})
    assert answer["response_action"] == "update"
    victory = await item(http_bot.core)
    assert (victory.status, victory.reason) == (Status.REJECTED, "Not news yet")
    await eventually(lambda: http_bot.api.calls_to("chat.update", ok_only=True))
    assert "Rejected by Mo Editor" in json.dumps(card(http_bot.api)["blocks"])


async def test_edit_opens_the_item_prefilled_and_saves_the_copy_edit(http_bot):
    await submitted(http_bot, "Tenants won https://example.org/t thanks: Rosa")
    await press(http_bot, MODERATOR, "edit")
    view = await opened_view(http_bot, 1)
    assert view["callback_id"] == "victory_edit"
    fields = {b["block_id"]: b["element"] for b in view["blocks"]}
    assert fields["text"]["multiline"] is True
    before = await item(http_bot.core)
    assert fields["text"]["initial_value"] == before.text
    assert fields["link"].get("initial_value") == before.link == "https://example.org/t"
    assert fields["thanks"]["initial_value"] == before.thanks_to
    assert fields["credit"]["initial_option"]["value"] == before.credit.value
    new_text = "Tenants won their case: the hearing is over & we stayed together."
    values = {
        "text": text_value(new_text),
        "link": text_value("https://example.org/t", "url_text_input"),
        "thanks": text_value("Rosa Parks"),
        "credit": radio_value("first"),
    }
    answer = await submit(http_bot, MODERATOR, view, values)
    assert answer["response_action"] == "update", answer
    assert (await item(http_bot.core)).text == new_text
    await eventually(lambda: "we stayed together" in json.dumps(card(http_bot.api)["blocks"]))


async def test_published_card_loses_its_buttons(http_bot):
    await submitted(http_bot)
    await press(http_bot, MODERATOR, "approve")
    await eventually(lambda: http_bot.api.calls_to("chat.update", ok_only=True))
    await http_bot.command("publish now", user=MODERATOR, command="/victories", name="pub")
    await http_bot.reply("pub")
    await http_bot.core.settle()
    await eventually(lambda: "Published as #1" in json.dumps(card(http_bot.api)["blocks"]))
    assert card_buttons(http_bot.api) == []
    # A late press on an old card changes nothing and says why, privately.
    await press(http_bot, MODERATOR, "edit", name="late")
    assert "already ran" in await http_bot.reply("late")
    assert not http_bot.api.views


async def test_crafted_button_ids_are_refused_quietly(http_bot):
    await submitted(http_bot)
    for crafted in ("victory:publish:1", "victory:approve:1;drop", "victory:approve:-1"):
        await press(http_bot, MODERATOR, crafted, name="crafted")
    await eventually(lambda: len(http_bot.responses("crafted")) == 3)
    assert all(r.get("response_type") == "ephemeral" for r in http_bot.api.responses)
    assert (await item(http_bot.core)).status == Status.PENDING
    assert MEMBER  # the card's author heard nothing
    assert not http_bot.api.posts("D" + MEMBER)


async def test_edit_refusals_show_under_the_field_they_concern(http_bot):
    await submitted(http_bot)
    await press(http_bot, MODERATOR, "edit")
    view = await opened_view(http_bot, 1)
    before = await item(http_bot.core)
    bad_link = {
        "text": text_value("Still fine"),
        "link": text_value("ftp://example.org/x", "url_text_input"),
        "thanks": text_value(None),
        "credit": radio_value("name"),
    }
    answer = await submit(http_bot, MODERATOR, view, bad_link)
    assert answer["response_action"] == "errors"
    assert list(answer["errors"]) == ["link"] and "can't be used" in answer["errors"]["link"]
    empty = {**bad_link, "text": text_value("   "), "link": text_value(None, "url_text_input")}
    answer = await submit(http_bot, MODERATOR, view, empty)
    assert list(answer["errors"]) == ["text"]
    assert await item(http_bot.core) == before


async def test_typed_edit_copy_edits_and_alone_opens_the_cards_edit_form(http_bot):
    """/victories edit <n> <text> copy-edits from the command line; /victories edit <n>
    opens the same prefilled form as the card's Edit button."""
    await submitted(http_bot, "The libary stays open")
    await http_bot.command("edit 1", user=MODERATOR, command="/victories", name="e1")
    view = await opened_view(http_bot, 1)
    assert view["callback_id"] == "victory_edit"
    text = next(b for b in view["blocks"] if b["block_id"] == "text")
    assert text["element"]["initial_value"] == "The libary stays open"
    await http_bot.command(
        "edit 1 The library stays open", user=MODERATOR, command="/victories", name="e2"
    )
    assert "#1 is edited" in await http_bot.reply("e2")
    await http_bot.core.settle()
    await eventually(lambda: "The library stays open" in json.dumps(card(http_bot.api)["blocks"]))
