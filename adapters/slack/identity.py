"""Who a Slack user is, as an ``Actor``: their name and which user groups they belong to.

This module only *reports* identity. Whether that makes someone a moderator is decided in
``bot.review.moderation.is_moderator`` and nowhere else.
"""

from __future__ import annotations

import logging
import time

from slack_sdk.web.async_client import AsyncWebClient

from adapters.slack.client import API_ERRORS
from bot.model import Actor

log = logging.getLogger("victories.slack.identity")

NAME_TTL = 600.0  # names rarely change; ten minutes saves a users.info call per action
GROUP_TTL = 60.0  # membership changes should count within a minute


class Directory:
    """Caches user names and user-group members fetched from the Web API.

    ``usergroups`` are the groups worth asking about (the configured moderator groups):
    Slack can list a group's members but not a user's groups.
    """

    def __init__(
        self, client: AsyncWebClient, *, usergroups: tuple[str, ...], clock=time.monotonic
    ) -> None:
        self.client = client
        self.usergroups = usergroups
        self.clock = clock
        self._names: dict[str, tuple[float, str, bool]] = {}
        self._members: dict[str, tuple[float, frozenset[str]]] = {}

    async def actor(self, user_id: str, *, fallback_name: str = "") -> Actor:
        name, is_bot = await self._profile(user_id, fallback_name)
        return Actor(
            platform="slack",
            user_id=user_id,
            display_name=name,
            groups=await self._groups_of(user_id),
            is_bot=is_bot,
        )

    async def _profile(self, user_id: str, fallback: str) -> tuple[str, bool]:
        cached = self._names.get(user_id)
        if cached and self.clock() - cached[0] < NAME_TTL:
            return cached[1], cached[2]
        try:
            user = (await self.client.users_info(user=user_id))["user"]
        except (*API_ERRORS, KeyError) as err:
            log.warning("users.info failed user=%s error=%r", user_id, err)
            return fallback or user_id, False
        profile = user.get("profile") or {}
        # The real name is what editors expect in credits ("Thanks, Diana!").
        name = (
            profile.get("real_name")
            or user.get("real_name")
            or profile.get("display_name")
            or user.get("name")
            or fallback
            or user_id
        )
        is_bot = bool(user.get("is_bot"))
        self._names[user_id] = (self.clock(), name, is_bot)
        return name, is_bot

    async def _groups_of(self, user_id: str) -> frozenset[str]:
        found = set()
        for group in self.usergroups:
            if user_id in await self._members_of(group):
                found.add(group)
        return frozenset(found)

    async def _members_of(self, group: str) -> frozenset[str]:
        cached = self._members.get(group)
        if cached and self.clock() - cached[0] < GROUP_TTL:
            return cached[1]
        try:
            users = frozenset((await self.client.usergroups_users_list(usergroup=group))["users"])
        except (*API_ERRORS, KeyError) as err:
            # Free workspaces have no user groups; cache the miss so we don't ask on every event.
            log.warning("usergroups.users.list failed group=%s error=%r", group, err)
            users = frozenset()
        self._members[group] = (self.clock(), users)
        return users
