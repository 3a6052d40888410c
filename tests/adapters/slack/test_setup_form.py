"""/victories setup on Slack: an admin gets a modal (views.open) filled in with the
settings in force; its submission goes through the same checks as /victories set, shows
a refused field under that field (response_action "errors") with nothing saved, and
otherwise saves every change, audit logs it and tells the admin what changed."""

from __future__ import annotations

import json

from tests.adapters.slack.conftest import MEMBER, MODERATOR, eventually
from tests.fakes.slack_requests import interactive_body, view_submission

ADMIN = "U_ADMIN"


def values(**fields) -> dict:
    """The view's state as Slack sends it: each block's element answer."""
    state = {
        "community.name": {"type": "plain_text_input", "value": "Our Town"},
        "community.timezone": {
            "type": "external_select",
            "selected_option": {
                "text": {"type": "plain_text", "text": "Z"},
                "value": "America/New_York",
            },
        },
        "slack.review_channel": {
            "type": "conversations_select",
            "selected_conversation": "C_REVIEW",
        },
        "slack.digest_channels": {
            "type": "multi_conversations_select",
            "selected_conversations": ["C_NEWS", "C_MORE_NEWS"],
        },
        "slack.moderators.users": {"type": "multi_users_select", "selected_users": [MODERATOR]},
        "slack.moderators.usergroups": {
            "type": "multi_static_select",
            "selected_options": [
                {"text": {"type": "plain_text", "text": "Mods"}, "value": "S_MODS"}
            ],
        },
        "schedule.weekday": {
            "type": "static_select",
            "selected_option": {
                "text": {"type": "plain_text", "text": "Friday"},
                "value": "friday",
            },
        },
        "schedule.time": {"type": "timepicker", "selected_time": "10:00"},
    }
    for key, answer in fields.items():
        state[key] = {**state[key], **answer}
    return {key: {"value": element} for key, element in state.items()}


async def open_form(http_bot) -> dict:
    http_bot.api.add_user(ADMIN, "Ada Admin")
    http_bot.api.users[ADMIN]["is_admin"] = True
    http_bot.api.usergroup_names = {"S_MODS": "Mods"}
    assert (
        await http_bot.command("setup", user=ADMIN, command="/victories", trigger_id="t-1") == 200
    )
    await eventually(lambda: http_bot.api.views)
    [opened] = http_bot.api.views
    assert opened["trigger_id"] == "t-1"
    return opened["view"]


async def submit(http_bot, view: dict, state: dict) -> tuple[int, str]:
    payload = view_submission(user_id=ADMIN, view=view, values=state)
    return await http_bot.signed(interactive_body(payload))


def audit(http_bot) -> list[str]:
    rows = http_bot.core.store.call(
        lambda db: list(db.execute("SELECT detail FROM audit WHERE action = 'set' ORDER BY id"))
    )
    return [row[0] for row in rows]


async def test_an_admin_gets_the_form_filled_in_with_the_settings_in_force(http_bot):
    view = await open_form(http_bot)
    assert view["callback_id"] == "setup_form" and view["submit"]
    blocks = {b["block_id"]: b["element"] for b in view["blocks"]}
    assert list(blocks) == [
        "community.name",
        "community.timezone",
        "slack.review_channel",
        "slack.digest_channels",
        "slack.moderators.users",
        "slack.moderators.usergroups",
        "schedule.weekday",
        "schedule.time",
    ]
    zone = blocks["community.timezone"]
    assert (zone["type"], zone["action_id"]) == ("external_select", "timezone")
    assert zone["initial_option"]["value"] == "America/New_York"
    assert blocks["slack.review_channel"]["type"] == "conversations_select"
    assert blocks["slack.review_channel"]["initial_conversation"] == "C_REVIEW"
    assert blocks["slack.digest_channels"]["initial_conversations"] == ["C_NEWS", "C_MORE_NEWS"]
    assert blocks["slack.moderators.users"]["initial_users"] == [MODERATOR]
    groups = blocks["slack.moderators.usergroups"]
    assert (
        groups["options"]
        == groups["initial_options"]
        == [{"text": {"type": "plain_text", "text": "Mods"}, "value": "S_MODS"}]
    )
    assert blocks["schedule.weekday"]["initial_option"]["value"] == "friday"
    assert len(blocks["schedule.weekday"]["options"]) == 7
    assert blocks["schedule.time"] == {
        "type": "timepicker",
        "initial_time": "10:00",
        "action_id": "value",
    }
    assert not http_bot.responses()  # the form is the answer


async def test_a_member_gets_the_refusal_and_no_form(http_bot):
    assert await http_bot.command("setup", user=MEMBER, command="/victories", trigger_id="t") == 200
    assert "Only this workspace's or server's admins" in await http_bot.reply()
    assert http_bot.api.views == []


async def test_a_submission_saves_each_change_audit_logs_it_and_lists_it(http_bot):
    view = await open_form(http_bot)
    state = values(
        **{
            "community.name": {"value": "Our Town <!channel>"},
            "community.timezone": {"selected_option": {"value": "Europe/Berlin"}},
            "slack.review_channel": {"selected_conversation": "C0EDITORS"},
            "slack.digest_channels": {"selected_conversations": ["C0NEWS", "C0MORE"]},
            "slack.moderators.users": {"selected_users": ["U0ADA", "U0BEN"]},
            "schedule.weekday": {"selected_option": {"value": "monday"}},
            "schedule.time": {"selected_time": "09:30"},
        }
    )
    status, answer = await submit(http_bot, view, state)
    assert status == 200 and "errors" not in answer
    await eventually(lambda: http_bot.api.ephemerals)
    [told] = http_bot.api.ephemerals
    assert told["user"] == ADMIN
    said = told["text"]
    assert said.startswith("Setup saved for default. Changed:")
    for line in (
        "community.name: Our Town",
        "community.timezone: Europe/Berlin",
        "slack.review_channel: C0EDITORS",
        "slack.digest_channels: C0NEWS C0MORE",
        "slack.moderators.users: U0ADA U0BEN",
        "schedule.weekday: monday",
        "schedule.time: 09:30",
    ):
        assert line in said, said
    assert "usergroups" not in said  # unchanged fields are not listed
    assert "<!channel>" not in said  # the name is shown, never as a ping
    settings = dict(http_bot.core.communities.settings(http_bot.core.community))
    assert settings["community.timezone"] == "Europe/Berlin"
    assert settings["slack.moderators.users"] == "U0ADA U0BEN"
    assert settings["schedule.time"] == "09:30"
    assert audit(http_bot) == [
        "community.name = Our Town <!channel>",
        "community.timezone = Europe/Berlin",
        "slack.review_channel = C0EDITORS",
        "slack.digest_channels = C0NEWS C0MORE",
        "slack.moderators.users = U0ADA U0BEN",
        "schedule.weekday = monday",
        "schedule.time = 09:30",
    ]


async def test_a_refused_field_is_shown_under_it_and_nothing_is_saved(http_bot):
    view = await open_form(http_bot)
    state = values(
        **{
            "community.timezone": {"selected_option": {"value": "Mars/Olympus_Mons"}},
            "schedule.weekday": {"selected_option": {"value": "monday"}},
            "slack.review_channel": {"selected_conversation": "#general"},
        }
    )
    status, answer = await submit(http_bot, view, state)
    assert status == 200
    body = json.loads(answer)
    assert body["response_action"] == "errors"
    assert set(body["errors"]) == {"community.timezone", "slack.review_channel"}
    assert "Mars/Olympus_Mons" in body["errors"]["community.timezone"]
    assert "not an ID" in body["errors"]["slack.review_channel"]
    settings = dict(http_bot.core.communities.settings(http_bot.core.community))
    assert settings["schedule.weekday"] == "friday"  # the good field waited for the others
    assert audit(http_bot) == []
    assert http_bot.api.ephemerals == []


async def test_a_form_sent_back_unchanged_saves_nothing(http_bot):
    view = await open_form(http_bot)
    status, _ = await submit(
        http_bot, view, values(**{"community.name": {"value": "Small Victories"}})
    )
    assert status == 200
    await eventually(lambda: http_bot.api.ephemerals)
    assert "Nothing changed" in http_bot.api.ephemerals[0]["text"]
    assert audit(http_bot) == []


async def test_a_crafted_submission_from_a_member_is_refused(http_bot):
    view = await open_form(http_bot)
    state = values(**{"schedule.weekday": {"selected_option": {"value": "monday"}}})
    payload = view_submission(user_id=MEMBER, view=view, values=state)
    status, _ = await http_bot.signed(interactive_body(payload))
    assert status == 200
    await eventually(lambda: http_bot.api.ephemerals)
    told = http_bot.api.ephemerals[0]
    assert told["user"] == MEMBER and "Only this workspace's or server's admins" in told["text"]
    assert audit(http_bot) == []


async def test_an_expired_trigger_gets_the_written_guide(http_bot):
    http_bot.api.add_user(ADMIN, "Ada Admin")
    http_bot.api.users[ADMIN]["is_admin"] = True
    http_bot.api.refuse("views.open", "expired_trigger_id")
    assert await http_bot.command("setup", user=ADMIN, command="/victories", trigger_id="t") == 200
    assert "Three things to set" in await http_bot.reply()


async def test_the_time_zone_picker_offers_the_zones_matching_what_is_typed(http_bot):
    view = await open_form(http_bot)
    payload = {
        "type": "block_suggestion",
        "user": {"id": ADMIN, "team_id": "T1"},
        "team": {"id": "T1", "domain": "test"},
        "api_app_id": "A1",
        "token": "legacy",
        "container": {"type": "view", "view_id": "V1"},
        "action_id": "timezone",
        "block_id": "community.timezone",
        "value": "berl",
        "view": {**view, "id": "V1"},
    }
    status, answer = await http_bot.signed(interactive_body(payload))
    assert status == 200
    assert json.loads(answer)["options"] == [
        {"text": {"type": "plain_text", "text": "Europe/Berlin"}, "value": "Europe/Berlin"}
    ]
    payload["value"] = "<!channel>" + "x" * 5000  # hostile: nothing matches, nothing breaks
    status, answer = await http_bot.signed(interactive_body(payload))
    assert status == 200 and json.loads(answer)["options"] == []
