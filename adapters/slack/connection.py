"""How Slack reaches us: Socket Mode (no public URL) or signed HTTP requests."""

from __future__ import annotations

import logging

from aiohttp import web
from slack_bolt.adapter.socket_mode.async_handler import AsyncSocketModeHandler
from slack_bolt.app.async_app import AsyncApp

log = logging.getLogger("victories.slack")

EVENTS_PATH = "/slack/events"


class Connection:
    async def start(self) -> None:
        """Connect; return once Slack can reach the app."""

    async def stop(self) -> None:
        """Disconnect and free the sockets."""

    async def connected(self) -> bool:
        return False


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
        self._runner = web.AppRunner(self.app.web_app(path=EVENTS_PATH, port=self.port))
        await self._runner.setup()
        site = web.TCPSite(self._runner, self.host, self.port)
        await site.start()
        # With port 0 the system picks one; report what we got.
        self.port = site._server.sockets[0].getsockname()[1]
        log.info("slack http mode listening on %s:%s%s", self.host, self.port, EVENTS_PATH)

    async def connected(self) -> bool:
        return self._runner is not None

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
        # The client starts tasks on creation, so it is built here, inside the running loop.
        self._handler = AsyncSocketModeHandler(self.app, self.app_token)
        # Ask for the WebSocket URL ourselves: a bad token then fails start() with Slack's
        # error instead of the client retrying for ever in the background.
        opened = await self.app.client.apps_connections_open(app_token=self.app_token)
        self._handler.client.wss_uri = opened["url"]
        await self._handler.connect_async()
        log.info("slack socket mode connected")

    async def connected(self) -> bool:
        return self._handler is not None and await self._handler.client.is_connected()

    async def stop(self) -> None:
        if self._handler is not None:
            await self._handler.close_async()
            self._handler = None
