"""The App Home tab, through signed `app_home_opened` events into the real Bolt app and
`views.publish` on the fake Web API: an admin sees the setup guide and the settings, a
member their victories and how to share one, an editor also the queue (with the cards'
buttons) and the next issue (with a Preview button)."""

from __future__ import annotations

import json

from tests.adapters.slack.conftest import MEMBER, MODERATOR, eventually
from tests.adapters.slack.pressing import card, opened_view, press, submit, submitted, text_value
from tests.fakes.slack_requests import event_callback

OWNER = "U_OWNER"


def home_text(api, user: str) -> str:
    return json.dumps(api.homes.get(user, {}).get("blocks", []))


async def open_home(bot, user: str) -> int:
    body = json.dumps(event_callback({"type": "app_home_opened", "user": user, "tab": "home"}))
    status, _ = await bot.signed(body, content_type="application/json")
    return status


async def test_an_admin_sees_the_setup_guide_and_settings_a_member_how_to_share(http_bot):
    api = http_bot.api
    api.add_user(OWNER, "Olive Owner")
    api.users[OWNER]["is_owner"] = True
    assert await open_home(http_bot, OWNER) == 200
    await eventually(lambda: OWNER in api.homes)
    admin = home_text(api, OWNER)
    assert "Three things to set" in admin and "schedule.weekday" in admin
    assert await open_home(http_bot, MEMBER) == 200
    await eventually(lambda: MEMBER in api.homes)
    member = home_text(api, MEMBER)
    assert "/victory" in member and "Three things to set" not in member


def actions_of(api, user: str) -> list[str]:
    return [
        element["action_id"]
        for block in api.homes[user]["blocks"]
        if block["type"] == "actions"
        for element in block["elements"]
    ]


async def test_a_member_sees_their_victories_and_where_each_stands(http_bot):
    api = http_bot.api
    await submitted(http_bot, "Our choir <!channel> sang")
    await open_home(http_bot, MEMBER)
    await eventually(lambda: MEMBER in api.homes)
    member = home_text(api, MEMBER)
    assert "Your victories" in member and "#1" in member and "waiting for review" in member
    assert "Our choir &lt;!channel&gt; sang" in member  # shown as text, pinging no one
    assert "Share as a victory" in member
    assert actions_of(api, MEMBER) == []  # no editor's buttons, no preview
    assert "Review queue" not in member


async def test_an_editor_sees_the_queue_with_buttons_and_the_next_issue(http_bot):
    api = http_bot.api
    await submitted(http_bot)
    await http_bot.command("note A hopeful week", user=MODERATOR, command="/victories", name="n")
    await http_bot.reply("n")
    await open_home(http_bot, MODERATOR)
    await eventually(lambda: MODERATOR in api.homes)
    editor = home_text(api, MODERATOR)
    assert "Review queue: 1 waiting" in editor
    assert "Next issue" in editor and "Issue 1, due" in editor
    assert "Slots filled: editor's note" in editor
    assert actions_of(api, MODERATOR) == [
        "victories:preview",
        "victory:approve:1",
        "victory:feature:1",
        "victory:reject:1",
        "victory:edit:1",
    ]


async def test_a_decision_from_home_refreshes_it_and_the_card(http_bot):
    api = http_bot.api
    await submitted(http_bot)
    await open_home(http_bot, MODERATOR)
    await eventually(lambda: MODERATOR in api.homes)
    await press(http_bot, MODERATOR, "approve", home=True)
    await eventually(lambda: "approved, waiting" in home_text(api, MODERATOR))
    await eventually(lambda: "Approved by Mo Editor" in json.dumps(card(api)["blocks"]))


async def test_preview_button_shows_the_next_issue_to_editors_only(http_bot):
    api = http_bot.api
    await submitted(http_bot, "Tenants won <their> case")
    await http_bot.command("approve 1", user=MODERATOR, command="/victories", name="a")
    await http_bot.reply("a")
    await press(http_bot, MODERATOR, "victories:preview", home=True)
    view = await opened_view(http_bot, 1)
    assert view["title"]["text"] == "Preview"
    assert "Tenants won &lt;their&gt; case" in json.dumps(view["blocks"])
    await press(http_bot, MEMBER, "victories:preview", home=True)
    await eventually(lambda: any("Only editors" in m["text"] for m in api.posts("D" + MEMBER)))
    assert len(api.views) == 1


async def test_a_form_submitted_from_home_refreshes_it(http_bot):
    api = http_bot.api
    await submitted(http_bot)
    await open_home(http_bot, MODERATOR)
    await eventually(lambda: "Review queue: 1 waiting" in home_text(api, MODERATOR))
    await press(http_bot, MODERATOR, "reject", home=True)
    view = await opened_view(http_bot, 1)
    await submit(http_bot, MODERATOR, view, {"reason": text_value("Too early")})
    await eventually(lambda: "Review queue: 0 waiting" in home_text(api, MODERATOR))
    assert "The review queue is empty." in home_text(api, MODERATOR)
