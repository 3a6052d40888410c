"""The bot's one web server: Slack's signed requests in HTTP mode (``/slack/events``) and
``GET /healthz`` share it, on WEB_HOST:WEB_PORT (later the OAuth install and email
sign-up pages join them).

Routes are added before ``start()``; aiohttp freezes them once the server runs.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Awaitable, Callable

from aiohttp import web
from aiohttp.abc import AbstractAccessLogger
from aiohttp.web_log import AccessLogger

log = logging.getLogger("victories.web")
Handler = Callable[[web.Request], Awaitable[web.StreamResponse]]
# Answered well, these are not worth a log line: monitors poll /healthz every few seconds,
# and Slack's requests are logged by what they do (a submission, a decision). A refused or
# failed one (401, 404, 500) is still logged.
QUIET_WHEN_OK = {"/healthz", "/slack/events"}


class _AccessLog(AccessLogger):
    def log(self, request: web.BaseRequest, response: web.StreamResponse, time: float) -> None:
        if response.status >= 400 or request.path not in QUIET_WHEN_OK:
            super().log(request, response, time)


class WebServer:
    name = "web"

    def __init__(self, *, host: str, port: int) -> None:
        self.host, self.port = host, port
        self.app = web.Application()
        self._runner: web.AppRunner | None = None

    def add_get(self, path: str, handler: Handler) -> None:
        self.app.router.add_get(path, handler)

    def add_post(self, path: str, handler: Handler) -> None:
        self.app.router.add_post(path, handler)

    @property
    def running(self) -> bool:
        return self._runner is not None

    async def start(self) -> None:
        """Listen; with port 0 the system picks one, and ``port`` says which. Raises
        ``OSError`` (e.g. the port is in use) without leaving anything open."""
        if self._runner is not None:
            return
        access: type[AbstractAccessLogger] = _AccessLog
        runner = web.AppRunner(self.app, access_log_class=access)
        await runner.setup()
        site = web.TCPSite(runner, self.host, self.port)
        try:
            await site.start()
        except BaseException:
            await runner.cleanup()
            raise
        server = site._server
        assert isinstance(server, asyncio.base_events.Server), "a started TCP site has a server"
        self.port = server.sockets[0].getsockname()[1]
        self._runner = runner
        routes = sorted(
            {route.resource.canonical for route in self.app.router.routes() if route.resource}
        )
        log.info("web server on http://%s:%s (%s)", self.host, self.port, ", ".join(routes))

    async def stop(self) -> None:
        if self._runner is not None:
            runner, self._runner = self._runner, None
            await runner.cleanup()
