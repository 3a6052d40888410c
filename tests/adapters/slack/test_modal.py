"""/victory alone opens the form; submitting it creates the item and a private receipt."""

from __future__ import annotations

from bot.model import Credit
from bot.store import victories as victory_store
from tests.adapters.slack.conftest import MEMBER, eventually
from tests.fakes.slack_requests import view_submission


def form_values(
    *, text: str, link: str | None = None, thanks: str | None = None, credit: str = "first"
) -> dict:
    return {
        "text": {"value": {"type": "plain_text_input", "value": text}},
        "link": {"value": {"type": "url_text_input", "value": link}},
        "thanks": {"value": {"type": "plain_text_input", "value": thanks}},
        "credit": {
            "value": {
                "type": "radio_buttons",
                "selected_option": {
                    "value": credit,
                    "text": {"type": "plain_text", "text": credit},
                },
            }
        },
    }


async def test_bare_command_opens_the_form(http_bot):
    assert await http_bot.command("", trigger_id="trigger-abc") == 200
    await eventually(lambda: http_bot.api.views)
    [opened] = http_bot.api.views
    assert opened["trigger_id"] == "trigger-abc"
    view = opened["view"]
    assert view["callback_id"] == "victory_form"
    assert [b["block_id"] for b in view["blocks"]] == ["text", "link", "thanks", "credit"]
    # Several paragraphs fit: the field is multi-line, and says how to write them.
    text = view["blocks"][0]
    assert text["element"]["multiline"] is True and "blank line" in text["hint"]["text"]
    # Every word on it comes from content/messages.yaml.
    assert (view["title"]["text"], view["submit"]["text"]) == ("Share a victory", "Share")
    credit = view["blocks"][3]["element"]
    assert [o["text"]["text"] for o in credit["options"]] == [
        "Full name",
        "First name only",
        "Anonymous",
    ]
    assert not http_bot.responses()  # the form is the answer


async def test_submitting_the_form_creates_the_item(http_bot):
    await http_bot.command("", trigger_id="trigger-abc")
    await eventually(lambda: http_bot.api.views)
    view = http_bot.api.views[0]["view"]
    values = form_values(
        text="The library stays open",
        link="https://example.org/lib",
        thanks="Rosa Parks",
        credit="first",
    )
    status = await http_bot.interact(view_submission(user_id=MEMBER, view=view, values=values))
    assert status == 200
    await eventually(lambda: http_bot.api.ephemerals)
    [receipt] = http_bot.api.ephemerals
    assert receipt["user"] == MEMBER and receipt["channel"] == "C_GENERAL"
    assert "#1" in receipt["text"]
    victory = await http_bot.core.store.run(victory_store.get, 1)
    assert (victory.text, victory.link, victory.thanks_to, victory.credit) == (
        "The library stays open",
        "https://example.org/lib",
        "Rosa Parks",
        Credit.FIRST,
    )
    assert victory.display_name == "Ana Lopez"


async def test_refused_form_gets_a_clear_answer(http_bot):
    await http_bot.command("", trigger_id="trigger-abc")
    await eventually(lambda: http_bot.api.views)
    view = http_bot.api.views[0]["view"]
    values = form_values(text="Win", link="ftp://example.org/x")
    await http_bot.interact(view_submission(user_id=MEMBER, view=view, values=values))
    await eventually(lambda: http_bot.api.ephemerals)
    assert "can't be used" in http_bot.api.ephemerals[0]["text"]
    assert await http_bot.core.store.run(victory_store.queue, community=1) == []


async def test_expired_trigger_falls_back_to_help(http_bot):
    http_bot.api.refuse("views.open", "expired_trigger_id")
    await http_bot.command("", trigger_id="trigger-old")
    assert "Share good news" in await http_bot.reply()
