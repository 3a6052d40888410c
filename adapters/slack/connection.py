"""How Slack reaches us: Socket Mode (no public URL) or signed HTTP requests.

Each mode imports its own machinery only when it is chosen, so start-up loads only the one in use
(Bolt's Socket Mode handler and aiohttp's web server each cost tens of milliseconds).
"""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING

from slack_bolt.app.async_app import AsyncApp

if TYPE_CHECKING:
    from aiohttp import web
    from slack_bolt.adapter.socket_mode.async_handler import AsyncSocketModeHandler

    from adapters.web import WebServer

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
    """Signed HTTP requests for the Events API, slash commands and interactivity, on the
    bot's web server at ``/slack/events``.

    Bolt verifies each request's signature and refuses stale or unsigned ones (401). The
    server is the process's shared one (started by the composition root) or, when Slack is
    used on its own, one this connection starts and stops itself.
    """

    def __init__(self, app: AsyncApp, *, server: WebServer, owned: bool, closing=lambda: None):
        from slack_bolt.adapter.aiohttp import to_aiohttp_response, to_bolt_request

        self._to_bolt, self._to_aiohttp = to_bolt_request, to_aiohttp_response
        self.app = app
        self.server = server
        self._owned = owned  # started and stopped with this connection
        self._ready = False
        self._closing = closing  # what else to close when the connection stops
        server.add_post(EVENTS_PATH, self._handle)
        flow = app.oauth_flow
        if flow is not None:  # distributed: the install page and Slack's redirect back
            server.add_get(flow.install_path, self._install)
            server.add_get(flow.redirect_uri_path, self._redirect)

    @property
    def host(self) -> str:
        return self.server.host

    @property
    def port(self) -> int:
        return self.server.port

    async def _handle(self, request: web.Request) -> web.Response:
        answer = await self.app.async_dispatch(await self._to_bolt(request))
        return await self._to_aiohttp(answer)

    async def _install(self, request: web.Request) -> web.Response:
        assert self.app.oauth_flow is not None, "routed only when the app has an OAuth flow"
        answer = await self.app.oauth_flow.handle_installation(await self._to_bolt(request))
        return await self._to_aiohttp(answer)

    async def _redirect(self, request: web.Request) -> web.Response:
        assert self.app.oauth_flow is not None, "routed only when the app has an OAuth flow"
        answer = await self.app.oauth_flow.handle_callback(await self._to_bolt(request))
        return await self._to_aiohttp(answer)

    async def start(self) -> None:
        if self._owned:
            await self.server.start()
        self._ready = True
        log.info("slack http mode listening on %s:%s%s", self.host, self.port, EVENTS_PATH)

    async def connected(self) -> bool:
        return self._ready and self.server.running

    async def stop(self) -> None:
        self._ready = False
        if self._owned:
            await self.server.stop()
        self._closing()


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

    async def connected(self) -> bool:
        return self._handler is not None and await self._handler.client.is_connected()

    async def stop(self) -> None:
        if self._handler is not None:
            await self._handler.close_async()
            self._handler = None
