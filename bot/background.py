"""Background work the core starts and must not lose: every task is tracked, and a failure
is logged once, with what the task was doing, instead of vanishing with the task."""

from __future__ import annotations

import asyncio
import contextlib
import logging
import time
from collections.abc import Coroutine, Iterator
from typing import Any

log = logging.getLogger("victories.background")

# Work nobody waits on (posting review cards) gives way while members wait for an answer:
# it starts once none has waited for SETTLE seconds, and is never held more than LONGEST.
SETTLE = 0.05
LONGEST = 2.0


class Tasks:
    def __init__(self) -> None:
        self._running: set[asyncio.Task[None]] = set()
        self._serving = 0  # members' requests being answered now
        self._served_at = float("-inf")  # when the last one was answered (monotonic)

    def spawn(self, work: Coroutine[Any, Any, None], *, what: str) -> asyncio.Task[None]:
        """Run ``work`` in the background; ``what`` names it in the log if it fails."""
        task = asyncio.ensure_future(work)
        self._running.add(task)
        task.add_done_callback(lambda done: self._finished(done, what))
        return task

    @contextlib.contextmanager
    def serving(self) -> Iterator[None]:
        """Mark a member's request as being answered while the block runs."""
        self._serving += 1
        try:
            yield
        finally:
            self._serving -= 1
            self._served_at = time.monotonic()

    async def when_quiet(self, *, settle: float = SETTLE, longest: float = LONGEST) -> None:
        """Return once no member has waited for an answer for ``settle`` seconds, or after
        ``longest`` seconds however busy it stays: a burst of members is answered first,
        and what waited is late by ``longest`` at most."""
        deadline = time.monotonic() + longest
        while (now := time.monotonic()) < deadline:
            quiet_for = now - self._served_at
            if not self._serving and quiet_for >= settle:
                return
            wait = settle if self._serving else settle - quiet_for
            await asyncio.sleep(min(wait, deadline - now))

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
