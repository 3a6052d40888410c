"""A crash in the middle of emailing an issue, then a restart: every reader has the
issue exactly once (the one message possibly in flight is sent again with the same
Message-ID, which mail systems take as the same message)."""

from __future__ import annotations

from collections.abc import Awaitable
from email.message import EmailMessage

import pytest

from bot.core import Core
from bot.email.mailer import Mailer, Outgoing
from tests.bot.email.conftest import email_setup, publish, readers
from tests.fakes.smtp_sink import SmtpSink
from tests.fakes.surface import RecordingSurface, SimulatedCrash

READERS = [f"reader{n:02d}@example.org" for n in range(12)]


class CrashingMailer(Mailer):
    """The real mailer, until the process "dies": before the N+1th message goes, or just
    after the relay accepted the Nth (before the bot could record it)."""

    def __init__(self, real: Mailer, *, after: int, accepted: bool) -> None:
        self.real, self.after, self.accepted, self.count = real, after, accepted, 0

    async def send(
        self, message: EmailMessage | Outgoing, *, ready: Awaitable[None] | None = None
    ) -> None:
        if not self.accepted and self.count >= self.after:
            raise SimulatedCrash("died before sending")
        await self.real.send(message, ready=ready)
        self.count += 1
        if self.accepted and self.count == self.after:
            raise SimulatedCrash("died after the relay accepted it")

    async def close(self) -> None:
        await self.real.close()


@pytest.mark.parametrize(
    ("after", "accepted"),
    [(0, False), (1, False), (5, False), (11, False), (1, True), (6, True), (12, True)],
)
async def test_crash_then_resume_every_reader_once(
    store, config, clock, sink: SmtpSink, after, accepted
):
    first = Core(store=store, config=config, clock=clock)
    first.attach(RecordingSurface())
    setup = email_setup(sink)
    setup.mailer = CrashingMailer(setup.mailer, after=after, accepted=accepted)
    first.enable_email(setup)
    await readers(first, *READERS)
    await publish(first)  # the background send dies part-way
    await setup.mailer.close()
    assert len(sink.received) == after

    restarted = Core(store=store, config=config, clock=clock)
    editors = RecordingSurface()
    restarted.attach(editors)
    again = email_setup(sink)
    restarted.enable_email(again)
    await restarted.resume()
    await restarted.settle()
    await again.mailer.close()

    ids: dict[str, set[str]] = {}
    for message in sink.messages():
        ids.setdefault(message["To"], set()).add(message["Message-ID"])
    assert sorted(ids) == READERS
    assert all(len(found) == 1 for found in ids.values())  # one issue, one Message-ID each
    in_doubt = 1 if accepted else 0
    assert len(sink.received) == len(READERS) + in_doubt
    note = " ".join(s.text for b in editors.moderator_notes[-1].blocks for s in b.spans)
    assert note == "Issue 1 emailed to 12 readers (0 failed, 0 suspended)."

    sink.received.clear()
    await restarted.resume()  # nothing is left: a second restart sends nothing
    await restarted.settle()
    assert sink.received == []
