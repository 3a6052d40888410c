"""The database's own health, as `victories doctor` and `/healthz` report it."""

from __future__ import annotations

import sqlite3

from bot.store.database import Store
from bot.store.migrations import migrations
from bot.store.sqlite import Database
from bot.surfaces import Finding


def _check(db: Database) -> list[Finding]:
    integrity = db.execute("PRAGMA integrity_check").fetchone()[0]
    orphans = db.execute("PRAGMA foreign_key_check").fetchall()
    pending = migrations.pending(db)
    return [
        Finding(
            integrity == "ok",
            f"database integrity: {integrity}",
            "restore the latest backup with `victories restore FILE`",
        ),
        Finding(
            not orphans,
            f"database references: {len(orphans)} broken",
            "restore the latest backup with `victories restore FILE`",
        ),
        Finding(
            not pending,
            f"database schema: {len(pending)} upgrade(s) pending",
            "start the bot once; it upgrades the schema",
        ),
    ]


def database_findings(store: Store) -> list[Finding]:
    return store.call(_check)


def _write_probe(db: Database) -> None:
    """Take the write lock and write, then roll back: nothing is kept."""
    conn = db.conn
    conn.execute("BEGIN IMMEDIATE")
    try:
        conn.execute("CREATE TABLE _victories_health_probe (x)")
    finally:
        conn.execute("ROLLBACK")


async def write_problem(store: Store) -> str | None:
    """Why the database cannot be written right now (for /healthz); None when it can."""
    try:
        await store.run(_write_probe)
    except sqlite3.Error as err:
        return str(err)
    return None
