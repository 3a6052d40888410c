"""Which workspace a request comes from, and which token acts in a community's workspace.

One deployment runs in one of two ways:
- single workspace: ``SLACK_BOT_TOKEN``, one client for everything (as before);
- distributed (``SLACK_CLIENT_ID``): every workspace that installed the app through OAuth
  has its own bot token, kept encrypted by ``core.installations``. A request is served
  with its workspace's token (Bolt looks it up by ``team_id``); a card, notice or issue
  part for a community is posted with the token of that community's workspace.
"""

from __future__ import annotations

import aiohttp
from slack_sdk.web.async_client import AsyncWebClient

from adapters.slack.client import web_client
from bot.core import Core
from bot.model import Community
from bot.surfaces import DeliveryError

PLATFORM = "slack"


class Workspaces:
    def __init__(self, core: Core, *, api_url: str | None, token: str | None) -> None:
        self.core = core
        self.api_url = api_url
        self.token = token  # None: distributed, each workspace's own token
        self._clients: dict[tuple[str | None, bool], AsyncWebClient] = {}
        self._tokens: dict[str, str] = {}  # team id -> bot token, read once per process
        self._session: aiohttp.ClientSession | None = None

    @property
    def distributed(self) -> bool:
        return self.token is None

    def client(self, token: str | None = None, *, retry_unsafe: bool = True) -> AsyncWebClient:
        """A client for ``token`` (default: the single workspace's; distributed: none, for
        calls that name their token, like oauth.v2.access)."""
        token = token or self.token
        key = (token, retry_unsafe)
        if key not in self._clients:
            made = web_client(token=token, api_url=self.api_url, retry_unsafe=retry_unsafe)
            made.session = self._session
            self._clients[key] = made
        return self._clients[key]

    def share(self, session: aiohttp.ClientSession | None) -> None:
        """Use one connection pool for every client (None: let go of it)."""
        self._session = session
        for made in self._clients.values():
            made.session = session

    async def client_for(
        self, community: int | None, *, retry_unsafe: bool = True
    ) -> AsyncWebClient:
        """The client acting in ``community``'s workspace. Raises ``DeliveryError`` when
        the community has no workspace with the app installed (uninstalled: permanent)."""
        if not self.distributed:
            return self.client(retry_unsafe=retry_unsafe)
        found = await self.core.communities.get(community) if community is not None else None
        if found is None:
            raise DeliveryError("no Slack workspace to post in", permanent=True)
        team = await self.core.communities.place_of(found, PLATFORM)
        token = await self.token_of(team) if team else None
        if token is None:
            raise DeliveryError(f"the app is not installed in {found.slug}", permanent=True)
        return self.client(token, retry_unsafe=retry_unsafe)

    async def token_of(self, team: str) -> str | None:
        if team not in self._tokens:
            installed = await self.core.installations.find(platform=PLATFORM, place=team)
            if installed is None:
                return None
            self._tokens[team] = installed.token
        return self._tokens[team]

    def forget(self, team: str) -> None:
        """The workspace's token changed or was revoked: read it again next time."""
        self._tokens.pop(team, None)

    async def community_for(self, team: str | None, *, name: str = "") -> Community:
        """The community a request acts in: its workspace's (single workspace: the one)."""
        if not team:
            return self.core.community
        return await self.core.communities.for_place(PLATFORM, team, name=name)
