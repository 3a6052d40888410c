"""Group commit: many callers' items handled together, one batch at a time, in order.

A burst of submissions (or of confirmed message parts) then costs one transaction and one
disk sync instead of one each. Each caller waits for its own item's result; a batch that
fails fails every caller in it, and the next batch is tried afresh.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Awaitable, Callable, Sequence
from typing import Generic, TypeVar

from bot.background import Tasks

log = logging.getLogger("victories.background")
T = TypeVar("T")
R = TypeVar("R")


class Batcher(Generic[T, R]):
    def __init__(
        self,
        handle: Callable[[list[T]], Awaitable[Sequence[R]]],
        *,
        tasks: Tasks,
        what: str,
        max_batch: int = 200,
        linger: float = 0.0,
    ) -> None:
        self._handle = handle
        self._tasks = tasks
        self._what = what
        self._max = max_batch
        # In a burst (the last batch was handled less than ``linger`` seconds ago), wait
        # that long for company before handling a batch that is not full: for work nobody
        # waits on, fewer and fuller batches beat prompt ones. Alone, an item goes at once.
        self._linger = linger
        self._last = float("-inf")  # when the last batch was handled (loop time)
        self._waiting: list[tuple[T, asyncio.Future[R]]] = []
        self._draining = False

    async def put(self, item: T) -> R:
        """Queue ``item`` and wait for its result (or its batch's error)."""
        return await self._queue(item)

    def put_nowait(self, item: T) -> None:
        """Queue ``item`` without waiting (no task of its own); a failure is logged."""
        self._queue(item).add_done_callback(self._log_failure)

    def _queue(self, item: T) -> asyncio.Future[R]:
        done: asyncio.Future[R] = asyncio.get_running_loop().create_future()
        self._waiting.append((item, done))
        if not self._draining:
            self._draining = True
            self._tasks.spawn(self._drain(), what=self._what)
        return done

    def _log_failure(self, done: asyncio.Future[R]) -> None:
        if not done.cancelled() and done.exception() is not None:
            log.error("background work failed: %s", self._what, exc_info=done.exception())

    async def _drain(self) -> None:
        try:
            while self._waiting:
                loop = asyncio.get_running_loop()
                burst = loop.time() - self._last < self._linger
                if burst and len(self._waiting) < self._max:
                    await asyncio.sleep(self._linger)
                self._last = loop.time()
                batch, self._waiting = self._waiting[: self._max], self._waiting[self._max :]
                try:
                    results = await self._handle([item for item, _ in batch])
                except Exception as err:
                    for _, done in batch:
                        if not done.done():
                            done.set_exception(err)
                    continue
                for (_, done), result in zip(batch, results, strict=True):
                    if not done.done():
                        done.set_result(result)
        finally:
            self._draining = False
