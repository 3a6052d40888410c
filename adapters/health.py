"""GET /healthz on the web server: can the bot write its database, and is each platform
connected?

200 with ``{"ok": true, ...}`` when all is well, 503 with the same shape naming what is
not, so a service manager, load balancer or uptime monitor can act on it.
"""

from __future__ import annotations

from collections.abc import Sequence

from aiohttp import web

from adapters.web import WebServer
from bot.store.database import Store
from bot.store.health import write_problem
from bot.surfaces import Surface

PATH = "/healthz"


async def health(store: Store, surfaces: Sequence[Surface]) -> tuple[bool, dict]:
    problem = await write_problem(store)
    database = "writable" if problem is None else f"not writable: {problem}"
    platforms = {}
    for surface in surfaces:
        try:
            platforms[surface.name] = "connected" if await surface.connected() else "disconnected"
        except Exception as err:
            platforms[surface.name] = f"unknown: {err!r}"
    ok = problem is None and all(state == "connected" for state in platforms.values())
    return ok, {"ok": ok, "database": database, "platforms": platforms}


def serve_health(server: WebServer, store: Store, surfaces: Sequence[Surface]) -> None:
    """Answer GET /healthz on ``server`` (``surfaces`` is read at each request)."""

    async def answer(request: web.Request) -> web.Response:
        ok, body = await health(store, surfaces)
        return web.json_response(body, status=200 if ok else 503)

    server.add_get(PATH, answer)
