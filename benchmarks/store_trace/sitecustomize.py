"""P6's trace of the bot (``P6_TRACE=/some/prefix python -m benchmarks --only P6``).

Not part of the bot: the harness puts this directory on the bot process's PYTHONPATH, so
Python imports it at start-up. It wraps, in that process only, what can hold up an ack,
and writes what it saw to ``$VICTORIES_TRACE.<pid>`` at exit (JSON, monotonic clock, the
harness's ``time.perf_counter`` on Linux):

- ``jobs``: every ``Store.run`` unit of work: [queued, started, seconds, name];
- ``commits``: every top-level transaction: [begun, seconds to COMMIT, COMMIT seconds,
  (WAL frames, frames checkpointed) before and after COMMIT, seconds waiting to begin];
  the two counters are read from the WAL-index header in the ``-shm`` file
  (https://www.sqlite.org/walformat.html), so a checkpoint inside a COMMIT shows;
- ``restarts``: the Checkpointer's WAL restarts run on the store's thread;
- ``gc``: collections of generation 2, or longer than 10 ms: [start, seconds, generation];
- ``slow``: event-loop callbacks longer than 20 ms: [start, seconds, what];
- ``spawn``: processes started (the archive render): [start, seconds].
"""

from __future__ import annotations

import os

if os.environ.get("VICTORIES_TRACE"):
    import asyncio
    import asyncio.events
    import atexit
    import contextlib
    import gc
    import json
    import multiprocessing.process
    import struct
    import time

    OUT = f"{os.environ['VICTORIES_TRACE']}.{os.getpid()}"
    seen: dict[str, list] = {k: [] for k in ("jobs", "commits", "restarts", "gc", "slow", "spawn")}
    now = time.monotonic

    def _wal_index(path: str) -> tuple[int, int]:
        try:
            with open(path + "-shm", "rb") as shm:
                head = shm.read(100)
            return struct.unpack_from("=I", head, 16)[0], struct.unpack_from("=I", head, 96)[0]
        except (OSError, struct.error):
            return -1, -1

    _gc_started = [0.0]

    def _on_gc(phase: str, info: dict) -> None:
        if phase == "start":
            _gc_started[0] = now()
            return
        took = now() - _gc_started[0]
        if info["generation"] == 2 or took > 0.01:
            seen["gc"].append([_gc_started[0], took, info["generation"]])

    gc.callbacks.append(_on_gc)

    _run_handle = asyncio.events.Handle._run

    def _timed_run(self) -> None:
        started = now()
        _run_handle(self)
        if now() - started > 0.02:
            seen["slow"].append([started, now() - started, repr(self)[:200]])

    asyncio.events.Handle._run = _timed_run  # type: ignore[method-assign]

    _start_process = multiprocessing.process.BaseProcess.start

    def _timed_start(self) -> None:
        started = now()
        _start_process(self)
        seen["spawn"].append([started, now() - started])

    multiprocessing.process.BaseProcess.start = _timed_start  # type: ignore[method-assign]

    def _write() -> None:
        with open(OUT, "w") as out:
            json.dump(seen, out)

    atexit.register(_write)

    import bot.store.database as database
    import bot.store.sqlite as sqlite
    from bot.store import writers

    _atomic = sqlite.Database.atomic
    _paths: dict[int, str] = {}  # id(connection) -> database file

    @contextlib.contextmanager
    def _timed_atomic(self):
        if self.conn.in_transaction:
            with _atomic(self):
                yield self
            return
        path = _paths.get(id(self.conn), "")
        begun = now()
        with writers.turn(self.writer, self.busy_timeout):
            self.conn.execute("BEGIN IMMEDIATE")
            waited = now() - begun
            try:
                yield self
            except BaseException:
                self.rollback()
                raise
            body = now() - begun
            before = _wal_index(path)
            try:
                self.conn.execute("COMMIT")
            except BaseException:
                self.rollback()
                raise
            seen["commits"].append(
                [begun, body, now() - begun - body, before, _wal_index(path), waited]
            )

    sqlite.Database.atomic = _timed_atomic  # type: ignore[method-assign]

    _open = database.Store.__init__

    def _traced_init(self, path, **options) -> None:
        _open(self, path, **options)
        _paths[id(self.db.conn)] = str(path)

    database.Store.__init__ = _traced_init  # type: ignore[method-assign]

    async def _timed_job(self, fn, *args, **kwargs):
        queued, name = now(), getattr(fn, "__qualname__", repr(fn))[:60]

        def job():
            started = now()
            try:
                return fn(self.db, *args, **kwargs)
            finally:
                seen["jobs"].append([queued, started, now() - started, name])

        return await asyncio.get_running_loop().run_in_executor(self._executor, job)

    database.Store.run = _timed_job  # type: ignore[method-assign]

    _restart = database.restart_wal

    def _timed_restart(db) -> None:
        started = now()
        try:
            _restart(db)
        finally:
            seen["restarts"].append([started, now() - started])

    database.restart_wal = _timed_restart
