"""SIGKILL in the middle of emailing an issue to 500 readers, restart: every reader has
the issue exactly once (by Message-ID; at most the one message the relay accepted as the
bot died arrives twice on the wire, with the same Message-ID)."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict

from cryptography.fernet import Fernet

from bot.config import load_config
from bot.core import Core
from bot.model import Actor, Decision, Submission
from bot.review import moderation
from bot.store.database import Store
from bot.submissions import intake
from tests.fakes.smtp_sink import SmtpSink
from tests.reliability.bot_process import BotProcess, until

READERS = 500
EDITOR = Actor("console", "editor", "Eve")


async def seed(workdir, db) -> None:
    config = load_config(workdir / "victories.yaml")
    store = Store(db)
    now = dt.datetime.now(dt.UTC)
    try:
        for i in range(1, 4):
            receipt = store.call(
                intake.submit,
                community=1,
                config=config,
                actor=Actor("console", f"m{i}", f"Member {i}"),
                submission=Submission(text=f"Victory number {i} for the town."),
                now=now,
                exempt=True,
            )
            store.call(
                moderation.decide,
                community=1,
                number=receipt.number,
                decision=Decision.APPROVE,
                actor=EDITOR,
                now=now,
            )
        core = Core(store=store, config=config)
        addresses = [f"reader{n:03d}@example.org" for n in range(READERS)]
        done = await core.subscribers.import_addresses(core.community, addresses, confirmed=True)
        assert done.added == READERS
    finally:
        store.close()


async def test_sigkill_mid_send_then_restart_every_reader_once(tmp_path):
    (tmp_path / "victories.yaml").write_text(
        "community:\n  name: Our Town\nissue:\n  min_items: 1\n", encoding="utf-8"
    )
    db = tmp_path / "victories.db"
    await seed(tmp_path, db)
    with SmtpSink() as sink:
        bot = BotProcess(
            tmp_path,
            {
                "VICTORIES_DB": str(db),
                "VICTORIES_CONFIG": str(tmp_path / "victories.yaml"),
                "SMTP_URL": sink.url,
                "EMAIL_FROM": "Our Town <news@ourtown.example>",
                "EMAIL_RATE": "0",
                "WEB_PORT": "0",
                "WEB_BASE_URL": "https://victories.example",
                "VICTORIES_SECRET_KEY": Fernet.generate_key().decode(),
            },
        )
        await bot.start("publish", "--now")
        await until(lambda: len(sink.received) >= 150, timeout=60, what="150 sent", bot=bot)
        bot.kill()
        assert await bot.wait() == -9, "the bot finished before it could be killed"
        killed_at = len(sink.received)
        assert killed_at < READERS

        await bot.start("run")  # console: resumes at start-up, then ends with its input
        assert await bot.wait(timeout=90) == 0, bot.tail()

        ids: dict[str, set[str]] = defaultdict(set)
        for message in sink.messages():
            ids[message["To"]].add(message["Message-ID"])
        assert len(ids) == READERS
        assert all(len(found) == 1 for found in ids.values())
        assert READERS <= len(sink.received) <= READERS + 1
        assert bot.logged("issue emailed issue=1 sent=500 failed=0")
        assert not bot.logged("@example.org")  # addresses never reach the log
