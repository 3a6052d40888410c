"""SIGKILL while members' items are being stored and the Checkpointer copies the WAL into
the database file (issue 18, P6): after reopening, every item whose receipt was given is
there, whole, and the file is intact.

A child process stores submissions through the real Store, printing each receipt's id
only once its transaction has committed; its Checkpointer runs flat out (a turn every
millisecond, the WAL started over past 256 KiB) so that the kill lands among checkpoints.
"""

from __future__ import annotations

import asyncio
import sqlite3
import sys
import textwrap

from bot.store.database import Store

CHILD = textwrap.dedent(
    """
    import datetime as dt
    import sys

    from bot.config import parse_config
    from bot.model import Actor, Submission
    from bot.store import checkpoints
    from bot.store.database import Store
    from bot.submissions import intake

    config = parse_config(
        {"intake": {"cooldown": "0s", "per_user_per_day": 10000}}, source="crash"
    )
    checkpoints.INTERVAL, checkpoints.LIMIT = 0.001, 256 * 1024  # flat out
    store = Store(sys.argv[1])
    now = dt.datetime(2026, 11, 25, 17, tzinfo=dt.UTC)
    n = 0
    while True:
        n += 1
        receipt = store.call(
            intake.submit,
            community=1,
            config=config,
            actor=Actor("console", f"m{n % 500}", f"Member {n % 500}"),
            submission=Submission(text=f"Load item {n}: the library opened on Sunday " * 4),
            now=now,
        )
        print(receipt.victory_id, store.checkpoints.turns, store.checkpoints.restarts, flush=True)
    """
)


async def test_kill_mid_load_while_checkpointing_loses_no_receipted_item(tmp_path):
    db_path = tmp_path / "victories.db"
    Store(db_path).close()  # created and migrated
    child = await asyncio.create_subprocess_exec(
        sys.executable,
        "-c",
        CHILD,
        str(db_path),
        stdout=asyncio.subprocess.PIPE,
        stderr=asyncio.subprocess.PIPE,
    )
    assert child.stdout is not None
    receipted: list[int] = []
    turns = restarts = 0
    try:
        # Enough items that the WAL was started over many times, and checkpoints under way.
        while len(receipted) < 400 or turns < 50 or restarts < 5:
            line = await asyncio.wait_for(child.stdout.readline(), 60)
            assert line, (await child.stderr.read()).decode() if child.stderr else ""
            victory_id, turns, restarts = (int(x) for x in line.split())
            receipted.append(victory_id)
    finally:
        if child.returncode is None:
            child.kill()
        await child.wait()
    assert child.returncode == -9
    # Lines already written before the kill are receipts too.
    rest = await child.stdout.read()
    receipted += [int(line.split()[0]) for line in rest.splitlines() if line.strip()]

    conn = sqlite3.connect(db_path)
    try:
        assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        stored = {r[0] for r in conn.execute("SELECT id FROM victories")}
        assert set(receipted) <= stored, sorted(set(receipted) - stored)[:10]
        # Whole: each stored item has its submit audit line.
        audited = {
            r[0] for r in conn.execute("SELECT victory_id FROM audit WHERE action = 'submit'")
        }
        assert stored <= audited
    finally:
        conn.close()
