"""What Slack sends an app: slash command forms, event callbacks, view submissions, signed.

Payload shapes follow Slack's documented examples (trimmed to the fields apps read).
"""

from __future__ import annotations

import hashlib
import hmac
import itertools
import json
import time
from urllib.parse import urlencode

_ids = itertools.count(1)


def signature_headers(
    secret: str,
    body: str,
    *,
    timestamp: int | None = None,
    content_type: str = "application/x-www-form-urlencoded",
) -> dict[str, str]:
    """Headers of a request signed the way Slack signs: HMAC-SHA256 of v0:{ts}:{body}."""
    ts = str(int(time.time()) if timestamp is None else timestamp)
    digest = hmac.new(secret.encode(), f"v0:{ts}:{body}".encode(), hashlib.sha256).hexdigest()
    return {
        "X-Slack-Request-Timestamp": ts,
        "X-Slack-Signature": f"v0={digest}",
        "Content-Type": content_type,
    }


def slash_command(
    *,
    command: str = "/victory",
    text: str = "",
    user_id: str = "U_MEMBER",
    user_name: str = "ana",
    channel_id: str = "C_GENERAL",
    response_url: str = "",
    trigger_id: str | None = None,
    team_id: str = "T1",
) -> dict[str, str]:
    n = next(_ids)
    return {
        "token": "legacy",
        "team_id": team_id,
        "team_domain": "test",
        "channel_id": channel_id,
        "channel_name": "general",
        "user_id": user_id,
        "user_name": user_name,
        "command": command,
        "text": text,
        "api_app_id": "A1",
        "is_enterprise_install": "false",
        "response_url": response_url,
        "trigger_id": trigger_id or f"trigger-{n}",
    }


def reaction_event(
    *,
    user: str,
    reaction: str,
    channel: str,
    ts: str,
    added: bool = True,
    item_user: str = "UBOT",
    team_id: str = "T1",
) -> dict:
    n = next(_ids)
    event = {
        "type": "reaction_added" if added else "reaction_removed",
        "user": user,
        "reaction": reaction,
        "item_user": item_user,
        "item": {"type": "message", "channel": channel, "ts": ts},
        "event_ts": f"{int(time.time())}.{n:06d}",
    }
    return {
        "token": "legacy",
        "team_id": team_id,
        "api_app_id": "A1",
        "event": event,
        "type": "event_callback",
        "event_id": f"Ev{n:08d}",
        "event_time": int(time.time()),
        "authorizations": [{"team_id": team_id, "user_id": "UBOT", "is_bot": True}],
    }


def event_callback(event: dict, *, team_id: str = "T1") -> dict:
    """An Events API envelope, e.g. ``{"type": "app_uninstalled"}`` or ``tokens_revoked``."""
    n = next(_ids)
    return {
        "token": "legacy",
        "team_id": team_id,
        "api_app_id": "A1",
        "event": {"event_ts": f"{int(time.time())}.{n:06d}", **event},
        "type": "event_callback",
        "event_id": f"Ev{n:08d}",
        "event_time": int(time.time()),
    }


def _user(user_id: str, team_id: str) -> dict:
    return {"id": user_id, "username": user_id.lower(), "name": user_id.lower(), "team_id": team_id}


def view_submission(*, user_id: str, view: dict, values: dict, team_id: str = "T1") -> dict:
    """The ``view_submission`` payload for a modal the app opened with ``view``."""
    state = {"values": values}
    return {
        "type": "view_submission",
        "team": {"id": team_id, "domain": "test"},
        "user": _user(user_id, team_id),
        "api_app_id": "A1",
        "token": "legacy",
        "trigger_id": f"trigger-{next(_ids)}",
        "view": {
            **view,
            "id": "V1",
            "team_id": team_id,
            "state": state,
            "hash": "h",
            "app_id": "A1",
            "bot_id": "BBOT",
        },
    }


def block_actions(
    *,
    user_id: str,
    action_id: str,
    value: str | None = None,
    channel: str | None = "C_REVIEW",
    message_ts: str = "1.000001",
    home: bool = False,
    response_url: str = "",
    team_id: str = "T1",
) -> dict:
    """A button press: on a message in ``channel`` (with its response_url) or, with
    ``home``, on the App Home tab (a view: no channel, no response_url)."""
    n = next(_ids)
    action = {
        "type": "button",
        "action_id": action_id,
        "block_id": "b1",
        "text": {"type": "plain_text", "text": "Button"},
        "value": action_id if value is None else value,
        "action_ts": f"{int(time.time())}.{n:06d}",
    }
    payload: dict = {
        "type": "block_actions",
        "team": {"id": team_id, "domain": "test"},
        "user": _user(user_id, team_id),
        "api_app_id": "A1",
        "token": "legacy",
        "trigger_id": f"trigger-{n}",
        "actions": [action],
    }
    if home:
        payload["container"] = {"type": "view", "view_id": "VH1"}
        payload["view"] = {"id": "VH1", "type": "home", "team_id": team_id, "blocks": []}
    else:
        payload["container"] = {
            "type": "message",
            "message_ts": message_ts,
            "channel_id": channel,
            "is_ephemeral": False,
        }
        payload["channel"] = {"id": channel, "name": "review"}
        payload["message"] = {"type": "message", "ts": message_ts, "text": "card"}
        payload["response_url"] = response_url
    return payload


def message_action(
    *,
    user_id: str,
    message: dict,
    channel: str = "C_GENERAL",
    callback_id: str = "share_victory",
    team_id: str = "T1",
) -> dict:
    """A message shortcut chosen from a message's menu (``message`` as Slack stores it)."""
    n = next(_ids)
    return {
        "type": "message_action",
        "callback_id": callback_id,
        "trigger_id": f"trigger-{n}",
        "team": {"id": team_id, "domain": "test"},
        "user": _user(user_id, team_id),
        "channel": {"id": channel, "name": "general"},
        "message": {"type": "message", "ts": f"{int(time.time())}.{n:06d}", **message},
        "message_ts": message.get("ts", f"{int(time.time())}.{n:06d}"),
        "response_url": "",
        "token": "legacy",
        "action_ts": f"{int(time.time())}.{n:06d}",
    }


def form_body(fields: dict[str, str]) -> str:
    return urlencode(fields)


def interactive_body(payload: dict) -> str:
    return urlencode({"payload": json.dumps(payload)})
