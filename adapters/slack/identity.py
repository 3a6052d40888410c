"""Who a Slack user is, as an ``Actor``: their name and which user groups they belong to.

This module only *reports* identity. Whether that makes someone a moderator is decided in
``bot.review.moderation.is_moderator`` and nowhere else.
"""

from __future__ import annotations

import logging
import time
from dataclasses import dataclass

from slack_sdk.web.async_client import AsyncWebClient

from adapters.slack.client import API_ERRORS
from bot.model import Actor

log = logging.getLogger("victories.slack.identity")

NAME_TTL = 600.0  # names rarely change; ten minutes saves a users.info call per action
GROUP_TTL = 60.0  # membership changes should count within a minute


@dataclass(frozen=True)
class _Profile:
    at: float
    name: str
    is_bot: bool = False
    is_admin: bool = False  # a workspace admin or owner
    locale: str = ""  # the user's Slack language, e.g. "es-ES" (include_locale)


class Directory:
    """Caches user names and user-group members fetched from the Web API, per workspace.

    ``usergroups`` are the groups worth asking about (the community's moderator groups):
    Slack can list a group's members but not a user's groups.
    """

    def __init__(self, clock=time.monotonic) -> None:
        self.clock = clock
        self._profiles: dict[tuple[str, str], _Profile] = {}
        self._members: dict[tuple[str, str], tuple[float, frozenset[str]]] = {}

    async def actor(
        self,
        client: AsyncWebClient,
        user_id: str,
        *,
        place: str = "",
        usergroups: tuple[str, ...] = (),
        fallback_name: str = "",
        look_up: bool = True,
    ) -> Actor:
        """Who ``user_id`` of workspace ``place`` is, asked with that workspace's client.
        With ``look_up=False`` a member not in the cache is not asked about: their name is
        ``fallback_name`` (and they are no admin) until someone looks them up."""
        if look_up or self.knows(place, user_id):
            profile = await self._profile(client, place, user_id, fallback_name)
        else:
            profile = _Profile(0.0, fallback_name or user_id)
        groups = set()
        for group in usergroups:
            if user_id in await self._members_of(client, place, group):
                groups.add(group)
        return Actor(
            platform="slack",
            user_id=user_id,
            display_name=profile.name,
            groups=frozenset(groups),
            is_admin=profile.is_admin,
            is_bot=profile.is_bot,
            place=place,
            locale=profile.locale,
        )

    def knows(self, place: str, user_id: str) -> bool:
        cached = self._profiles.get((place, user_id))
        return bool(cached and self.clock() - cached.at < NAME_TTL)

    async def _profile(
        self, client: AsyncWebClient, place: str, user_id: str, fallback: str
    ) -> _Profile:
        cached = self._profiles.get((place, user_id))
        if cached and self.clock() - cached.at < NAME_TTL:
            return cached
        try:
            # include_locale: the member's replies are said in their Slack language.
            user = (await client.users_info(user=user_id, include_locale=True))["user"]
        except (*API_ERRORS, KeyError) as err:
            log.warning("users.info failed user=%s error=%r", user_id, err)
            return _Profile(0.0, fallback or user_id)
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
        profile = _Profile(
            self.clock(),
            name,
            is_bot=bool(user.get("is_bot")),
            is_admin=bool(user.get("is_admin") or user.get("is_owner")),
            locale=str(user.get("locale") or "")[:35],
        )
        self._profiles[(place, user_id)] = profile
        return profile

    async def _members_of(self, client: AsyncWebClient, place: str, group: str) -> frozenset[str]:
        cached = self._members.get((place, group))
        if cached and self.clock() - cached[0] < GROUP_TTL:
            return cached[1]
        try:
            users = frozenset((await client.usergroups_users_list(usergroup=group))["users"])
        except (*API_ERRORS, KeyError) as err:
            # Free workspaces have no user groups; cache the miss so we don't ask on every event.
            log.warning("usergroups.users.list failed group=%s error=%r", group, err)
            users = frozenset()
        self._members[(place, group)] = (self.clock(), users)
        return users
