"""Refuse a signed request that was already served (HTTP mode).

Bolt checks each signature and its five-minute window, but within that window the same
signed request sent again would pass: someone who captured one could replay a member's
/victory or a moderator's reaction. Slack never resends a request with the same signature
(its retries are signed anew), so a signature seen before is refused. Signatures live in
the database, so a restart inside the window does not forget them.
"""

from __future__ import annotations

import time

from slack_bolt.app.async_app import AsyncApp
from slack_bolt.request.async_request import AsyncBoltRequest
from slack_bolt.response import BoltResponse

from bot.store import seen
from bot.store.database import Store

WINDOW = seen.WINDOW


class ReplayGuard:
    """Its own connection and thread: the check runs before the ack, so it must not wait
    behind the bot's database work (Slack gives up after 3 s)."""

    def __init__(self, db_path: str, clock=time.time) -> None:
        self.db_path = db_path
        self.store: Store | None = None  # opened on the first request (not by `doctor`)
        self.clock = clock

    async def fresh(self, signature: str, *, stamp: float) -> bool:
        if self.store is None:
            self.store = Store(self.db_path)
        return await self.store.run(
            seen.first_time, signature=signature, stamp=stamp, now=self.clock()
        )

    def close(self) -> None:
        if self.store is not None:
            self.store.close()
            self.store = None


def _header(request: AsyncBoltRequest, name: str) -> str:
    return (request.headers.get(name) or [""])[0]


def register(app: AsyncApp, guard: ReplayGuard) -> None:
    async def refuse_replays(request: AsyncBoltRequest, next) -> BoltResponse | None:
        # Runs after Bolt's own verification: signature and timestamp are genuine here.
        signature = _header(request, "x-slack-signature")
        if signature:
            try:
                stamp = float(_header(request, "x-slack-request-timestamp"))
            except ValueError:
                return BoltResponse(status=401, body="bad timestamp")
            if not await guard.fresh(signature, stamp=stamp):
                return BoltResponse(status=401, body="replayed request")
        return await next()

    app.middleware(refuse_replays)
