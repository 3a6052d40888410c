"""The handle every store function receives: a thin layer over one sqlite3 connection.

Our queries are plain SQL, so this is all the hot path needs: ``execute``, ``query`` (rows
as dicts), ``executescript`` and ``atomic`` transactions. sqlite-utils' ``Database`` offers
the same and much more, but importing it costs about 40 ms of start-up (its CLI, plugin
manager and date parser come with it) and its ``query()`` wraps every read in a
savepoint. Its table API is still here, loaded on first use, for the JSON import and
export (``db.table(name)``, ``db[name]``).

The connection is in autocommit mode (``isolation_level=None``): a statement outside
``atomic()`` commits on its own, and ``atomic()`` opens the transaction explicitly.
"""

from __future__ import annotations

import contextlib
import itertools
import sqlite3
from collections.abc import Iterator, Mapping, Sequence
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    import sqlite_utils
    from sqlite_utils.db import Table

Params = Sequence[Any] | Mapping[str, Any] | None
_savepoints = itertools.count(1)


class Database:
    def __init__(self, conn: sqlite3.Connection) -> None:
        self.conn = conn
        self._tables: sqlite_utils.Database | None = None

    def execute(self, sql: str, parameters: Params = None) -> sqlite3.Cursor:
        if parameters is None:
            return self.conn.execute(sql)
        return self.conn.execute(sql, parameters)

    def executescript(self, sql: str) -> sqlite3.Cursor:
        if not self.conn.in_transaction:
            return self.conn.executescript(sql)
        # sqlite3's executescript() would COMMIT the open transaction first: run the
        # statements one by one instead (a ';' inside a string or trigger is no end).
        cursor = self.conn.cursor()
        pending = ""
        for piece in sql.split(";"):
            pending += piece + ";"
            if pending.strip(" \t\n;") and sqlite3.complete_statement(pending):
                cursor.execute(pending)
                pending = ""
        return cursor

    def query(self, sql: str, params: Params = None) -> Iterator[dict[str, Any]]:
        """Run ``sql`` now and yield its rows as dicts, keyed by column name."""
        cursor = self.execute(sql, params)
        if cursor.description is None:
            raise ValueError("query() is for statements that return rows; use execute()")
        keys = [column[0] for column in cursor.description]
        return (dict(zip(keys, row, strict=True)) for row in cursor)

    @contextlib.contextmanager
    def atomic(self) -> Iterator[Database]:
        """One transaction; nested, a savepoint. It starts with ``BEGIN IMMEDIATE``: the
        write lock is taken (waiting up to the busy timeout) before the first read. A plain
        ``BEGIN`` reads first, and when another process commits meanwhile SQLite refuses
        the later write at once ("database is locked") without waiting, since the
        transaction's snapshot is stale."""
        if self.conn.in_transaction:
            name = f"nested_{next(_savepoints)}"
            self.conn.execute(f"SAVEPOINT {name}")
            try:
                yield self
            except BaseException:
                if self.conn.in_transaction:  # an error may have ended it already
                    self.conn.execute(f"ROLLBACK TO SAVEPOINT {name}")
                    self.conn.execute(f"RELEASE SAVEPOINT {name}")
                raise
            self.conn.execute(f"RELEASE SAVEPOINT {name}")
            return
        self.conn.execute("BEGIN IMMEDIATE")
        try:
            yield self
        except BaseException:
            self.rollback()
            raise
        try:
            self.conn.execute("COMMIT")
        except BaseException:
            self.rollback()
            raise

    def rollback(self) -> None:
        if self.conn.in_transaction:
            self.conn.execute("ROLLBACK")

    def table_names(self) -> list[str]:
        rows = self.conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")
        return [name for (name,) in rows]

    def has_table(self, name: str) -> bool:
        found = self.conn.execute(
            "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?", [name]
        )
        return found.fetchone() is not None

    def table(self, name: str) -> Table:
        return self._table_api().table(name)

    def __getitem__(self, name: str) -> Table:
        return self.table(name)

    def _table_api(self) -> sqlite_utils.Database:
        if self._tables is None:
            import sqlite_utils  # only the JSON import/export and tests need tables

            self._tables = sqlite_utils.Database(self.conn, execute_plugins=False)
        return self._tables

    def close(self) -> None:
        self.conn.close()
