"""The app manifest declares what the adapter uses."""

from __future__ import annotations

from importlib.resources import files

import yaml

from adapters.slack.doctor import REQUIRED_SCOPES
from adapters.slack.shortcut import CALLBACK_ID
from adapters.slack.slash import COMMANDS


def manifest() -> dict:
    return yaml.safe_load(files("adapters.slack").joinpath("manifest.yaml").read_text("utf-8"))


def test_manifest_declares_commands_scopes_events_and_socket_mode():
    data = manifest()
    assert data["features"]["bot_user"]["display_name"]
    commands = data["features"]["slash_commands"]
    assert tuple(c["command"] for c in commands) == COMMANDS
    assert all(c["should_escape"] is False for c in commands)
    scopes = set(data["oauth_config"]["scopes"]["bot"])
    assert {
        "chat:write",
        "commands",
        "reactions:read",
        "im:write",
        "usergroups:read",
        "users:read",
        "channels:history",
        "groups:history",
    } <= scopes
    assert data["settings"]["event_subscriptions"]["bot_events"] == [
        "reaction_added",
        "reaction_removed",
        "app_home_opened",
        "app_uninstalled",
        "tokens_revoked",
    ]
    assert data["features"]["app_home"]["home_tab_enabled"] is True
    assert data["settings"]["interactivity"]["is_enabled"] is True
    assert data["settings"]["socket_mode_enabled"] is True


def test_manifest_declares_the_share_shortcut():
    [shortcut] = manifest()["features"]["shortcuts"]
    assert (shortcut["type"], shortcut["callback_id"]) == ("message", CALLBACK_ID)
    # Slack's limits: a name of at most 24 characters, a description of at most 150.
    assert 0 < len(shortcut["name"]) <= 24 and 0 < len(shortcut["description"]) <= 150


def test_doctor_checks_the_scopes_the_manifest_asks_for():
    assert set(REQUIRED_SCOPES) == set(manifest()["oauth_config"]["scopes"]["bot"])
