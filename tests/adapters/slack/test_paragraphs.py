"""Several paragraphs and a quotation through Slack's forms: the member's /victory form
and an editor's copy-edit keep them exactly, and the review card shows them."""

from __future__ import annotations

import json

from bot.store import victories as victory_store
from tests.adapters.slack.conftest import MEMBER, MODERATOR, eventually
from tests.adapters.slack.pressing import card, opened_view, press, radio_value, submit, text_value
from tests.adapters.slack.test_home import home_text, open_home

STORY = (
    "After two years the tenants of Elm Street won their case.\n\n"
    "> We stayed together, and it worked.\n\n"
    "The hearing is over and the rent freeze holds <!channel>."
)


def values(text: str) -> dict:
    return {
        "text": text_value(text),
        "link": text_value(None, "url_text_input"),
        "thanks": text_value(None),
        "credit": radio_value("name"),
    }


async def test_the_members_form_keeps_paragraphs_and_the_card_shows_them(http_bot):
    await http_bot.command("", trigger_id="trigger-p")
    view = await opened_view(http_bot, 1)
    await submit(http_bot, MEMBER, view, values(STORY))
    await eventually(lambda: http_bot.api.ephemerals)
    victory = await http_bot.core.store.run(victory_store.get, 1)
    assert victory.text == STORY
    await http_bot.core.settle()
    [text] = [b["text"]["text"] for b in card(http_bot.api)["blocks"] if "won their case" in str(b)]
    # Three paragraphs, the middle one a mrkdwn quotation; the mention stays text.
    assert text == (
        "After two years the tenants of Elm Street won their case.\n\n"
        "&gt; We stayed together, and it worked.\n\n"
        "The hearing is over and the rent freeze holds &lt;!channel&gt;."
    )


async def test_a_copy_edit_keeps_paragraphs(http_bot):
    await http_bot.command("Tenants won")
    await http_bot.reply()
    await http_bot.core.settle()
    await press(http_bot, MODERATOR, "edit")
    view = await opened_view(http_bot, 1)
    answer = await submit(http_bot, MODERATOR, view, values(STORY))
    assert answer["response_action"] == "update", answer
    victory = await http_bot.core.store.run(victory_store.get, 1)
    assert victory.text == STORY
    await eventually(lambda: "We stayed together" in json.dumps(card(http_bot.api)["blocks"]))


async def test_lists_on_the_home_tab_show_each_item_on_one_line(http_bot):
    await http_bot.command("", trigger_id="trigger-h")
    await submit(http_bot, MEMBER, await opened_view(http_bot, 1), values(STORY))
    await eventually(lambda: http_bot.api.ephemerals)
    await open_home(http_bot, MEMBER)
    await eventually(lambda: MEMBER in http_bot.api.homes)
    assert "won their case. &gt; We stayed together" in home_text(http_bot.api, MEMBER)
