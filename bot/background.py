"""Background work the core starts and must not lose: every task is tracked, and a failure
is logged once, with what the task was doing, instead of vanishing with the task."""

from __future__ import annotations

import asyncio
import contextlib
import logging
from collections.abc import Coroutine, Iterator
from typing import Any

log = logging.getLogger("victories.background")

# Work nobody waits on (posting review cards) gives way while members wait for an answer:
# it starts once none has waited for SETTLE seconds, and is never held more than LONGEST.
SETTLE = 0.05
LONGEST = 2.0


class Lull:
    """Whether members are waiting for answers. Work that can wait (review cards, a new
    member's look-up) waits for a lull: no member waiting for ``settle`` seconds. One
    event and at most one timer, however many wait for it (no polling)."""

    def __init__(self, settle: float = SETTLE) -> None:
        self.settle = settle
        self._serving = 0  # members' requests being answered now
        self._served_at = float("-inf")  # when the last one was answered (loop time)
        self._quiet = asyncio.Event()
        self._quiet.set()
        self._timer: asyncio.TimerHandle | None = None

    @contextlib.contextmanager
    def serving(self) -> Iterator[None]:
        """Mark a member's request as being answered while the block runs."""
        self._serving += 1
        self._quiet.clear()
        try:
            yield
        finally:
            self._serving -= 1
            loop = asyncio.get_running_loop()
            self._served_at = loop.time()
            if not self._serving and self._timer is None:
                self._timer = loop.call_later(self.settle, self._check)

    def _check(self) -> None:
        self._timer = None
        if self._serving:
            return  # the last one to finish arms the timer again
        left = self._served_at + self.settle - asyncio.get_running_loop().time()
        if left > 0:
            self._timer = asyncio.get_running_loop().call_later(left, self._check)
        else:
            self._quiet.set()

    async def wait(self, *, longest: float = LONGEST, since: float | None = None) -> None:
        """Return in a lull, or ``longest`` seconds after ``since`` (loop time the work was
        queued; default now) however busy it stays: a burst of members is answered first,
        and what waited is late by ``longest`` at most, even after queueing behind others."""
        if self._quiet.is_set():
            return
        left = longest if since is None else since + longest - asyncio.get_running_loop().time()
        if left <= 0:
            return
        with contextlib.suppress(TimeoutError):
            await asyncio.wait_for(self._quiet.wait(), left)


class Tasks:
    def __init__(self) -> None:
        self._running: set[asyncio.Task[None]] = set()
        self.lull = Lull()  # members' answers come first; see ``Lull``

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
