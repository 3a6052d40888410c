"""E1 — the email edition: one issue to 10,000 readers through a local SMTP sink.

Figures: the bot's send time (``Edition.send``: rendering each reader's copy, sending it
over one reused connection, recording each delivery) against a bare ``aiosmtplib`` loop
building and sending the same messages to the same sink in the same run (target
<= 1.2x), and the bot's peak RSS while sending (target <= 150 MB). For information, the
bot against the same loop's ``sendmail`` time alone, each message's bytes made before its
clock starts: what is left once building messages costs nothing. (aiosmtplib's
``sendmail`` also works out the SIZE option per message, which the bot's MAIL, RCPT and
DATA do not, so the bot can come in under it.)

The sink runs in its own process (aiosmtpd, accepting and discarding), and so do the bot
and the bare loop, one after the other, so none shares a GIL or a heap with another.
"""

from __future__ import annotations

import asyncio
import datetime as dt
import json
import subprocess
import sys
import tempfile
import time
from email.message import EmailMessage
from email.policy import SMTP
from pathlib import Path

from benchmarks.memory import peak_rss_mb
from benchmarks.results import Result

SENDER = "Our Town <news@ourtown.example>"


def _sink(port_file: Path) -> None:
    from aiosmtpd.controller import Controller

    class Discard:
        async def handle_DATA(self, server, session, envelope):  # noqa: N802
            return "250 2.0.0 OK"

    class AnyPort(Controller):
        def _trigger_server(self) -> None:
            if self.port == 0 and self.server is not None:
                self.port = self.server.sockets[0].getsockname()[1]
            super()._trigger_server()

    controller = AnyPort(Discard(), hostname="127.0.0.1", port=0)
    controller.start()
    port_file.write_text(str(controller.port))
    sys.stdin.read()  # until the parent closes our input
    controller.stop()


def _peak_mb() -> float:
    return peak_rss_mb()


async def _bot(port: int, readers: int, issue_file: Path) -> dict:
    from adapters.smtp import SmtpMailer, parse_smtp_url
    from bot.core import Core
    from bot.email.letters import prepare_issue
    from bot.email.setup import EmailSetup
    from bot.email.tokens import Signer
    from bot.issues.layout import issue_document
    from bot.store.database import Store
    from bot.store.email_deliveries import start_run
    from tests.bot.helpers import approved
    from tests.conftest import make_config
    from tests.fakes.surface import RecordingSurface

    with tempfile.TemporaryDirectory() as tmp:
        store = Store(Path(tmp) / "e1.db")
        config = make_config(
            community={"name": "Our Town"}, intake={"cooldown": "0s"}, issue={"min_items": 1}
        )
        core = Core(store=store, config=config)
        core.attach(RecordingSurface())
        for n in range(12):
            await approved(core, f"Victory {n}: the council passed the tenant bill at last.")
        await core.issues.publish(core.community, force=True)  # email is not on yet
        now = dt.datetime.now(dt.UTC).isoformat()
        store.call(
            lambda db: db.conn.executemany(
                "INSERT INTO subscribers (community_id, email, email_hash, state, created_at, "
                "confirmed_at, updated_at) VALUES (1, ?, ?, 'confirmed', ?, ?, ?)",
                [(f"r{i}@example.org", f"h{i}", now, now, now) for i in range(readers)],
            )
        )
        store.call(lambda db: db.conn.commit())
        await store.run(start_run, community=1, issue_number=1, now=now)
        mailer = SmtpMailer(parse_smtp_url(f"smtp://127.0.0.1:{port}"), rate=0)
        core.edition.setup = EmailSetup(
            mailer=mailer, sender=SENDER, base_url="https://v.example", signer=Signer(b"k" * 32)
        )
        started = time.perf_counter()
        counts = await core.edition.send(core.community, 1)
        seconds = time.perf_counter() - started
        await mailer.close()
        await core.settle()
        view = await core.issues.published(core.community, 1)
        assert view is not None
        issue = prepare_issue(
            core.community, number=1, document=issue_document(view, config=config)
        )
        issue_file.write_text(
            json.dumps({"subject": issue.subject, "plain": issue.plain, "html": issue.html})
        )
        store.close()
    assert counts.get("sent") == readers, counts
    return {"seconds": seconds, "peak_mb": _peak_mb()}


def _bare_message(issue: dict, i: int) -> EmailMessage:
    message = EmailMessage()
    message["Subject"], message["From"], message["To"] = issue["subject"], SENDER, f"r{i}@x.org"
    message["Message-ID"] = f"<e1.{i}@ourtown.example>"
    message["List-Unsubscribe"] = f"<https://v.example/unsubscribe/1-{i}-x>"
    message["List-Unsubscribe-Post"] = "List-Unsubscribe=One-Click"
    message.set_content(issue["plain"])
    message.add_alternative(issue["html"], subtype="html")
    return message


async def _bare(port: int, readers: int, issue_file: Path) -> dict:
    """The same messages (same parts, same headers) over one aiosmtplib connection."""
    import aiosmtplib

    issue = json.loads(issue_file.read_text())
    client = aiosmtplib.SMTP(hostname="127.0.0.1", port=port)
    await client.connect()
    started = time.perf_counter()
    for i in range(readers):
        await client.send_message(_bare_message(issue, i))
    seconds = time.perf_counter() - started
    await client.quit()
    return {"seconds": seconds, "peak_mb": _peak_mb()}


async def _transport(port: int, readers: int, issue_file: Path) -> dict:
    """Only the sending: each message's bytes are made before its clock starts."""
    import aiosmtplib

    issue = json.loads(issue_file.read_text())
    client = aiosmtplib.SMTP(hostname="127.0.0.1", port=port)
    await client.connect()
    seconds = 0.0
    for i in range(readers):
        data = _bare_message(issue, i).as_bytes(policy=SMTP)
        started = time.perf_counter()
        await client.sendmail("news@ourtown.example", [f"r{i}@x.org"], data)
        seconds += time.perf_counter() - started
    await client.quit()
    return {"seconds": seconds, "peak_mb": _peak_mb()}


def _child(kind: str, port: int, readers: int, issue_file: Path) -> dict:
    done = subprocess.run(
        [
            sys.executable,
            "-m",
            "benchmarks.e1_email",
            kind,
            str(port),
            str(readers),
            str(issue_file),
        ],
        capture_output=True,
        text=True,
        timeout=1800,
        check=True,
    )
    return json.loads(done.stdout.strip().splitlines()[-1])


def run(*, quick: bool = False) -> list[Result]:
    readers = 200 if quick else 10_000
    with tempfile.TemporaryDirectory() as tmp:
        port_file = Path(tmp) / "port"
        sink = subprocess.Popen(
            [sys.executable, "-m", "benchmarks.e1_email", "sink", str(port_file)],
            stdin=subprocess.PIPE,
        )
        try:
            while not port_file.exists() or not port_file.read_text():
                time.sleep(0.05)
            port = int(port_file.read_text())
            issue_file = Path(tmp) / "issue.json"  # written by the bot, sent by the bare loop
            ours = _child("bot", port, readers, issue_file)
            bare = _child("bare", port, readers, issue_file)
            transport = _child("transport", port, readers, issue_file)
        finally:
            assert sink.stdin is not None
            sink.stdin.close()
            sink.wait(timeout=30)
    ratio = ours["seconds"] / bare["seconds"]
    return [
        Result(
            "E1",
            f"email {readers:,} readers, ratio to a bare aiosmtplib loop",
            ratio,
            "x",
            "<= 1.2",
            f"{ours['seconds']:.1f}s vs {bare['seconds']:.1f}s "
            f"({readers / ours['seconds']:,.0f} messages/s)",
        ),
        Result(
            "E1",
            f"email {readers:,} readers, ratio to sendmail of pre-built bytes",
            ours["seconds"] / transport["seconds"],
            "x",
            note=f"{transport['seconds']:.1f}s in the bare loop's sendmail calls alone",
        ),
        Result("E1", "peak RSS while emailing", ours["peak_mb"], "MB", "<= 150"),
    ]


if __name__ == "__main__":
    kind = sys.argv[1]
    if kind == "sink":
        _sink(Path(sys.argv[2]))
    else:
        work = {"bot": _bot, "bare": _bare, "transport": _transport}[kind]
        print(json.dumps(asyncio.run(work(int(sys.argv[2]), int(sys.argv[3]), Path(sys.argv[4])))))
