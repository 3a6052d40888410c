"""Fan-out of one issue to every digest channel, exactly once per channel.

Each channel's delivery is a row, marked in flight *before* its first part is sent; each
part is recorded as sent *after* the platform confirms it. On resume, the first part not
confirmed is looked up on the platform (``Surface.find_part``) before it is sent again, so
a crash at any point neither loses nor repeats a message.
"""

from __future__ import annotations

import asyncio
import datetime as dt
import logging
from collections import deque
from dataclasses import dataclass, field
from typing import Any

from bot.background import Tasks
from bot.clock import Clock, iso
from bot.document import Document
from bot.model import DeliveryState, IssueState
from bot.store import deliveries, issues
from bot.store.batching import Batcher
from bot.store.database import Store
from bot.store.sqlite import Database
from bot.surfaces import Surface

log = logging.getLogger("victories.delivery")
CLOCK_SKEW = dt.timedelta(minutes=5)  # our clock against the platform's, at most


@dataclass
class FanOut:
    issue_number: int
    sent: int = 0
    failed: list[str] = field(default_factory=list)  # "platform:channel: error"

    @property
    def complete(self) -> bool:
        return not self.failed


def part_key(issue_number: int, part: int) -> str:
    return f"sv-issue-{issue_number}-part-{part}"


class _Confirmations:
    """Records confirmed parts, many channels' in one transaction (group commit).

    ``record`` returns only once its part is durably marked: a channel sends its next part
    only after that, so on resume only the first unconfirmed part can be in doubt.
    """

    def __init__(self, store: Store, clock: Clock, tasks: Tasks) -> None:
        self.store, self.clock = store, clock
        self._batcher: Batcher[tuple[int, str], None] = Batcher(
            self._write, tasks=tasks, what="recording sent parts", max_batch=1000
        )

    async def _write(self, sent: list[tuple[int, str]]) -> list[None]:
        await self.store.run(deliveries.mark_parts_sent, sent, now=iso(self.clock.now()))
        return [None] * len(sent)

    async def record(self, delivery_id: int, ref: str) -> None:
        await self._batcher.put((delivery_id, ref))


async def _deliver_part(
    confirmations: _Confirmations,
    surface: Surface,
    row: deliveries.Delivery,
    parts: list[Any],
    index: int,
    *,
    community: int,
) -> None:
    """Send part ``index`` of the channel's issue (or find it, if it may be out already)
    and return once it is durably recorded."""
    key = part_key(row.issue_number, index)
    in_doubt = row.state in (DeliveryState.SENDING, DeliveryState.FAILED)
    if in_doubt and index == row.parts_sent:
        # We may have died after the platform accepted this part: ask before resending.
        found = await surface.find_part(
            channel=row.channel, key=key, since=_since(row), community=community
        )
        if found:
            log.info(
                "delivery resumed issue=%s channel=%s:%s part=%s found=%s",
                row.issue_number,
                row.platform,
                row.channel,
                index,
                found,
            )
            await confirmations.record(row.id, found)
            return
    ref = await surface.send_part(
        channel=row.channel, part=parts[index], key=key, community=community
    )
    await confirmations.record(row.id, ref)
    log.info(
        "delivery part sent issue=%s channel=%s:%s part=%s/%s ref=%s",
        row.issue_number,
        row.platform,
        row.channel,
        index + 1,
        len(parts),
        ref,
    )


def _since(row: deliveries.Delivery) -> dt.datetime | None:
    if not row.started_at:
        return None
    return dt.datetime.fromisoformat(row.started_at) - CLOCK_SKEW


@dataclass(frozen=True)
class Courier:
    """What a fan-out needs: the store, the clock, the connected surfaces, and limits."""

    store: Store
    clock: Clock
    tasks: Tasks
    surfaces: dict[str, Surface]
    concurrency: int


async def deliver(
    courier: Courier, *, community: int, issue_number: int, document: Document
) -> FanOut:
    """Send every unfinished delivery of the issue; mark it published when all are sent."""
    store, clock, surfaces = courier.store, courier.clock, courier.surfaces
    all_rows = await store.run(deliveries.of_issue, community=community, issue_number=issue_number)
    rows = [r for r in all_rows if r.state != DeliveryState.SENT]
    report = FanOut(issue_number)
    rendered = {
        name: surface.render_issue(document)
        for name, surface in surfaces.items()
        if any(row.platform == name for row in rows)
    }
    # Every delivery is in flight from here until its last part is confirmed: after a
    # crash, the first unconfirmed part is looked for on the platform before it is resent.
    # One transaction for all of them, so no channel waits for the others' disk writes.
    await store.run(
        deliveries.mark_sending,
        {row.id: len(rendered[row.platform]) for row in rows if row.platform in rendered},
        now=iso(clock.now()),
    )
    confirmations = _Confirmations(store, clock, courier.tasks)

    async def one(row: deliveries.Delivery, index: int, surface: Surface) -> bool:
        """Send one part; False when the channel failed (and is given up for this run)."""
        try:
            await _deliver_part(
                confirmations, surface, row, rendered[row.platform], index, community=community
            )
            return True
        except Exception as err:  # one channel's failure must not stop the others
            log.warning(
                "delivery failed issue=%s channel=%s:%s error=%r",
                issue_number,
                row.platform,
                row.channel,
                err,
            )
            await store.run(deliveries.mark_failed, row.id, error=repr(err), now=iso(clock.now()))
            report.failed.append(f"{row.platform}:{row.channel}: {err}")
            return False

    # Each platform has its own rate limits, so each gets its own workers: one waiting out
    # a 429 must not hold up the others. A fixed number of workers drains each platform's
    # queue, so the tasks (and their memory) do not grow with the channels. The queue
    # holds (channel, next part): a channel goes to the back after each part, so every
    # channel gets part 1 before any gets part 2, and no worker sits out a channel's own
    # limit (5 messages per 5 s on Discord) while other channels could be served.
    waiting: dict[str, deque[tuple[deliveries.Delivery, int]]] = {}
    for row in rows:
        if row.platform in surfaces:
            waiting.setdefault(row.platform, deque()).append((row, row.parts_sent))
        else:
            report.failed.append(f"{row.platform}:{row.channel}: platform not connected")

    async def worker(platform: str) -> None:
        queue, total = waiting[platform], len(rendered[platform])
        while queue:
            row, index = queue.popleft()
            if index >= total:  # nothing left to send (all parts confirmed before)
                report.sent += 1
            elif await one(row, index, surfaces[platform]):
                if index + 1 < total:
                    queue.append((row, index + 1))
                else:
                    report.sent += 1

    await asyncio.gather(
        *(
            worker(platform)
            for platform, queue in waiting.items()
            for _ in range(min(courier.concurrency, len(queue)))
        )
    )
    if report.complete:
        await store.run(
            _mark_published, community=community, number=issue_number, now=iso(clock.now())
        )
    return report


def _mark_published(db: Database, *, community: int, number: int, now: str) -> None:
    with db.atomic():
        remaining = [
            r
            for r in deliveries.of_issue(db, community=community, issue_number=number)
            if r.state != DeliveryState.SENT
        ]
        issue = issues.get(db, community=community, number=number)
        if not remaining and issue and issue.status == IssueState.PUBLISHING:
            issues.update(
                db,
                community=community,
                number=number,
                status=IssueState.PUBLISHED,
                published_at=now,
            )
