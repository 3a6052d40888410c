"""The replay guard records requests by group commit: a burst is one transaction, and a
signature seen twice, in one batch or across batches, is refused the second time."""

from __future__ import annotations

import asyncio

from bot.store.seen import WINDOW, SeenRequests, first_times


def test_a_batch_refuses_its_own_repeats_and_prunes_the_old(store):
    assert store.call(first_times, [("a", 100.0), ("b", 100.0), ("a", 100.0)], now=100.0) == [
        True,
        True,
        False,
    ]
    assert store.call(first_times, [("a", 100.0)], now=100.0 + WINDOW - 1) == [False]
    # Past the window the platform's own time check refuses it; the row is pruned.
    assert store.call(first_times, [("c", 500.0)], now=100.0 + WINDOW + 1) == [True]
    assert store.call(first_times, [("a", 500.0)], now=100.0 + WINDOW + 1) == [True]


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
