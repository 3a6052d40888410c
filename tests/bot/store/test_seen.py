"""The replay guard answers from memory and writes signatures behind its answers, many
in one transaction; a signature seen twice, at once or later, is refused the second
time, and what was seen survives a stop and a restart."""

from __future__ import annotations

import asyncio
import sqlite3

import pytest

from bot.store.seen import WINDOW, SeenRequests, count, recent, remember


def test_remember_prunes_the_old_and_recent_reads_the_window(store):
    store.call(remember, [("a", 100.0), ("b", 100.0), ("a", 100.0)], now=100.0)
    assert store.call(recent, now=100.0) == {"a": 100.0, "b": 100.0}
    # Past the window the platform's own time check refuses it; the row is pruned.
    store.call(remember, [("c", 500.0)], now=100.0 + WINDOW + 1)
    assert store.call(count) == 1
    assert store.call(recent, now=500.0) == {"c": 500.0}


async def test_concurrent_checks_each_get_their_own_answer(db_path, store):
    seen = SeenRequests(str(db_path))
    try:
        answers = await asyncio.gather(
            *(seen.first_time(f"sig-{n % 10}", stamp=1.0, now=1.0) for n in range(30))
        )
        assert answers.count(True) == 10 and answers[:10] == [True] * 10
        assert await seen.count() == 10
    finally:
        seen.close()


async def test_a_burst_is_written_in_one_transaction_a_moment_after_its_answers(db_path, store):
    seen = SeenRequests(str(db_path), write_after=0.05)
    try:
        for n in range(20):
            assert await seen.first_time(f"sig-{n}", stamp=1.0, now=1.0)
        assert store.call(count) == 0  # answered before anything was written
        for _ in range(100):
            await asyncio.sleep(0.02)
            if store.call(count) == 20:
                break
        assert store.call(count) == 20
    finally:
        seen.close()


async def test_signatures_not_yet_written_are_written_at_close(db_path, store):
    seen = SeenRequests(str(db_path), write_after=60)
    assert await seen.first_time("sig-a", stamp=5.0, now=5.0)
    seen.close()
    assert store.call(recent, now=5.0) == {"sig-a": 5.0}
    again = SeenRequests(str(db_path))
    try:
        assert not await again.first_time("sig-a", stamp=5.0, now=6.0)
        assert await again.first_time("sig-b", stamp=6.0, now=6.0)
    finally:
        again.close()


async def test_signatures_past_the_window_leave_memory(db_path):
    seen = SeenRequests(str(db_path))
    try:
        assert await seen.first_time("old", stamp=0.0, now=0.0)
        assert await seen.first_time("new", stamp=WINDOW, now=WINDOW + 1)
        assert seen._known == {"new": WINDOW}
        assert not await seen.first_time("new", stamp=WINDOW, now=WINDOW + 2)
    finally:
        seen.close()


async def test_a_failed_first_read_is_tried_again_at_the_next_check(db_path, store, monkeypatch):
    from bot.store import seen as seen_module

    real, calls = seen_module.recent, []

    def locked_once(db, *, now):
        calls.append(now)
        if len(calls) == 1:
            raise sqlite3.OperationalError("database is locked")
        return real(db, now=now)

    monkeypatch.setattr(seen_module, "recent", locked_once)
    seen = SeenRequests(str(db_path))
    try:
        with pytest.raises(sqlite3.OperationalError):
            await seen.first_time("sig-a", stamp=1.0, now=1.0)
        assert await seen.first_time("sig-a", stamp=1.0, now=1.0)
        assert not await seen.first_time("sig-a", stamp=1.0, now=1.0)
        assert len(calls) == 2
    finally:
        seen.close()


async def test_used_again_after_close_it_reads_and_writes_afresh(db_path, store):
    seen = SeenRequests(str(db_path), write_after=0.01)
    assert await seen.first_time("sig-a", stamp=1.0, now=1.0)
    seen.close()  # e.g. a connection stopped and started again
    try:
        assert not await seen.first_time("sig-a", stamp=1.0, now=2.0)
        assert await seen.first_time("sig-b", stamp=2.0, now=2.0)
        assert await seen.count() == 2
    finally:
        seen.close()
    assert store.call(recent, now=2.0) == {"sig-a": 1.0, "sig-b": 2.0}
