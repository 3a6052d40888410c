"""How Slack reaches us: Socket Mode (no public URL) or signed HTTP requests.

Each mode imports its own machinery when it starts, so start-up loads only the one in use
(Bolt's Socket Mode handler and aiohttp's web server each cost tens of milliseconds).
"""

from __future__ import annotations

import asyncio
import logging
from typing import TYPE_CHECKING

from slack_bolt.app.async_app import AsyncApp

if TYPE_CHECKING:
    from aiohttp import web
    from slack_bolt.adapter.socket_mode.async_handler import AsyncSocketModeHandler

log = logging.getLogger("victories.slack")

EVENTS_PATH = "/slack/events"


class Connection:
    async def start(self) -> None:
        """Connect; return once Slack can reach the app."""

    async def stop(self) -> None:
        """Disconnect and free the sockets."""


class HttpConnection(Connection):
    """An aiohttp server for the Events API, slash commands and interactivity.

    Bolt verifies each request's signature and refuses stale or unsigned ones (401).
    """

    def __init__(self, app: AsyncApp, *, port: int, host: str = "0.0.0.0") -> None:
        self.app = app
        self.host = host
        self.port = port
        self._runner: web.AppRunner | None = None

    async def start(self) -> None:
        from aiohttp import web

        self._runner = web.AppRunner(self.app.web_app(path=EVENTS_PATH, port=self.port))
        await self._runner.setup()
        site = web.TCPSite(self._runner, self.host, self.port)
        await site.start()
        # With port 0 the system picks one; report what we got.
        server = site._server
        assert isinstance(server, asyncio.base_events.Server), "a started TCP site has a server"
        self.port = server.sockets[0].getsockname()[1]
        log.info("slack http mode listening on %s:%s%s", self.host, self.port, EVENTS_PATH)

    async def stop(self) -> None:
        if self._runner is not None:
            await self._runner.cleanup()
            self._runner = None


class SocketConnection(Connection):
    """Socket Mode with an app-level token (``xapp-…``)."""

    def __init__(self, app: AsyncApp, *, app_token: str) -> None:
        self.app = app
        self.app_token = app_token
        self._handler: AsyncSocketModeHandler | None = None

    async def start(self) -> None:
        from slack_bolt.adapter.socket_mode.async_handler import AsyncSocketModeHandler

        # The client starts tasks on creation, so it is built here, inside the running loop.
        self._handler = AsyncSocketModeHandler(self.app, self.app_token)
        # Ask for the WebSocket URL ourselves: a bad token then fails start() with Slack's
        # error instead of the client retrying for ever in the background.
        opened = await self.app.client.apps_connections_open(app_token=self.app_token)
        self._handler.client.wss_uri = opened["url"]
        await self._handler.connect_async()
        log.info("slack socket mode connected")

    async def stop(self) -> None:
        if self._handler is not None:
            await self._handler.close_async()
            self._handler = None
