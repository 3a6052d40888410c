"""The fake Slack with the Web API's rate limits as Slack describes them.

- chat.postMessage, per channel: about one message a second, short bursts tolerated.
  ``BurstySlack(per_channel_rate=1.0, burst=3)``: each channel has a token bucket holding
  ``burst`` messages that refills at ``per_channel_rate`` a second. Slack does not publish
  the burst size; 3 is an assumption, named here so a benchmark can report it.
- chat.postMessage, per workspace: Slack says "several hundred messages a minute" across
  all channels; ``workspace_posts`` (default 300) a minute, an assumption.
- Every other method, per workspace, by its Tier: Tier 2 allows 20 calls a minute, Tier 3
  50, Tier 4 100 (``TIERS``).
Per-minute limits are fixed windows that open with the first call; a call past the limit
is answered 429 with Retry-After set to the seconds left in the window.
``clock`` (default ``time.monotonic``) is what the limits are measured by: a benchmark
that scales time passes a faster clock and asks ``_rate_limited`` directly (P5).
"""

from __future__ import annotations

import math
import time
from collections.abc import Callable

from tests.fakes.slack_api import FakeSlack

TIER_2, TIER_3, TIER_4 = 20, 50, 100  # calls a minute
TIERS = {
    "usergroups.users.list": TIER_2,
    "chat.update": TIER_3,
    "conversations.history": TIER_3,
    "conversations.info": TIER_3,
    "users.info": TIER_4,
    "views.open": TIER_4,
    "views.publish": TIER_4,
    "chat.postEphemeral": TIER_4,
    "auth.test": TIER_4,
}
WINDOW = 60.0


class BurstySlack(FakeSlack):
    def __init__(
        self,
        *,
        per_channel_rate: float = 1.0,
        burst: int = 3,
        workspace_posts: int = 300,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        super().__init__(per_channel_rate=per_channel_rate)
        self.clock = clock
        self.burst = burst
        self.workspace_posts = workspace_posts
        self.limited = 0  # 429s answered
        self.limited_by: dict[str, int] = {}  # "channel", "workspace", or a method name
        self._tokens: dict[str, tuple[float, float]] = {}  # channel -> (tokens, when)
        self._windows: dict[str, tuple[float, int]] = {}  # limit -> (opened, calls)

    def _rate_limited(self, method: str, args: dict) -> int | None:
        if method == "chat.postMessage":
            if self._too_fast(args.get("channel", "")):
                return self._count("channel", 1)
            wait = self._window("workspace", self.workspace_posts)
        elif method in TIERS:
            wait = self._window(method, TIERS[method])
        else:
            return None
        return (
            None
            if wait is None
            else self._count("workspace" if method == "chat.postMessage" else method, wait)
        )

    def _count(self, limit: str, wait: int) -> int:
        self.limited += 1
        self.limited_by[limit] = self.limited_by.get(limit, 0) + 1
        return wait

    def _window(self, limit: str, per_minute: int) -> int | None:
        now = self.clock()
        opened, calls = self._windows.get(limit, (now, 0))
        if now - opened >= WINDOW:
            opened, calls = now, 0
        if calls >= per_minute:
            self._windows[limit] = (opened, calls)
            return max(1, math.ceil(WINDOW - (now - opened)))
        self._windows[limit] = (opened, calls + 1)
        return None

    def _too_fast(self, channel: str) -> bool:
        now = self.clock()
        tokens, then = self._tokens.get(channel, (float(self.burst), now))
        tokens = min(float(self.burst), tokens + (now - then) * self.per_channel_rate)
        if tokens < 1.0:
            self._tokens[channel] = (tokens, now)
            return True
        self._tokens[channel] = (tokens - 1.0, now)
        return False
