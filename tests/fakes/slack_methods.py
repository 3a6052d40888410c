"""The Web API methods the fake Slack answers, over the state it keeps.

Each ``_<method>`` takes the call's arguments and returns Slack's JSON answer. State
(messages per channel, users, user groups, views, ephemerals) lives on the instance.
"""

from __future__ import annotations

import itertools
import time
from pathlib import Path

import yaml

from tests.fakes.slack_blocks import problems, view_problems

BOT_USER = "UBOT"
# An installed app is granted what its manifest asks for.
SCOPES = tuple(
    yaml.safe_load((Path(__file__).parents[2] / "adapters/slack/manifest.yaml").read_text())[
        "oauth_config"
    ]["scopes"]["bot"]
)


class SlackMethods:
    port: int

    def __init__(self) -> None:
        self.messages: dict[str, list[dict]] = {}  # channel -> messages, oldest first
        self.ephemerals: list[dict] = []
        self.views: list[dict] = []  # modals opened: {"trigger_id", "id", "view"}
        self.view_updates: list[dict] = []  # views.update calls that Slack accepted
        self.refused_payloads: list[tuple[str, list[str]]] = []  # (method, problems)
        self.homes: dict[str, dict] = {}  # user -> the App Home view published for them
        self.users: dict[str, dict] = {}
        self.locales: dict[str, str] = {}  # user -> Slack locale, shown with include_locale
        self.usergroups: dict[str, list[str]] = {}
        self.undeliverable: set[str] = set()  # users whose DM cannot be opened
        self.missing_channels: set[str] = set()
        self.outside_channels: set[str] = set()  # channels the bot was not invited to
        self.scopes: list[str] = list(SCOPES)  # sent in the x-oauth-scopes header
        self._ts = itertools.count(1)
        # Distribution: codes the OAuth redirect can exchange, and whose each token is.
        self.grants: dict[str, dict] = {}
        self.workspaces: dict[str, dict] = {}  # bot token -> {"team_id", "team", "user_id"}
        self.current_token: str | None = None

    def grant(self, code: str, *, team: str, team_name: str, user: str, token: str) -> None:
        """Slack's side of an install: the user approved, and ``code`` is what the
        browser brings back to the app's redirect URL."""
        self.grants[code] = {"team": team, "team_name": team_name, "user": user, "token": token}

    def revoke(self, team: str) -> None:
        """The workspace removed the app: its tokens stop working."""
        for token, workspace in list(self.workspaces.items()):
            if workspace["team_id"] == team:
                del self.workspaces[token]

    def _oauth_v2_access(self, args: dict) -> dict:
        grant = self.grants.pop(args.get("code", ""), None)
        if grant is None:
            return {"ok": False, "error": "invalid_code"}
        bot_user = f"UBOT_{grant['team']}"
        self.workspaces[grant["token"]] = {
            "team_id": grant["team"],
            "team": grant["team_name"],
            "user_id": bot_user,
        }
        return {
            "ok": True,
            "access_token": grant["token"],
            "token_type": "bot",
            "scope": ",".join(self.scopes),
            "bot_user_id": bot_user,
            "app_id": "A1",
            "team": {"id": grant["team"], "name": grant["team_name"]},
            "enterprise": None,
            "authed_user": {"id": grant["user"]},
        }

    def _next_ts(self) -> str:
        # Like Slack's: the posting time, to the microsecond, unique within a channel.
        self._last_ts = max(time.time(), getattr(self, "_last_ts", 0.0) + 0.000001)
        return f"{self._last_ts:.6f}"

    def _auth_test(self, args: dict) -> dict:
        if self.workspaces:  # distributed: each token answers as its own workspace
            workspace = self.workspaces.get(self.current_token or "")
            if workspace is None:
                return {"ok": False, "error": "invalid_auth"}
            return {
                "ok": True,
                "user_id": workspace["user_id"],
                "bot_id": f"B_{workspace['team_id']}",
                "team_id": workspace["team_id"],
                "user": "victories",
                "team": workspace["team"],
                "url": "https://test.slack.com/",
            }
        return {
            "ok": True,
            "user_id": BOT_USER,
            "bot_id": "BBOT",
            "team_id": "T1",
            "user": "victories",
            "team": "Test",
            "url": "https://test.slack.com/",
        }

    def _apps_connections_open(self, args: dict) -> dict:
        return {"ok": True, "url": f"ws://127.0.0.1:{self.port}/socket"}

    def _channel_error(self, channel: str) -> dict | None:
        if channel in self.missing_channels or not channel:
            return {"ok": False, "error": "channel_not_found"}
        if channel in self.outside_channels:
            return {"ok": False, "error": "not_in_channel"}
        return None

    def _invalid(self, method: str, found: list[str], error: str = "invalid_blocks") -> dict:
        """Slack's answer to a payload past Block Kit's limits (and a record for tests)."""
        self.refused_payloads.append((method, found))
        return {"ok": False, "error": error, "response_metadata": {"messages": found}}

    def _chat_postMessage(self, args: dict) -> dict:
        channel = args.get("channel", "")
        if error := self._channel_error(channel):
            return error
        if args.get("blocks") and (found := problems(args["blocks"])):
            return self._invalid("chat.postMessage", found)
        message = {
            "type": "message",
            "user": BOT_USER,
            "ts": self._next_ts(),
            "channel": channel,
            "text": args.get("text", ""),
            "blocks": args.get("blocks") or [],
            "metadata": args.get("metadata"),
        }
        self.messages.setdefault(channel, []).append(message)
        return {"ok": True, "channel": channel, "ts": message["ts"], "message": message}

    def _chat_update(self, args: dict) -> dict:
        if args.get("blocks") and (found := problems(args["blocks"])):
            return self._invalid("chat.update", found)
        for message in self.messages.get(args.get("channel", ""), []):
            if message["ts"] == args.get("ts"):
                message.update(text=args.get("text", ""), blocks=args.get("blocks") or [])
                return {"ok": True, "channel": args["channel"], "ts": message["ts"]}
        return {"ok": False, "error": "message_not_found"}

    def _chat_postEphemeral(self, args: dict) -> dict:
        if args.get("blocks") and (found := problems(args["blocks"])):
            return self._invalid("chat.postEphemeral", found)
        self.ephemerals.append(args)
        return {"ok": True, "message_ts": self._next_ts()}

    def _conversations_open(self, args: dict) -> dict:
        user = args.get("users", "")
        if user in self.undeliverable or user not in self.users:
            return {
                "ok": False,
                "error": "cannot_dm_bot" if user in self.users else "user_not_found",
            }
        return {"ok": True, "channel": {"id": "D" + user}}

    def _conversations_history(self, args: dict) -> dict:
        if error := self._channel_error(args.get("channel", "")):
            return error
        newest_first = list(reversed(self.messages.get(args.get("channel", ""), [])))
        if oldest := args.get("oldest"):
            newest_first = [m for m in newest_first if float(m["ts"]) > float(oldest)]
        start, limit = int(args.get("cursor") or 0), int(args.get("limit") or 100)
        page = newest_first[start : start + limit]
        with_metadata = str(args.get("include_all_metadata")).lower() in ("true", "1")
        shown = [
            {k: v for k, v in m.items() if k != "metadata" or (with_metadata and v)} for m in page
        ]
        more = start + limit < len(newest_first)
        return {
            "ok": True,
            "messages": shown,
            "has_more": more,
            "response_metadata": {"next_cursor": str(start + limit) if more else ""},
        }

    def _usergroups_users_list(self, args: dict) -> dict:
        group = args.get("usergroup", "")
        if group not in self.usergroups:
            return {"ok": False, "error": "no_such_subteam"}
        return {"ok": True, "users": list(self.usergroups[group])}

    def _users_info(self, args: dict) -> dict:
        user = self.users.get(args.get("user", ""))
        if not user:
            return {"ok": False, "error": "user_not_found"}
        if str(args.get("include_locale", "")).lower() in ("1", "true"):
            user = {**user, "locale": self.locales.get(user["id"], "en-US")}
        return {"ok": True, "user": user}

    def _views_publish(self, args: dict) -> dict:
        view = args.get("view") or {}
        if not args.get("user_id") or view.get("type") != "home":
            return {"ok": False, "error": "invalid_arguments"}
        if found := view_problems(view):
            return self._invalid("views.publish", found, "invalid_arguments")
        self.homes[args["user_id"]] = view
        return {"ok": True, "view": {"id": f"VH{len(self.homes)}", **view}}

    def _views_open(self, args: dict) -> dict:
        if not args.get("trigger_id"):
            return {"ok": False, "error": "invalid_trigger_id"}
        view = args.get("view") or {}
        found = view_problems(view) if view.get("type") == "modal" else ["view.type: not modal"]
        if found:
            return self._invalid("views.open", found, "invalid_arguments")
        view_id = f"V{len(self.views) + 1}"
        self.views.append({"trigger_id": args["trigger_id"], "id": view_id, "view": view})
        return {"ok": True, "view": {"id": view_id, **view}}

    def _views_update(self, args: dict) -> dict:
        view = args.get("view") or {}
        opened = next((v for v in self.views if v["id"] == args.get("view_id")), None)
        if opened is None:
            return {"ok": False, "error": "not_found"}
        if found := view_problems(view):
            return self._invalid("views.update", found, "invalid_arguments")
        opened["view"] = view
        self.view_updates.append({"id": opened["id"], "view": view})
        return {"ok": True, "view": {"id": opened["id"], **view}}
