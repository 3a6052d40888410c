"""`victories doctor` on Slack: what is wrong, and how to fix it."""

from __future__ import annotations

from adapters.environment import Environment
from adapters.slack import connect
from tests.adapters.slack.conftest import MORE_NEWS, REVIEW, SECRET


def doctor_surface(core, api, **env):
    return connect(
        core,
        Environment(
            slack_bot_token="xoxb-test",
            slack_signing_secret=SECRET,
            slack_api_url=api.api_url,
            **env,
        ),
    )


async def test_healthy_setup(slack_room, slack_api):
    slack_api.usergroups["S_MODS"] = ["U_GROUPIE"]
    findings = await doctor_surface(slack_room, slack_api, slack_app_token="xapp-1").diagnose()
    assert all(f.ok for f in findings), findings
    assert any("Socket Mode app token accepted" in f.what for f in findings)


async def test_problems_come_with_fixes(slack_room, slack_api):
    slack_api.scopes.remove("usergroups:read")
    slack_api.outside_channels.add(REVIEW)
    slack_api.missing_channels.add(MORE_NEWS)
    del slack_api.usergroups["S_MODS"]
    bad = {
        f.what: f.fix for f in await doctor_surface(slack_room, slack_api).diagnose() if not f.ok
    }
    assert bad == {
        "slack: scopes missing: usergroups:read": bad["slack: scopes missing: usergroups:read"],
        f"slack: review channel {REVIEW}: not_in_channel": "invite the bot: type `/invite @Small "
        "Victories` in that channel",
        f"slack: digest channel {MORE_NEWS}: channel_not_found": "check the channel ID in "
        "victories.yaml (channel details → About)",
        "slack: user group S_MODS: no_such_subteam": bad[
            "slack: user group S_MODS: no_such_subteam"
        ],
    }


async def test_bad_token(slack_room, slack_api):
    slack_api.refuse("auth.test", "invalid_auth")
    [finding] = await doctor_surface(slack_room, slack_api).diagnose()
    assert not finding.ok and "SLACK_BOT_TOKEN" in finding.fix
