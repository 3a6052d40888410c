"""The Slack surface: how the core reaches Slack (cards, notices, issue parts)."""

from __future__ import annotations

import asyncio
import datetime as dt
import itertools
import logging
from typing import Any

import aiohttp
from slack_sdk.errors import SlackApiError
from slack_sdk.web.async_client import AsyncWebClient

from adapters.slack import buttons, doctor, doctor_workspaces, render
from adapters.slack.client import API_ERRORS
from adapters.slack.connection import Connection
from adapters.slack.live_home import LiveHomes
from adapters.slack.workspaces import Workspaces
from bot.config import Slack
from bot.document import Document
from bot.surfaces import DeliveryError, Finding, Surface

log = logging.getLogger("victories.slack")

PART_EVENT = "victories_issue_part"  # message metadata type that tags an issue part
HISTORY_PAGES = 3  # find_part looks this many pages (of 200) back
SEND_ATTEMPTS = 3
# Errors where trying the same channel again cannot help; the editors must fix something.
PERMANENT = {
    "channel_not_found",
    "not_in_channel",
    "is_archived",
    "restricted_action",
    "invalid_auth",
    "account_inactive",
    "token_revoked",
    "missing_scope",
    "msg_too_long",
    "invalid_blocks",
    "no_permission",
}


class SlackSurface(Surface):
    name = "slack"

    def __init__(
        self,
        *,
        workspaces: Workspaces,
        connection: Connection,
        settings: Slack,
        app_token: str | None = None,
        homes: LiveHomes | None = None,
    ) -> None:
        self.workspaces = workspaces
        self.homes = homes  # open Home tabs kept current after changes
        self.connection = connection
        self.settings = settings
        self.app_token = app_token
        self.review_channel = settings.review_channel
        self.digest_channels = settings.digest_channels
        self._session: aiohttp.ClientSession | None = None

    @property
    def web(self) -> AsyncWebClient:
        """The single workspace's client (distributed: the token-less one)."""
        return self.workspaces.client()

    @property
    def poster(self) -> AsyncWebClient:
        """The single workspace's client for issue parts: no blind retries (see send_part)."""
        return self.workspaces.client(retry_unsafe=False)

    async def start(self) -> None:
        # One connection pool for every Web API call: slack_sdk otherwise opens (and closes)
        # a new HTTP session per call, which costs more than the call itself under load.
        self._session = aiohttp.ClientSession()
        self.workspaces.share(self._session)
        await self.connection.start()

    async def stop(self) -> None:
        try:
            await self.connection.stop()
        finally:
            if self._session is not None:
                self.workspaces.share(None)
                await self._session.close()
                self._session = None

    async def connected(self) -> bool:
        return await self.connection.connected()

    async def diagnose(self) -> list[Finding]:
        if self.workspaces.distributed:  # each workspace's own token; settings: in chat
            return await doctor_workspaces.diagnose(self.workspaces)
        return await doctor.diagnose(
            self.workspaces.client(), settings=self.settings, app_token=self.app_token
        )

    # -- review -------------------------------------------------------------------------
    async def post_card(
        self, *, channel: str, victory_id: int, card: Document, community: int | None = None
    ) -> tuple[str, str] | None:
        web = await self.workspaces.client_for(community)
        answer = await web.chat_postMessage(
            channel=channel,
            unfurl_links=False,
            unfurl_media=False,
            **buttons.card_message(card),
        )
        return answer["channel"], answer["ts"]

    async def update_card(
        self, *, channel: str, message_id: str, card: Document, community: int | None = None
    ) -> None:
        web = await self.workspaces.client_for(community)
        await web.chat_update(channel=channel, ts=message_id, **buttons.card_message(card))

    async def tell_moderators(
        self, *, channel: str, message: Document, community: int | None = None
    ) -> None:
        web = await self.workspaces.client_for(community)
        for part in render.message_parts(message):
            await web.chat_postMessage(
                channel=channel, unfurl_links=False, unfurl_media=False, **part
            )

    def item_changed(self, *, community: int, platform: str, user_id: str) -> None:
        if self.homes is not None:
            self.homes.changed(community, user_id if platform == self.name else None)

    def issue_changed(self, *, community: int) -> None:
        if self.homes is not None:
            self.homes.changed(community, None)

    # -- members ------------------------------------------------------------------------
    async def notify(
        self, *, user_id: str, message: Document, community: int | None = None
    ) -> bool:
        try:
            web = await self.workspaces.client_for(community)
            opened = await web.conversations_open(users=user_id)
            for part in render.message_parts(message):
                await web.chat_postMessage(channel=opened["channel"]["id"], **part)
        except (*API_ERRORS, DeliveryError) as err:
            log.info("DM failed user=%s error=%r", user_id, err)
            return False
        return True

    # -- issues -------------------------------------------------------------------------
    def render_issue(self, issue: Document) -> list[Any]:
        return render.message_parts(issue)

    async def send_part(
        self, *, channel: str, part: Any, key: str, community: int | None = None
    ) -> str:
        """Post one part tagged with ``key`` in its metadata; never post it twice.

        A 5xx or a dropped connection may hide a post Slack did accept, so before each
        new attempt we look for the key in the channel first.
        """
        metadata = {"event_type": PART_EVENT, "event_payload": {"key": key}}
        poster = await self.workspaces.client_for(community, retry_unsafe=False)
        for attempt in range(1, SEND_ATTEMPTS + 1):
            try:
                answer = await poster.chat_postMessage(
                    channel=channel,
                    metadata=metadata,
                    unfurl_links=False,
                    unfurl_media=False,
                    **part,
                )
                return answer["ts"]
            except SlackApiError as err:
                code = err.response.get("error", "")
                if code in PERMANENT or err.response.status_code < 500:
                    raise DeliveryError(
                        f"Slack refused the post: {code}", permanent=code in PERMANENT
                    ) from err
                failure: Exception = err
            except API_ERRORS as err:
                failure = err
            log.warning(
                "issue part uncertain channel=%s key=%s attempt=%s error=%r",
                channel,
                key,
                attempt,
                failure,
            )
            await asyncio.sleep(0.5 * attempt)
            found = await self.find_part(channel=channel, key=key, community=community)
            if found:
                return found
        raise DeliveryError(f"Slack did not confirm the post: {failure!r}")

    async def find_part(
        self,
        *,
        channel: str,
        key: str,
        since: dt.datetime | None = None,
        community: int | None = None,
    ) -> str | None:
        # Back to ``since`` however busy the channel was; without it, a few recent pages.
        cursor = None
        oldest = f"{since.timestamp():.6f}" if since else None
        pages = itertools.count() if since else range(HISTORY_PAGES)
        web = await self.workspaces.client_for(community)
        for _ in pages:
            page = await web.conversations_history(
                channel=channel, limit=200, cursor=cursor, include_all_metadata=True, oldest=oldest
            )
            messages: list[dict[str, Any]] = page.get("messages", [])
            for message in messages:
                metadata = message.get("metadata") or {}
                if (
                    metadata.get("event_type") == PART_EVENT
                    and (metadata.get("event_payload") or {}).get("key") == key
                ):
                    return message["ts"]
            cursor = (page.get("response_metadata") or {}).get("next_cursor")
            if not page.get("has_more") or not cursor:
                return None
        return None
