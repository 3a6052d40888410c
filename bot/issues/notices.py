"""What editors are told about the calendar and publishing, from typed results.

Both the chat commands (an editor's "publish now") and the scheduler (a run nobody typed)
speak through here, so one publish result reads the same wherever it is reported.
"""

from __future__ import annotations

from bot.document import Document, lines_document
from bot.issues.results import JobTrouble, NextIssue, Published, PublishStatus, ScheduledJob
from bot.messages import Term, fill, say


def published(result: Published) -> Document:
    """One notice for any publish outcome: out, partly out, thin, or nothing to publish."""
    if result.status == PublishStatus.PUBLISHED:
        return lines_document(
            say(
                "published",
                issue=result.issue,
                items=result.items,
                channels=Term("channel_count", count=result.channels),
            )
        )
    if result.status == PublishStatus.PARTIAL:
        return lines_document(
            say(
                "publish_failed",
                issue=result.issue,
                sent=result.sent,
                channels=result.channels,
                errors="; ".join(result.failed[:3]),
            )
        )
    if result.status == PublishStatus.THIN:
        return lines_document(say("thin_skipped", items=result.items, minimum=result.minimum))
    if result.status == PublishStatus.DONE:  # published before a restart: nothing to send
        return lines_document(say("run_already_published"))
    return lines_document(say("nothing_to_publish"))


def reminder(due: NextIssue) -> Document:
    todo = []
    if due.pending:
        todo.append(fill("reminder_pending", count=due.pending))
    if due.empty_slots:
        todo.append(fill("reminder_slots", slots=", ".join(fill(s) for s in due.empty_slots)))
    return lines_document(say("reminder", issue=due.issue, when=due.when, todo="; ".join(todo)))


def missed(when: str) -> Document:
    return lines_document(say("missed_run", when=when))


def job_failed(trouble: JobTrouble, *, retry: str) -> Document:
    return lines_document(
        say("job_failed", job=fill(trouble.job), error=trouble.error, retry=retry)
    )


def job_recovered(job: ScheduledJob) -> Document:
    return lines_document(say("job_recovered", job=fill(job)))
