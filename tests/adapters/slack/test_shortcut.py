""" "Share as a victory": a signed message_action opens the /victory form pre-filled from
the message (its text as typed, its first link, its author to thank); the submission
then goes through intake as the person who shared it."""

from __future__ import annotations

from adapters.slack.shortcut import plain_text
from bot.store import victories as victory_store
from tests.adapters.slack.conftest import MEMBER, OTHER, eventually
from tests.adapters.slack.pressing import opened_view, radio_value, submit, text_value
from tests.fakes.slack_requests import message_action

NEWS = (
    "We won the vote &amp; the council listens! <https://example.org/v|the story> "
    "cc <@U_MEMBER> <!channel>"
)


async def share(bot, user: str, message: dict) -> dict:
    payload = message_action(user_id=user, message=message)
    count = len(bot.api.views) + 1
    assert await bot.interact(payload) == 200
    return await opened_view(bot, count)


def test_slack_markup_becomes_what_a_person_would_type():
    assert plain_text(NEWS) == (
        "We won the vote & the council listens! the story https://example.org/v "
        "cc @U_MEMBER @channel"
    )
    assert plain_text("<https://example.org/a>") == "https://example.org/a"
    assert plain_text("<#C1|general> <!subteam^S1|@mods> a &lt;b&gt;") == "#general @mods a <b>"


async def test_shortcut_opens_the_form_prefilled(http_bot):
    view = await share(http_bot, MEMBER, {"text": NEWS, "user": OTHER})
    assert view["callback_id"] == "victory_form"
    fields = {b["block_id"]: b["element"] for b in view["blocks"]}
    assert fields["text"]["initial_value"].startswith("We won the vote & the council listens!")
    assert fields["link"]["initial_value"] == "https://example.org/v"
    assert fields["thanks"]["initial_value"] == "Ben Okafor"


async def test_shared_message_becomes_a_victory_of_the_sharer(http_bot):
    view = await share(http_bot, MEMBER, {"text": NEWS, "user": OTHER})
    fields = {b["block_id"]: b["element"] for b in view["blocks"]}
    values = {
        "text": text_value(fields["text"]["initial_value"]),
        "link": text_value(fields["link"]["initial_value"], "url_text_input"),
        "thanks": text_value(fields["thanks"]["initial_value"]),
        "credit": radio_value("name"),
    }
    await submit(http_bot, MEMBER, view, values)
    await eventually(lambda: http_bot.api.ephemerals)
    assert "#1" in http_bot.api.ephemerals[0]["text"]
    victory = await http_bot.core.store.run(victory_store.get, 1)
    assert (victory.user_id, victory.thanks_to, victory.link) == (
        MEMBER,
        "Ben Okafor",
        "https://example.org/v",
    )
    # What the message said reaches the review card as text: no one is pinged.
    await http_bot.core.settle()
    card = str(http_bot.api.posts("C_REVIEW")[0]["blocks"])
    assert "<!channel>" not in card and "&lt;!channel&gt;" not in card


async def test_a_bot_message_and_an_empty_one_still_open_the_form(http_bot):
    view = await share(
        http_bot, MEMBER, {"text": "Deploy done", "bot_id": "B9", "username": "CI bot"}
    )
    fields = {b["block_id"]: b["element"] for b in view["blocks"]}
    assert fields["thanks"]["initial_value"] == "CI bot"
    view = await share(http_bot, MEMBER, {"text": "", "user": OTHER})
    fields = {b["block_id"]: b["element"] for b in view["blocks"]}
    assert "initial_value" not in fields["text"]


async def test_a_hostile_message_opens_a_form_within_slacks_limits(http_bot):
    hostile = ("<!everyone> \x00\x1b[31m <javascript:alert(1)|click> " + "x" * 500) * 100
    view = await share(http_bot, MEMBER, {"text": hostile, "user": "U_NOBODY"})
    fields = {b["block_id"]: b["element"] for b in view["blocks"]}
    text = fields["text"]["initial_value"]
    assert len(text) <= fields["text"]["max_length"]
    assert "\x00" not in text and "\x1b" not in text
    assert "initial_value" not in fields["link"]  # not a web link: left for the member
    assert not http_bot.api.refused_payloads
