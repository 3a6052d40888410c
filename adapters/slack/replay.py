"""Refuse a signed request that was already served (HTTP mode).

Bolt checks each signature and its five-minute window, but within that window the same
signed request sent again would pass: someone who captured one could replay a member's
/victory or a moderator's reaction. Slack never resends a request with the same signature
(its retries are signed anew), so a signature seen before is refused.
"""

from __future__ import annotations

import time

from slack_bolt.app.async_app import AsyncApp
from slack_bolt.request.async_request import AsyncBoltRequest
from slack_bolt.response import BoltResponse

WINDOW = 5 * 60  # seconds: older requests are already refused by Bolt's timestamp check


class ReplayGuard:
    def __init__(self, clock=time.time) -> None:
        self.clock = clock
        self._seen: dict[str, float] = {}  # signature -> when first served, oldest first

    def fresh(self, signature: str) -> bool:
        now = self.clock()
        # Insertion order is time order, so expired signatures are all at the front.
        while self._seen and now - next(iter(self._seen.values())) > 2 * WINDOW:
            del self._seen[next(iter(self._seen))]
        if signature in self._seen:
            return False
        self._seen[signature] = now
        return True


def register(app: AsyncApp, guard: ReplayGuard | None = None) -> None:
    guard = guard or ReplayGuard()

    async def refuse_replays(request: AsyncBoltRequest, next) -> BoltResponse | None:
        signature = (request.headers.get("x-slack-signature") or [""])[0]
        if signature and not guard.fresh(signature):
            return BoltResponse(status=401, body="replayed request")
        return await next()

    app.middleware(refuse_replays)
