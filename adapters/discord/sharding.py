"""Pacing IDENTIFYs the way Discord allows (Gateway → Session Start Limit).

Discord accepts ``max_concurrency`` IDENTIFYs per 5 seconds: shard ``s`` is in bucket
``s % max_concurrency``, and each bucket may identify once per 5 s. discord.py's default
hook waits 5 s before every shard after the first, whatever ``max_concurrency`` is, so a
large bot (16 or more) would start many times slower than it may.
"""

from __future__ import annotations

import asyncio
import logging

log = logging.getLogger("victories.discord")
WINDOW = 5.0  # seconds between two IDENTIFYs in one bucket


class IdentifyPacer:
    def __init__(self) -> None:
        self.last: dict[int, float] = {}  # bucket -> when it last identified (loop time)

    def delay(self, shard_id: int, max_concurrency: int, now: float) -> float:
        """How long shard ``shard_id`` must wait before it may IDENTIFY at ``now``."""
        last = self.last.get(shard_id % max(1, max_concurrency))
        return 0.0 if last is None else max(0.0, last + WINDOW - now)

    async def wait(self, shard_id: int, max_concurrency: int) -> None:
        loop = asyncio.get_running_loop()
        delay = self.delay(shard_id, max_concurrency, loop.time())
        if delay > 0:
            log.info("shard %s waits %.1f s to identify (session start limit)", shard_id, delay)
            await asyncio.sleep(delay)
        self.last[shard_id % max(1, max_concurrency)] = loop.time()
