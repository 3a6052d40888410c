"""Group commit with a linger: an item on its own is handled at once; items that keep
coming (a burst) wait a moment for company and are handled together, in order, each
caller getting its own result."""

from __future__ import annotations

import asyncio
import logging

import pytest

from bot.background import Tasks
from bot.store.batching import Batcher


async def _trickle(linger: float) -> tuple[list[list[int]], list[int]]:
    """One item, then three more a few event-loop turns apart (far less than 0.2 s)."""
    batches: list[list[int]] = []

    async def handle(items: list[int]) -> list[int]:
        batches.append(list(items))
        return [item * 10 for item in items]

    tasks = Tasks()
    batcher: Batcher[int, int] = Batcher(handle, tasks=tasks, what="test", linger=linger)
    results = [await batcher.put(1)]
    waiting = []
    for n in (2, 3, 4):
        waiting.append(asyncio.ensure_future(batcher.put(n)))
        for _ in range(3):
            await asyncio.sleep(0)
    results += await asyncio.gather(*waiting)
    await tasks.settle()
    return batches, results


async def test_a_lone_item_goes_at_once_and_a_trickle_after_it_is_grouped():
    batches, results = await _trickle(0.2)
    assert batches == [[1], [2, 3, 4]]
    assert results == [10, 20, 30, 40]


@pytest.mark.parametrize("linger", [0.0])
async def test_without_linger_each_arrival_is_handled_at_once(linger):
    batches, results = await _trickle(linger)
    assert batches == [[1], [2], [3], [4]]
    assert results == [10, 20, 30, 40]


async def test_put_nowait_needs_no_task_of_its_own_and_a_failure_is_logged(caplog):
    tasks = Tasks()
    handled: list[list[int]] = []

    async def handle(items: list[int]) -> list[None]:
        handled.append(items)
        if 13 in items:
            raise RuntimeError("disk full")
        return [None] * len(items)

    batcher: Batcher[int, None] = Batcher(handle, tasks=tasks, what="cards on test")
    with caplog.at_level(logging.ERROR, logger="victories.background"):
        for item in (1, 2, 3):
            batcher.put_nowait(item)
        assert len(tasks._running) == 1  # one drain for the three, in the order queued
        await tasks.settle()
        batcher.put_nowait(13)
        await tasks.settle()
    assert handled == [[1, 2, 3], [13]]  # queued together, handled together
    (record,) = [r for r in caplog.records if "cards on test" in r.getMessage()]
    assert "disk full" in str(record.exc_info[1])
