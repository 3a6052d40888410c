"""Block Kit's limits: the fake Slack refuses what Slack would, and what the bot builds
(cards with buttons, the editor's modals at their longest, a crowded Home tab) stays
within them."""

from __future__ import annotations

import pytest
from slack_sdk.errors import SlackApiError
from slack_sdk.web.async_client import AsyncWebClient

from adapters.slack import buttons, form_views, modal
from bot.document import Block, Document, Span
from tests.adapters.slack.conftest import MODERATOR, eventually, slack_config
from tests.adapters.slack.test_home import open_home
from tests.fakes.slack_blocks import problems, view_problems

HOSTILE = "<!channel> *bold* &amp; <@U1>\n\n> quote\u202e" * 200


def test_the_fake_refuses_what_slack_refuses():
    button = buttons.actions_block(1)["elements"][0]
    assert problems([{"type": "actions", "elements": [button] * 26}])
    assert problems([{"type": "section", "text": {"type": "mrkdwn", "text": ""}}])
    assert problems([{"type": "divider"}] * 51)
    assert not problems([{"type": "divider"}] * 100, "home")
    long_title = {**form_views.reject_view(1), "title": {"type": "plain_text", "text": "x" * 25}}
    assert view_problems(long_title)
    no_submit = {k: v for k, v in form_views.slot_view("note", {}).items() if k != "submit"}
    assert view_problems(no_submit)


@pytest.mark.parametrize("max_length", [20, 600, 2500])
def test_forms_at_their_longest_are_accepted(max_length):
    prefill = {"text": HOSTILE, "link": "javascript:alert(1)", "thanks_to": HOSTILE, "credit": "?"}
    for view in (
        form_views.reject_view(999_999_999),
        form_views.edit_view(999_999_999, prefill, max_length=max_length),
        form_views.slot_view("action", {"text": HOSTILE}),
        modal.form_view(
            max_length=max_length, default_credit="first", channel="C1", prefill=prefill
        ),
    ):
        assert view_problems(view) == []


def test_a_card_with_buttons_stays_within_a_message():
    long_card = Document(
        (Block("title", (Span("Victory #7"),), number=7),)
        + tuple(Block("paragraph", (Span(HOSTILE),)) for _ in range(60))
    )
    message = buttons.card_message(long_card)
    assert problems(message["blocks"]) == []


@pytest.fixture
def config():
    return slack_config(intake={"cooldown": "0s", "per_user_per_day": 1000, "max_length": 2500})


async def test_a_crowded_home_tab_is_accepted(http_bot):
    for n in range(40):
        await http_bot.command(f"{HOSTILE[:2400]} {n}", name=f"r{n}")
    await http_bot.core.settle()
    assert await open_home(http_bot, MODERATOR) == 200
    await eventually(lambda: MODERATOR in http_bot.api.homes)
    assert not http_bot.api.refused_payloads
    blocks = http_bot.api.homes[MODERATOR]["blocks"]
    assert len(blocks) <= 100
    assert "<!channel>" not in str(blocks)


async def test_the_fake_updates_an_open_modal_only_within_the_limits(slack_api):
    web = AsyncWebClient(token="xoxb-test", base_url=slack_api.api_url)
    opened = await web.views_open(trigger_id="t1", view=form_views.reject_view(1))
    view_id = opened["view"]["id"]
    too_many = form_views.message_view("Done", [{"type": "divider"}] * 101)
    with pytest.raises(SlackApiError, match="invalid_arguments"):
        await web.views_update(view_id=view_id, view=too_many)
    with pytest.raises(SlackApiError, match="not_found"):
        await web.views_update(view_id="V404", view=form_views.reject_view(1))
    await web.views_update(view_id=view_id, view=form_views.message_view("Done", []))
    assert slack_api.views[0]["view"]["title"]["text"] == "Done"
    assert [u["id"] for u in slack_api.view_updates] == [view_id]
