"""Scheduled work that cannot die quietly.

A scheduled job that raises (the database locked by another writer for longer than the
busy timeout, a disk full for a few seconds) is retried with a growing delay, the editors
hear once what failed and when it will be tried again, and ``/victories status`` can say
so until a later try succeeds. Without this, one exception ended the schedule for good.
"""

from __future__ import annotations

import datetime as dt
import logging
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from typing import TypeVar

from bot.document import Document
from bot.issues import notices
from bot.issues.results import JobTrouble, ScheduledJob
from bot.messages import ENGLISH, speaking

log = logging.getLogger("victories.scheduler")
T = TypeVar("T")
Job = Callable[[], Awaitable[object]]


@dataclass(frozen=True)
class Backoff:
    """Delays between tries: ``first``, then doubling, never more than ``most``."""

    first: dt.timedelta = dt.timedelta(minutes=1)
    most: dt.timedelta = dt.timedelta(minutes=15)

    def delay(self, attempt: int) -> dt.timedelta:
        return min(self.first * 2 ** (attempt - 1), max(self.most, self.first))


class JobGuard:
    """Runs jobs by name; a failure arms a retry through ``arm(name, when, job)``.

    ``trouble`` is shared with the issues service, whose ``next_issue`` reports it: one
    entry per job waiting for a retry, removed when a try works.
    """

    def __init__(
        self,
        *,
        trouble: dict[ScheduledJob, JobTrouble],
        tell: Callable[[Document], Awaitable[None]],
        arm: Callable[[ScheduledJob, dt.datetime, Job], None],
        local: Callable[[dt.datetime], str],
        backoff: Backoff | None = None,
        language: Callable[[], str] = lambda: ENGLISH,
    ) -> None:
        self.trouble, self.tell, self.arm, self.local = trouble, tell, arm, local
        self.backoff = backoff or Backoff()
        self.language = language  # the community's now: what editors read of a run

    async def run(self, name: ScheduledJob, job: Callable[[], Awaitable[T]]) -> T | None:
        """Run ``job``; on an exception log it, arm a retry and return None."""
        with speaking(self.language()):
            try:
                result = await job()
            except Exception as err:
                await self._failed(name, job, err)
                return None
            if self.trouble.pop(name, None) is not None:
                log.info("scheduled job recovered job=%s", name)
                await self._tell(notices.job_recovered(name))
            return result

    async def _failed(self, name: ScheduledJob, job: Job, err: Exception) -> None:
        previous = self.trouble.get(name)
        attempts = previous.attempts + 1 if previous else 1
        retry_at = dt.datetime.now(dt.UTC) + self.backoff.delay(attempts)
        trouble = JobTrouble(name, (str(err) or type(err).__name__)[:200], attempts, retry_at)
        self.trouble[name] = trouble
        log.error(
            "scheduled job failed job=%s attempt=%s retry_at=%s error=%r",
            name,
            attempts,
            retry_at.isoformat(timespec="seconds"),
            err,
            exc_info=err if previous is None else None,  # the traceback once, not per try
        )
        self.arm(name, retry_at, job)
        if previous is None:  # the editors hear once, not at every try
            await self._tell(notices.job_failed(trouble, retry=self.local(retry_at)))

    async def _tell(self, message: Document) -> None:
        try:
            await self.tell(message)
        except Exception:
            log.exception("could not tell the editors about a scheduled job")
