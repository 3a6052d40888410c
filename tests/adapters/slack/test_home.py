"""The App Home tab, through signed `app_home_opened` events into the real Bolt app and
`views.publish` on the fake Web API: an admin sees the setup guide and the settings, a
member how to share a victory."""

from __future__ import annotations

import json

from tests.adapters.slack.conftest import MEMBER, eventually
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
