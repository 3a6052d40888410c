"""GET /healthz: can the bot write its database, and is each platform connected?

200 with ``{"ok": true, ...}`` when all is well, 503 with the same shape naming what is
not, so a service manager, load balancer or uptime monitor can act on it.
"""

from __future__ import annotations

import logging
import sqlite3

from aiohttp import web

from bot.store.database import Store
from bot.surfaces import Surface

log = logging.getLogger("victories")
PATH = "/healthz"


def _write_probe(db) -> None:
    """Take the write lock and write, then roll back: nothing is kept."""
    conn = db.conn
    conn.execute("BEGIN IMMEDIATE")
    try:
        conn.execute("CREATE TABLE _victories_health_probe (x)")
    finally:
        conn.execute("ROLLBACK")


async def health(store: Store, surfaces: list[Surface]) -> tuple[bool, dict]:
    try:
        await store.run(_write_probe)
        database = "writable"
    except sqlite3.Error as err:
        database = f"not writable: {err}"
    platforms = {}
    for surface in surfaces:
        try:
            platforms[surface.name] = "connected" if await surface.connected() else "disconnected"
        except Exception as err:
            platforms[surface.name] = f"unknown: {err!r}"
    ok = database == "writable" and all(state == "connected" for state in platforms.values())
    return ok, {"ok": ok, "database": database, "platforms": platforms}


class HealthServer:
    def __init__(self, store: Store, surfaces: list[Surface], *, host: str, port: int) -> None:
        self.store, self.surfaces = store, surfaces
        self.host, self.port = host, port
        self._runner: web.AppRunner | None = None

    async def _answer(self, request: web.Request) -> web.Response:
        ok, body = await health(self.store, self.surfaces)
        return web.json_response(body, status=200 if ok else 503)

    async def start(self) -> None:
        app = web.Application()
        app.router.add_get(PATH, self._answer)
        self._runner = web.AppRunner(app, access_log=None)
        await self._runner.setup()
        site = web.TCPSite(self._runner, self.host, self.port)
        await site.start()
        self.port = site._server.sockets[0].getsockname()[1]
        log.info("health check on http://%s:%s%s", self.host, self.port, PATH)

    async def stop(self) -> None:
        if self._runner is not None:
            await self._runner.cleanup()
            self._runner = None
