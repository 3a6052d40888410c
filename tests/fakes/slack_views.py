"""The fake Slack's views.open checked as Slack documents it, and usergroups.list.

views.open (docs: methods/views.open, reference/surfaces/views): the view is a modal with
a plain_text title of at most 24 characters, at most 100 blocks, a submit button when it
has input blocks, block_ids unique within the view; anything else is answered
``invalid_arguments``. usergroups.list (docs: methods/usergroups.list): the workspace's
user groups, each with id, team_id, name, handle and user_count (and users when
``include_users``); names and handles come from ``usergroup_names``.
"""

from __future__ import annotations

import json
from typing import Any


class ViewMethods:
    usergroups: dict[str, list[str]]
    usergroup_names: dict[str, str]  # group id -> its name (the handle is made from it)

    def _views_open(self, args: dict) -> dict:
        view = args.get("view") or {}
        if isinstance(view, str):
            view = json.loads(view)  # the form-encoded call sends it as JSON text
        if _view_problem(view):
            return {"ok": False, "error": "invalid_arguments"}
        return super()._views_open({**args, "view": view})  # type: ignore[misc]

    def _usergroups_list(self, args: dict) -> dict:
        with_users = str(args.get("include_users")).lower() in ("true", "1")
        names = getattr(self, "usergroup_names", {})
        groups = []
        for group, users in self.usergroups.items():
            name = names.get(group, group)
            entry: dict[str, Any] = {
                "id": group,
                "team_id": "T1",
                "is_usergroup": True,
                "name": name,
                "handle": name.lower().replace(" ", "-"),
                "user_count": len(users),
            }
            if with_users:
                entry["users"] = list(users)
            groups.append(entry)
        return {"ok": True, "usergroups": groups}


def _view_problem(view: dict) -> str | None:
    title = view.get("title") or {}
    blocks = view.get("blocks") or []
    ids = [b["block_id"] for b in blocks if "block_id" in b]
    if view.get("type") != "modal":
        return "not a modal"
    if title.get("type") != "plain_text" or not 0 < len(title.get("text", "")) <= 24:
        return "title"
    if len(blocks) > 100 or len(ids) != len(set(ids)):
        return "blocks"
    if any(b.get("type") == "input" for b in blocks) and not view.get("submit"):
        return "an input needs a submit button"
    return None
