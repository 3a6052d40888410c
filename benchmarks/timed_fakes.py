"""The fakes, noting when each answer to a member arrives (a receipt, an interaction reply).

The time is taken in the fake's request handler, so it does not include how long the
harness takes to notice.
"""

from __future__ import annotations

import asyncio
import re
import time

from aiohttp import web

from tests.fakes.discord_api import FakeDiscord
from tests.fakes.slack_api import FakeSlack

CALLBACK = re.compile(r"^/interactions/\d+/(?P<token>[\w.-]+)/callback$")


class Arrivals:
    """When each keyed answer arrived; wait for one whether or not it is already here."""

    def __init__(self) -> None:
        self._futures: dict[str, asyncio.Future] = {}

    def _future(self, key: str) -> asyncio.Future:
        if key not in self._futures:
            self._futures[key] = asyncio.get_running_loop().create_future()
        return self._futures[key]

    def mark(self, key: str, at: float, body: object = None) -> None:
        future = self._future(key)
        if not future.done():
            future.set_result((at, body))

    async def wait(self, key: str, timeout: float) -> tuple[float, object]:
        try:
            return await asyncio.wait_for(asyncio.shield(self._future(key)), timeout)
        finally:
            if self._futures[key].done():
                del self._futures[key]


class TimedSlack(FakeSlack):
    """Notes when each response_url (one per request, by name) receives its receipt."""

    def __init__(self, **options) -> None:
        super().__init__(**options)
        self.arrivals = Arrivals()

    async def _response(self, request: web.Request) -> web.Response:
        arrived = time.perf_counter()
        answer = await super()._response(request)
        self.arrivals.mark(request.match_info["name"], arrived, self.responses[-1])
        self.responses.clear()  # thousands of receipts: keep memory flat
        return answer


class TimedDiscord(FakeDiscord):
    """Notes when each interaction (by token) receives its callback."""

    def __post_init__(self) -> None:
        super().__post_init__()
        self.arrivals = Arrivals()

    async def _rest(self, request: web.Request) -> web.StreamResponse:
        arrived = time.perf_counter()
        answer = await super()._rest(request)
        if match := CALLBACK.match("/" + request.match_info["path"]):
            self.arrivals.mark(match["token"], arrived, answer.status)
        return answer
