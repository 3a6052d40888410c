"""Background work the core starts and must not lose: every task is tracked, and a failure
is logged once, with what the task was doing, instead of vanishing with the task."""

from __future__ import annotations

import asyncio
import contextlib
import logging
from collections.abc import Coroutine, Iterator
from typing import Any

log = logging.getLogger("victories.background")


class Tasks:
    def __init__(self) -> None:
        self._running: set[asyncio.Task[None]] = set()
        self.lull = Lull()  # background work that can wait for a burst to end waits here

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


class Lull:
    """Tells work nobody waits for when members' commands are not competing for the CPU:
    none in flight and none for ``quiet`` seconds. A burst is then answered first and
    that work done right after it, never more than ``patience`` seconds late, so
    sustained traffic cannot starve it."""

    def __init__(self, *, quiet: float = 0.05, patience: float = 2.0) -> None:
        self.quiet, self.patience = quiet, patience
        self._busy = 0
        self._last = float("-inf")  # when the last command ended (loop time)

    @contextlib.contextmanager
    def command(self) -> Iterator[None]:
        """Around a member's command, while it is being answered."""
        self._busy += 1
        try:
            yield
        finally:
            self._busy -= 1
            self._last = asyncio.get_running_loop().time()

    async def wait(self) -> None:
        """Return in a lull, or ``patience`` seconds from now."""
        loop = asyncio.get_running_loop()
        due = loop.time() + self.patience
        while True:
            now = loop.time()
            if now >= due or (not self._busy and now - self._last >= self.quiet):
                return
            calm = self._last + self.quiet if not self._busy else now + self.quiet
            await asyncio.sleep(max(min(due, calm) - now, 0.001))
