"""P5's platforms with their rate limits, on a clock that runs ``SCALE`` times faster.

The fan-out of 1,000 communities' issues to 100,000 channels is bound by Discord's global
50 requests a second: about 1,000 s for 50,000 Discord channels. To measure it in well
under a minute, time is scaled: ``ScaledClock`` runs ``scale`` times faster than the wall
clock, the limits are counted on it (the very limiters of tests/fakes/slack_limits.py and
discord_limits.py, given this clock), and every wait for a limit sleeps 1/scale of its
length. A figure read on this clock is therefore honest only in one direction: the bot's
own work (composing, SQLite writes, the workers) takes real CPU time, which this clock
shows ``scale`` times longer, so the ratio to the lower bound is pessimistic, never
flattering.

Without HTTP: 100,000 requests through aiohttp and back cost more CPU than the scaled
time allows on 2 cores, so the platforms' clients are stood in for by what their code
does on a 429 (read from the pinned versions' sources):
- slack_sdk's ``AsyncRateLimitErrorRetryHandler(max_retry_count=5)`` (our
  adapters/slack/client.py): sleep int(Retry-After) + a random fraction of a second, up to
  5 retries, then the call fails;
- discord.py's ``HTTPClient.request``: wait for the global lock before the first try; up
  to 5 tries; on a 429 sleep ``retry_after`` (holding the global lock when ``global`` is
  true), then try again; a bucket with nothing remaining waits for its reset first; after
  5 tries it raises.
One Discord client serves every server (one bot token, one global limit); each Slack
workspace has its own token and so its own limits.
"""

from __future__ import annotations

import asyncio
import random
import time

from tests.fakes.discord_limits import RateLimitedDiscord
from tests.fakes.slack_limits import BurstySlack

SCALE = 10.0  # the scaled clock runs this many times faster than the wall clock
TRIES = 5  # discord.py's tries; slack_sdk's handler: 1 call + 5 retries


class ScaledClock:
    def __init__(self, scale: float) -> None:
        self.scale = scale
        self.restart()

    def restart(self) -> None:
        """Read 0 from now on (the start of the due minute's work)."""
        self._zero = time.perf_counter()

    def __call__(self) -> float:
        return (time.perf_counter() - self._zero) * self.scale

    async def sleep(self, seconds: float) -> None:
        await asyncio.sleep(max(0.0, seconds) / self.scale)


class GaveUp(Exception):
    """The client's retries ran out on 429s (what the real client raises, in short)."""


class SlackWorkspace:
    """One workspace: the limits of BurstySlack, and slack_sdk's way with a 429."""

    def __init__(self, clock: ScaledClock, *, rng: random.Random) -> None:
        self.clock, self.rng = clock, rng
        self.fake = BurstySlack(clock=clock)

    async def post(self, channel: str) -> None:
        for retry in range(TRIES + 1):
            wait = self.fake._rate_limited("chat.postMessage", {"channel": channel})
            if wait is None:
                return
            if retry == TRIES:
                raise GaveUp(f"slack {channel}: still 429 after {TRIES} retries")
            await self.clock.sleep(int(wait) + self.rng.random())


class DiscordClient:
    """The one bot client: the limits of RateLimitedDiscord, and discord.py's handling."""

    def __init__(self, clock: ScaledClock) -> None:
        self.clock = clock
        self.fake = RateLimitedDiscord(clock=clock)
        self.global_over = asyncio.Event()
        self.global_over.set()
        self.buckets: dict[str, float] = {}  # channel -> (scaled) time its bucket resets

    async def post(self, channel: str) -> None:
        if not self.global_over.is_set():
            await self.global_over.wait()
        if (reset := self.buckets.get(channel, 0.0)) > self.clock():
            await self.clock.sleep(reset - self.clock())  # discord.py pre-empts its bucket
        for _ in range(TRIES):
            verdict = self.fake.verdict("POST", f"/channels/{channel}/messages")
            if verdict.scope is None:
                if verdict.remaining == 0:
                    self.buckets[channel] = self.clock() + verdict.retry_after
                return
            is_global = verdict.scope == "global"
            if is_global:
                self.global_over.clear()
            await self.clock.sleep(round(verdict.retry_after, 3))
            if is_global:
                self.global_over.set()
        raise GaveUp(f"discord {channel}: still 429 after {TRIES} tries")

    @property
    def limited(self) -> dict[str, int]:
        return self.fake.limited
