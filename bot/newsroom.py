"""The newsroom: the one entry point adapters call, and the one queue for all platforms.

It runs the rules (intake, moderation, composition, publishing) on the database thread and
fans their effects out to every connected surface: a card on each review channel, card
updates after a decision on any platform, notices to the member on their own platform.
"""

from __future__ import annotations

import asyncio
import datetime as dt
import logging
import sqlite3
from collections.abc import Awaitable, Callable

from bot import composition, intake, moderation
from bot.background import Background
from bot.cards import status_line
from bot.clock import Clock, SystemClock
from bot.config import Config
from bot.document import Document, lines_document
from bot.issue_document import issue_document
from bot.messages import say
from bot.model import Actor, Decision, Refusal, Submission
from bot.outreach import Outreach
from bot.publishing import FanOut, deliver
from bot.replies import Reply, refused, says
from bot.store import cards, deliveries, issues
from bot.store import victories as victory_store
from bot.store.database import Store
from bot.surfaces import Surface

log = logging.getLogger("victories.newsroom")
INTAKE_BATCH = 200  # submissions written per transaction at most


class Newsroom:
    def __init__(self, *, store: Store, config: Config, clock: Clock | None = None) -> None:
        self.store = store
        self.config = config
        self.clock = clock or SystemClock()
        self.surfaces: dict[str, Surface] = {}
        self._background = Background()  # tracked tasks; a failure is logged once
        self._spawn = self._background.spawn
        self.outreach = Outreach(store=store, surfaces=self.surfaces, spawn=self._spawn)
        self.after_publish: list[Callable[[int], Awaitable[None]]] = []
        self._publish_lock = asyncio.Lock()
        self.schedule_changed: Callable[[], Awaitable[None]] | None = None
        self.schedule_trouble: Callable[[], list[tuple[str, dict]]] = list  # for `status`
        self._intake: list[tuple[intake.Request, asyncio.Future]] = []
        self._intake_running = False

    # -- wiring -------------------------------------------------------------------------
    def attach(self, surface: Surface) -> None:
        self.surfaces[surface.name] = surface

    def is_moderator(self, actor: Actor) -> bool:
        return moderation.is_moderator(actor, self.config)

    def today(self) -> dt.date:
        return self.clock.now().astimezone(self.config.community.zone).date()

    async def settle(self) -> None:
        """Wait for background work (cards, notices) to finish; used at shutdown and in tests."""
        await self._background.settle()

    # -- members ------------------------------------------------------------------------
    async def submit(self, actor: Actor, submission: Submission) -> Reply:
        """Queue a submission and return its receipt or refusal once it is durably stored.

        Submissions arriving together are written in one transaction (group commit), so a
        burst of members costs one disk sync instead of one each.
        """
        future: asyncio.Future = asyncio.get_running_loop().create_future()
        request = intake.Request(actor, submission, exempt=self.is_moderator(actor))
        self._intake.append((request, future))
        if not self._intake_running:
            self._intake_running = True
            self._spawn(self._drain_intake())
        try:
            outcome = await future
        except sqlite3.OperationalError as err:  # another writer held on past the busy timeout
            log.warning(
                "submission not stored user=%s:%s error=%r", actor.platform, actor.user_id, err
            )
            return says("try_again", ok=False)
        if isinstance(outcome, Refusal):
            return refused(outcome)
        log.info(
            "submission victory=%s platform=%s user=%s duplicate_of=%s",
            outcome.number,
            actor.platform,
            actor.user_id,
            outcome.duplicate_of,
        )
        self.outreach.queue_cards(outcome.number)
        more = (
            [("receipt_duplicate", {"other": outcome.duplicate_of})] if outcome.duplicate_of else []
        )
        return says("receipt", *more, number=outcome.number)

    async def _drain_intake(self) -> None:
        try:
            while self._intake:
                batch, self._intake = self._intake[:INTAKE_BATCH], self._intake[INTAKE_BATCH:]
                try:
                    results = await self.store.run(
                        intake.submit_many,
                        config=self.config,
                        now=self.clock.now(),
                        requests=[request for request, _ in batch],
                    )
                except Exception as err:
                    for _, future in batch:
                        future.set_exception(err)
                    continue
                for (_, future), result in zip(batch, results, strict=True):
                    future.set_result(result)
        finally:
            self._intake_running = False

    async def refresh(self, victory_id: int) -> None:
        """Show an item's new state on every card (after an edit or withdrawal)."""
        victory = await self.store.run(victory_store.get, victory_id)
        self._spawn(self.outreach.refresh_cards(victory))

    async def rearm(self) -> None:
        """The calendar changed (skip, move): let the scheduler re-plan."""
        if self.schedule_changed:
            await self.schedule_changed()

    # -- moderators ---------------------------------------------------------------------
    async def react(
        self, *, actor: Actor, platform: str, channel: str, message_id: str, emoji: str, added: bool
    ) -> Reply | None:
        """A reaction on a message. Returns None when it is not a decision on a card."""
        decision = moderation.decision_for_emoji(emoji, self.config)
        if decision is None:
            return None
        victory_id = await self.store.run(
            cards.victory_for, platform=platform, channel=channel, message_id=message_id
        )
        if victory_id is None:
            return None
        if not self.is_moderator(actor):
            log.info(
                "reaction ignored victory=%s user=%s:%s reason=not-moderator",
                victory_id,
                actor.platform,
                actor.user_id,
            )
            return says("not_moderator", ok=False)
        return await self.decide(actor, victory_id, decision, undo=not added)

    async def decide(
        self,
        actor: Actor,
        victory_id: int,
        decision: Decision,
        *,
        reason: str | None = None,
        undo: bool = False,
    ) -> Reply:
        if not self.is_moderator(actor):
            return says("not_moderator", ok=False)
        rule = moderation.undo if undo else moderation.decide
        extra = {} if undo else {"reason": reason}
        try:
            outcome = await self.store.run(
                rule,
                victory_id=victory_id,
                decision=decision,
                actor=actor,
                now=self.clock.now(),
                **extra,
            )
        except Refusal as refusal:
            return refused(refusal)
        log.info(
            "decision victory=%s action=%s%s by=%s:%s status=%s featured=%s",
            victory_id,
            "undo-" if undo else "",
            decision.value,
            actor.platform,
            actor.user_id,
            outcome.victory.status.value,
            outcome.victory.featured,
        )
        self._spawn(self.outreach.refresh_cards(outcome.victory))
        if outcome.notice:
            self._spawn(self.outreach.notice_decision(outcome.victory, outcome.notice))
        return says("decision_made", number=victory_id, decision=status_line(outcome.victory))

    # -- issues -------------------------------------------------------------------------
    async def preview(self, *, date: dt.date | None = None) -> Document:
        view = await self.store.run(
            composition.preview, config=self.config, now=self.clock.now(), date=date or self.today()
        )
        return issue_document(view, config=self.config)

    def targets(self) -> list[tuple[str, str]]:
        return [(s.name, channel) for s in self.surfaces.values() for channel in s.digest_channels]

    async def publish(
        self, *, force: bool, date: dt.date | None = None, slot: str | None = None
    ) -> Reply:
        """Freeze the next issue and send it everywhere. Serialised: one publish at a time."""
        async with self._publish_lock:
            await self._resume_deliveries()
            frozen = await self.store.run(
                composition.freeze,
                config=self.config,
                now=self.clock.now(),
                date=date or self.today(),
                targets=self.targets(),
                force=force,
                slot=slot,
            )
            if frozen.number is None:
                if frozen.reason == "thin":
                    return says(
                        "thin_skipped", items=frozen.items, minimum=self.config.issue.min_items
                    )
                if frozen.reason == "done":  # published before a crash: nothing to send
                    return says("run_already_published")
                return says("nothing_to_publish", ok=False)
            log.info(
                "issue frozen issue=%s items=%s channels=%s",
                frozen.number,
                frozen.items,
                len(self.targets()),
            )
            report = await self._fan_out(frozen.number)
            return self._publish_reply(report, items=frozen.items)

    def _publish_reply(self, report: FanOut, *, items: int) -> Reply:
        total = report.sent + len(report.failed)
        if report.complete:
            return says("published", issue=report.issue_number, items=items, channels=total)
        return says(
            "publish_failed",
            ok=False,
            issue=report.issue_number,
            sent=report.sent,
            channels=total,
            errors="; ".join(report.failed[:3]),
        )

    async def _fan_out(self, number: int) -> FanOut:
        report = await deliver(
            store=self.store,
            surfaces=self.surfaces,
            config=self.config,
            clock=self.clock,
            issue_number=number,
        )
        if report.complete:
            await self._after_published(number)
        else:
            await self.tell_moderators(self._publish_reply(report, items=0).doc)
        return report

    async def _after_published(self, number: int) -> None:
        view = await self.store.run(composition.published_view, number)
        for entry in view.entries:
            for victory in (entry.victory, *entry.also):
                self._spawn(self.outreach.refresh_cards(victory))
                self._spawn(
                    self.outreach.notify(
                        victory,
                        lines_document(
                            say("notice_published", position=entry.position, issue=number)
                        ),
                    )
                )
        for hook in self.after_publish:
            try:
                await hook(number)
            except Exception:
                log.exception("after-publish step failed issue=%s", number)

    async def _resume_deliveries(self) -> list[FanOut]:
        reports = []
        for issue in await self.store.run(issues.in_progress):
            log.info("resuming issue=%s", issue.number)
            reports.append(await self._fan_out(issue.number))
        return reports

    async def resume(self) -> None:
        """At start-up: finish any interrupted fan-out and post cards that never went out."""
        async with self._publish_lock:
            await self._resume_deliveries()
        for surface in self.surfaces.values():
            if surface.review_channel:
                for victory_id in await self.store.run(cards.missing, platform=surface.name):
                    await self.outreach.post_card(surface, victory_id)

    async def retry_failed(self) -> None:
        """Retry channels that failed earlier (called periodically by the scheduler)."""
        async with self._publish_lock:
            if await self.store.run(deliveries.unfinished):
                await self._resume_deliveries()

    async def tell_moderators(self, message: Document) -> None:
        await self.outreach.tell_moderators(message)
