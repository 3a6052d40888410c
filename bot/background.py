"""Background work the core starts and must not lose: every task is tracked, and a failure
is logged once, with what the task was doing, instead of vanishing with the task."""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Coroutine
from typing import Any

log = logging.getLogger("victories.background")


class Tasks:
    def __init__(self) -> None:
        self._running: set[asyncio.Task[None]] = set()

    def spawn(self, work: Coroutine[Any, Any, None], *, what: str) -> asyncio.Task[None]:
        """Run ``work`` in the background; ``what`` names it in the log if it fails."""
        task = asyncio.ensure_future(work)
        self._running.add(task)
        task.add_done_callback(lambda done: self._finished(done, what))
        return task

    def _finished(self, task: asyncio.Task[None], what: str) -> None:
        self._running.discard(task)
        if task.cancelled():
            return
        error = task.exception()
        if error is not None:
            coroutine = getattr(task.get_coro(), "__qualname__", "?")
            log.error("background task failed: %s task=%s", what, coroutine, exc_info=error)

    async def settle(self) -> None:
        """Wait until no background work is left (at shutdown, and in tests)."""
        while self._running:
            await asyncio.gather(*list(self._running), return_exceptions=True)
