"""Every published issue to every confirmed reader, once each, across crashes.

When an issue is published, one transaction freezes who gets it (a delivery per reader
confirmed at that moment). Each delivery is marked sent as soon as the relay accepts its
message, one at a time over one connection; on resume, every delivery not marked is sent.
SMTP has no way to ask whether a message arrived, so the one message in flight when
the process died is sent again with the same Message-ID, which mail systems treat as the
same message. Temporary failures (4xx, a dropped connection) are retried with backoff;
permanent ones (5xx) are recorded, and a reader refused 3 times in a row is suspended.
"""

from __future__ import annotations

import asyncio
import datetime as dt
import logging
from typing import TYPE_CHECKING

from bot.background import Tasks
from bot.clock import Clock, iso
from bot.email import letters
from bot.email.addresses import address_hash
from bot.email.mailer import Outgoing, PermanentFailure, TemporaryFailure
from bot.email.setup import EmailSetup
from bot.email.wire import IssueWire
from bot.issues.layout import issue_document
from bot.issues.selection import published_view
from bot.messages import say_doc
from bot.model import Community, EmailState, IssueState, SubscriberState
from bot.review.outreach import Outreach
from bot.store import email_deliveries as deliveries
from bot.store import issues
from bot.store.database import Store
from bot.store.subscribers import Subscriber

if TYPE_CHECKING:
    from email.message import EmailMessage

log = logging.getLogger("victories.email")
CATCH_UP = dt.timedelta(days=1)  # an issue published this recently, never emailed, is sent


class Edition:
    def __init__(self, *, store: Store, clock: Clock, outreach: Outreach, tasks: Tasks) -> None:
        self.store, self.clock, self.outreach, self.tasks = store, clock, outreach, tasks
        self.setup: EmailSetup | None = None  # set when SMTP_URL is: the edition is on
        self._locks: dict[int, asyncio.Lock] = {}

    async def published(self, community: Community, number: int) -> None:
        """After-publish hook: freeze the readers now, send in the background."""
        if self.setup is None:
            return
        await self.store.run(
            deliveries.start_run,
            community=community.id,
            issue_number=number,
            now=iso(self.clock.now()),
        )
        self.tasks.spawn(self._send_later(community, number), what=f"emailing issue {number}")

    async def _send_later(self, community: Community, number: int) -> None:
        await self.send(community, number)

    async def resume(self, community: Community) -> None:
        """At start-up: finish interrupted sends, and start one for an issue published
        just before a crash that came before its readers were frozen."""
        if self.setup is None:
            return
        latest = await self.store.run(issues.latest_published, community=community.id)
        if latest is not None and latest.published_at:
            published = dt.datetime.fromisoformat(latest.published_at)
            recent = self.clock.now() - published < CATCH_UP
            if recent and not await self.store.run(
                deliveries.has_run, community=community.id, issue_number=latest.number
            ):
                await self.published(community, latest.number)
        for number in await self.store.run(deliveries.unfinished_runs, community=community.id):
            await self.send(community, number)

    async def send(self, community: Community, number: int) -> dict[str, int]:
        """Send what is left of the issue's run; tell the editors once when it is done."""
        setup = self.setup
        assert setup is not None, "the email edition is off"
        lock = self._locks.setdefault(community.id, asyncio.Lock())
        async with lock:
            view = await self.store.run(published_view, community=community.id, number=number)
            if view is None or view.issue.status != IssueState.PUBLISHED:
                return {}
            document = issue_document(view, config=community.config)
            issue = letters.prepare_issue(community, number=number, document=document)
            rows = await self.store.run(
                deliveries.to_send, community=community.id, issue_number=number
            )
            await self._deliver_all(setup, community, issue, rows)
            counts = await self.store.run(
                deliveries.finish,
                community=community.id,
                issue_number=number,
                now=iso(self.clock.now()),
            )
            if rows:
                await self._report(community, number, counts)
            return counts

    async def _deliver_all(
        self,
        setup: EmailSetup,
        community: Community,
        issue: letters.PreparedIssue,
        rows: list[deliveries.EmailDelivery],
    ) -> None:
        """One reader after another. Each copy is built, and its envelope sent, while the
        previous one's delivery is being written to disk; its content (which is what
        delivers it) goes only once that write is done: after a crash, at most one message
        is in doubt."""
        recording: asyncio.Future[None] | None = None
        shared = letters.wire(setup, community, issue)
        for row in rows:
            message = self._letter(setup, community, issue, row, shared)
            if message is None:  # unsubscribed or suspended since the issue went out
                if recording is not None:
                    await recording
                recording = asyncio.ensure_future(
                    self.store.run(deliveries.skip, row.id, now=iso(self.clock.now()))
                )
                continue
            error = await self._send_with_retries(setup, message, ready=recording)
            if recording is not None:
                await recording  # the send may have failed before it needed the write
            recording = asyncio.ensure_future(self._record(setup, community, issue, row, error))
        if recording is not None:
            await recording

    def _letter(
        self,
        setup: EmailSetup,
        community: Community,
        issue: letters.PreparedIssue,
        row: deliveries.EmailDelivery,
        shared: IssueWire,
    ) -> EmailMessage | Outgoing | None:
        if row.email is None:
            return None
        reader = Subscriber(
            id=row.subscriber,
            community=community.id,
            email=row.email,
            email_hash=address_hash(row.email),
            state=SubscriberState.CONFIRMED,
            bounces=0,
            created_at="",
        )
        return letters.issue_letter(setup, community, issue=issue, reader=reader, shared=shared)

    async def _record(
        self,
        setup: EmailSetup,
        community: Community,
        issue: letters.PreparedIssue,
        row: deliveries.EmailDelivery,
        error: Exception | None,
    ) -> None:
        now, number = iso(self.clock.now()), issue.number
        if error is None:
            await self.store.run(deliveries.mark_sent, row.id, subscriber=row.subscriber, now=now)
        elif isinstance(error, PermanentFailure):
            suspended = await self.store.run(
                deliveries.mark_bounced,
                row.id,
                community=community.id,
                subscriber=row.subscriber,
                error=str(error),
                now=now,
                limit=setup.hard_bounce_limit,
            )
            log.warning(
                "email refused issue=%s reader=%s suspended=%s error=%s",
                number,
                row.subscriber,
                suspended,
                error,
            )
        else:
            await self.store.run(
                deliveries.mark, row.id, state=EmailState.FAILED, now=now, error=str(error)
            )
            log.warning("email failed issue=%s reader=%s error=%s", number, row.subscriber, error)

    async def _send_with_retries(
        self,
        setup: EmailSetup,
        message: EmailMessage | Outgoing,
        *,
        ready: asyncio.Future[None] | None = None,
    ) -> Exception | None:
        """None once the relay accepted it; else the last failure."""
        delays = iter(setup.retry_delays)
        while True:
            try:
                await setup.mailer.send(message, ready=ready)
                return None
            except PermanentFailure as err:
                return err
            except (TemporaryFailure, OSError) as err:
                delay = next(delays, None)
                if delay is None:
                    return err
                log.info("email deferred, trying again in %.1f s: %s", delay, err)
                await asyncio.sleep(delay)

    async def _report(self, community: Community, number: int, counts: dict[str, int]) -> None:
        sent = counts.get(EmailState.SENT, 0)
        failed = counts.get(EmailState.FAILED, 0) + counts.get(EmailState.BOUNCED, 0)
        log.info("issue emailed issue=%s sent=%s failed=%s", number, sent, failed)
        await self.outreach.tell_moderators(
            community,
            say_doc(
                "email_summary",
                community.language,
                count=sent,
                number=number,
                readers=f"{sent:,}",
                failed=f"{failed:,}",
                suspended=f"{counts.get('suspended', 0):,}",
            ),
        )
