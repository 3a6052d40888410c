"""What the issue use cases answer: typed results that callers decide on and render."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from enum import StrEnum


class ScheduledJob(StrEnum):
    """The scheduler's jobs; each value is also the message key that names it."""

    ISSUE = "job_issue"  # publishing the scheduled issue
    RETRY = "job_retry"  # the 10-minute retry of channels that failed
    REMINDER = "job_reminder"


@dataclass(frozen=True)
class JobTrouble:
    """A scheduled job whose last try raised; it is tried again at ``retry_at``."""

    job: ScheduledJob
    error: str
    attempts: int
    retry_at: dt.datetime


class PublishStatus(StrEnum):
    PUBLISHED = "published"  # every channel has the issue
    PARTIAL = "partial"  # frozen and partly sent; the rest is retried
    THIN = "thin"  # too few items, and the community skips thin issues
    EMPTY = "empty"  # nothing approved to publish
    DONE = "done"  # this scheduled run had already produced its issue


@dataclass(frozen=True)
class Published:
    status: PublishStatus
    issue: int | None = None
    items: int = 0
    sent: int = 0
    failed: list[str] = field(default_factory=list)
    minimum: int = 0

    @property
    def ok(self) -> bool:
        """Whether anything that went wrong needs an editor's attention."""
        return self.status in (PublishStatus.PUBLISHED, PublishStatus.THIN, PublishStatus.DONE)

    @property
    def channels(self) -> int:
        return self.sent + len(self.failed)


@dataclass(frozen=True)
class NextIssue:
    """The next issue as editors see it: computed once for `status` and the reminder."""

    issue: int
    due: dt.datetime
    when: str  # the due time as the community reads it
    skipped: bool
    approved: int
    pending: int
    filled_slots: list[str]
    empty_slots: list[str]
    overdue: bool = False  # due time passed and the run has not been handled yet
    trouble: list[JobTrouble] = field(default_factory=list)  # failing scheduled jobs
    # When this run is skipped: the regular run after it, the one that really goes out.
    after_skip: dt.datetime | None = None
    # Set when the community skips thin issues and fewer than this many are approved.
    thin_minimum: int = 0

    @property
    def needs_reminder(self) -> bool:
        return not self.skipped and bool(self.pending or self.empty_slots)
