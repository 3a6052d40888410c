"""Refuse a signed request that was already served (HTTP mode).

Bolt checks each signature and its five-minute window, but within that window the same
signed request sent again would pass: someone who captured one could replay a member's
/victory or a moderator's reaction. Slack never resends a request with the same signature
(its retries are signed anew), so a signature seen before is refused. Signatures live in
the database, so a restart inside the window does not forget them.
"""

from __future__ import annotations

import time
from collections.abc import Callable

from slack_bolt.app.async_app import AsyncApp
from slack_bolt.request.async_request import AsyncBoltRequest
from slack_bolt.response import BoltResponse

from bot.store import seen

WINDOW = seen.WINDOW


class ReplayGuard:
    def __init__(self, db_path: str, clock: Callable[[], float] = time.time) -> None:
        self.seen = seen.SeenRequests(db_path)
        self.clock = clock

    async def fresh(self, signature: str, *, stamp: float) -> bool:
        return await self.seen.first_time(signature, stamp=stamp, now=self.clock())

    def close(self) -> None:
        self.seen.close()


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
