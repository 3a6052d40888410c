"""Named schema steps, applied once each, in order, and recorded in the database.

The record is sqlite-utils' own ``_sqlite_migrations`` table (the same columns and unique
index), so a database upgraded by earlier versions, which used sqlite-utils' runner, reads
the same here and the other way round. We run the steps ourselves because importing
sqlite-utils costs about 40 ms of start-up and a step needs only SQL.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass

from bot.store.sqlite import Database

TABLE = "_sqlite_migrations"


@dataclass(frozen=True)
class Step:
    name: str
    fn: Callable[[Database], None]
    transactional: bool = True


class Migrations:
    def __init__(self, name: str) -> None:
        self.name = name  # the migration set, as sqlite-utils names it
        self.steps: list[Step] = []

    def __call__(
        self, *, name: str, transactional: bool = True
    ) -> Callable[[Callable[[Database], None]], Callable[[Database], None]]:
        """Register the decorated function as the step ``name``. ``transactional=False``
        for a step that manages its own transactions (or runs what cannot be in one)."""

        def register(fn: Callable[[Database], None]) -> Callable[[Database], None]:
            if any(step.name == name for step in self.steps):
                raise ValueError(f"schema step {name!r} is registered twice")
            self.steps.append(Step(name, fn, transactional))
            return fn

        return register

    def applied(self, db: Database) -> list[str]:
        """The names of the steps this database has had, in the order they ran."""
        if not db.has_table(TABLE):
            return []
        rows = db.execute(
            f"SELECT name FROM {TABLE} WHERE migration_set = ? ORDER BY id", [self.name]
        )
        return [name for (name,) in rows]

    def pending(self, db: Database) -> list[Step]:
        done = set(self.applied(db))
        return [step for step in self.steps if step.name not in done]

    def apply(self, db: Database, *, stop_before: str | None = None) -> None:
        """Run every pending step in order (up to, not including, ``stop_before``: how
        tests make a database of an earlier version). A step that fails is rolled back
        (when transactional) and stays pending, and the steps after it do not run."""
        pending = self.pending(db)
        if stop_before is not None:
            names = [step.name for step in pending]
            pending = pending[: names.index(stop_before)] if stop_before in names else pending
        if not pending:
            return
        db.execute(
            f"CREATE TABLE IF NOT EXISTS {TABLE} (id INTEGER PRIMARY KEY, migration_set TEXT,"
            " name TEXT, applied_at TEXT)"
        )
        db.execute(
            f"CREATE UNIQUE INDEX IF NOT EXISTS idx_{TABLE}_migration_set_name"
            f" ON {TABLE} (migration_set, name)"
        )
        for step in pending:
            if step.transactional:
                with db.atomic():
                    step.fn(db)
                    self._record(db, step.name)
            else:
                step.fn(db)
                self._record(db, step.name)

    def _record(self, db: Database, name: str) -> None:
        db.execute(
            f"INSERT INTO {TABLE} (migration_set, name, applied_at) VALUES (?, ?, ?)",
            [self.name, name, str(dt.datetime.now(dt.UTC))],
        )
