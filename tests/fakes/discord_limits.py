"""The fake Discord with Discord's rate limits enforced (docs: Topics → Rate Limits).

``RateLimitedDiscord`` behaves like ``FakeDiscord`` plus:
- per-route buckets: a route and its major parameter (e.g. one channel's messages) allow
  ``limit`` requests per ``per`` seconds, in a window that starts with the first request;
  every answer says so in X-RateLimit-Limit, -Remaining, -Reset, -Reset-After and -Bucket,
  and a request beyond it gets 429 with ``retry_after`` and X-RateLimit-Scope: user;
- a global limit of ``global_rate`` requests a second across all routes (interaction
  callbacks are exempt, as on Discord); beyond it, 429 with ``"global": true``,
  X-RateLimit-Global and X-RateLimit-Scope: global.
Every 429 it answers is counted in ``limited`` by scope. Separate from ``FakeDiscord`` so
tests that do not ask for limits see no change. ``clock`` (default ``time.monotonic``)
is what the windows are measured by, and ``verdict`` is the whole decision, so a
benchmark that scales time can ask it directly (P5).
"""

from __future__ import annotations

import re
import time
from collections.abc import Callable
from dataclasses import dataclass, field

from aiohttp import web

from tests.fakes.discord_api import Call, FakeDiscord

INTERACTION = re.compile(r"^/interactions/")


@dataclass(frozen=True)
class RouteLimit:
    method: str
    pattern: re.Pattern  # its first group is the major parameter
    limit: int
    per: float
    bucket: str  # the X-RateLimit-Bucket hash, the same for every channel


# Discord does not publish its numbers; 5 messages per 5 s per channel is what bots see.
ROUTE_LIMITS = (
    RouteLimit("POST", re.compile(r"^/channels/(\d+)/messages$"), 5, 5.0, "a06de2ad3f1c"),
)


@dataclass(frozen=True)
class Verdict:
    scope: str | None  # None: allowed; "global" or "user": refused by that limit
    retry_after: float  # refused: seconds until allowed; allowed: until the bucket resets
    route: RouteLimit | None = None
    remaining: int = 0


@dataclass
class Window:
    started: float
    used: int = 0


@dataclass
class RateLimitedDiscord(FakeDiscord):
    global_rate: int = 50
    route_limits: tuple[RouteLimit, ...] = ROUTE_LIMITS
    limited: dict[str, int] = field(default_factory=lambda: {"global": 0, "user": 0})
    clock: Callable[[], float] = time.monotonic

    def __post_init__(self) -> None:
        super().__post_init__()
        self._global = Window(-1e9)
        self._windows: dict[tuple[str, str], Window] = {}

    def verdict(self, method: str, path: str) -> Verdict:
        """Count one request against the limits: allowed or refused, and by which."""
        now = self.clock()
        if not INTERACTION.match(path):
            if now - self._global.started >= 1.0:
                self._global = Window(now)
            if self._global.used >= self.global_rate:
                self.limited["global"] += 1
                return Verdict("global", self._global.started + 1.0 - now)
            self._global.used += 1
        route = next(
            (r for r in self.route_limits if r.method == method and r.pattern.match(path)),
            None,
        )
        if route is None:
            return Verdict(None, 0.0)
        key = (route.bucket, route.pattern.match(path).group(1))  # type: ignore[union-attr]
        window = self._windows.get(key)
        if window is None or now - window.started >= route.per:
            window = self._windows[key] = Window(now)
        reset_after = window.started + route.per - now
        if window.used >= route.limit:
            self.limited["user"] += 1
            return Verdict("user", reset_after, route)
        window.used += 1
        return Verdict(None, reset_after, route, route.limit - window.used)

    async def _rest(self, request: web.Request) -> web.StreamResponse:
        path = "/" + request.match_info["path"]
        verdict = self.verdict(request.method, path)
        if verdict.scope is not None:
            return self._refuse(
                request, path, verdict.scope, verdict.retry_after, route=verdict.route
            )
        answer = await super()._rest(request)
        if verdict.route is not None:
            answer.headers.update(
                self._bucket_headers(verdict.route, verdict.remaining, verdict.retry_after)
            )
        return answer

    def _bucket_headers(self, route: RouteLimit, remaining: int, reset_after: float) -> dict:
        return {
            "X-RateLimit-Limit": str(route.limit),
            "X-RateLimit-Remaining": str(remaining),
            "X-RateLimit-Reset": f"{time.time() + reset_after:.3f}",
            "X-RateLimit-Reset-After": f"{reset_after:.3f}",
            "X-RateLimit-Bucket": route.bucket,
        }

    def _refuse(
        self,
        request: web.Request,
        path: str,
        scope: str,
        retry_after: float,
        *,
        route: RouteLimit | None = None,
    ) -> web.Response:
        self.calls.append(Call(request.method, path, dict(request.query), None, status=429))
        headers = {
            "X-RateLimit-Scope": scope,
            "Retry-After": str(max(1, round(retry_after + 0.5))),  # whole seconds, rounded up
        }
        if route is not None:
            headers |= self._bucket_headers(route, 0, retry_after)
        else:
            headers["X-RateLimit-Global"] = "true"
        body = {
            "message": "You are being rate limited.",
            "retry_after": round(retry_after, 3),
            "global": scope == "global",
            "code": 0,
        }
        return self.reply(body, 429, headers)
