"""The fake Slack with chat.postMessage's per-channel limit as Slack describes it: about one
message a second per channel, short bursts tolerated, 429 with Retry-After beyond.

``BurstySlack(per_channel_rate=1.0, burst=3)``: each channel has a token bucket holding
``burst`` messages that refills at ``per_channel_rate`` a second. Slack does not publish
the burst size; 3 is an assumption, named here so a benchmark can report it.
"""

from __future__ import annotations

import time

from tests.fakes.slack_api import FakeSlack


class BurstySlack(FakeSlack):
    def __init__(self, *, per_channel_rate: float = 1.0, burst: int = 3) -> None:
        super().__init__(per_channel_rate=per_channel_rate)
        self.burst = burst
        self.limited = 0  # 429s answered
        self._tokens: dict[str, tuple[float, float]] = {}  # channel -> (tokens, when)

    def _too_fast(self, channel: str) -> bool:
        now = time.monotonic()
        tokens, then = self._tokens.get(channel, (float(self.burst), now))
        tokens = min(float(self.burst), tokens + (now - then) * self.per_channel_rate)
        if tokens < 1.0:
            self._tokens[channel] = (tokens, now)
            self.limited += 1
            return True
        self._tokens[channel] = (tokens - 1.0, now)
        return False
