"""Background work (cards, notices, group commits): every task tracked, none fails silently."""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Awaitable

log = logging.getLogger("victories.newsroom")


class Background:
    def __init__(self) -> None:
        self._tasks: set[asyncio.Task] = set()

    def spawn(self, coro: Awaitable[None]) -> None:
        task = asyncio.ensure_future(coro)
        self._tasks.add(task)
        task.add_done_callback(self._finished)

    def _finished(self, task: asyncio.Task) -> None:
        # Logged here, once, with the task's name: ``settle`` gathers and says nothing.
        self._tasks.discard(task)
        if not task.cancelled() and task.exception() is not None:
            name = getattr(task.get_coro(), "__qualname__", "task")
            log.error("background task failed task=%s", name, exc_info=task.exception())

    async def settle(self) -> None:
        """Wait until no background work is left (new work may start while waiting)."""
        while self._tasks:
            await asyncio.gather(*list(self._tasks), return_exceptions=True)
