"""Work nobody waits on gives way while members wait for an answer, but never for long."""

from __future__ import annotations

import asyncio
import time

from bot.background import Lull


async def test_a_lull_at_once_when_nobody_has_been_served_lately():
    lull = Lull(settle=0.05)
    started = time.monotonic()
    await lull.wait(longest=2.0)
    assert time.monotonic() - started < 0.04


async def test_waits_while_a_member_is_served_and_a_moment_after():
    lull = Lull(settle=0.05)
    order: list[str] = []

    async def member() -> None:
        with lull.serving():
            await asyncio.sleep(0.1)
        order.append("answered")

    async def card() -> None:
        await asyncio.sleep(0)  # the member arrives first
        await lull.wait(longest=2.0)
        order.append("card")

    started = time.monotonic()
    await asyncio.gather(member(), card(), card())
    assert order == ["answered", "card", "card"]
    assert time.monotonic() - started >= 0.15  # the answer, then the settle time


async def test_members_one_after_another_keep_it_busy_until_the_last_has_settled():
    lull = Lull(settle=0.05)
    waited = asyncio.ensure_future(lull.wait(longest=2.0))
    for _ in range(5):  # each arrives within the settle time of the one before
        with lull.serving():
            await asyncio.sleep(0.01)
        await asyncio.sleep(0.03)
        assert not waited.done()
    started = time.monotonic()
    await waited
    assert time.monotonic() - started < 0.06


async def test_a_burst_that_never_ends_holds_the_work_no_longer_than_longest():
    lull = Lull(settle=0.05)
    stop = asyncio.Event()

    async def members() -> None:
        while not stop.is_set():
            with lull.serving():
                await asyncio.sleep(0.01)

    busy = asyncio.ensure_future(members())
    await asyncio.sleep(0.02)
    started = time.monotonic()
    await lull.wait(longest=0.3)
    waited = time.monotonic() - started
    stop.set()
    await busy
    assert 0.28 <= waited < 1.0


async def test_the_longest_wait_counts_from_when_the_work_was_queued():
    lull = Lull(settle=0.05)
    with lull.serving():  # a member is being answered all along
        now = asyncio.get_running_loop().time()
        started = time.monotonic()
        await lull.wait(longest=0.3, since=now - 0.5)  # queued long ago: due already
        assert time.monotonic() - started < 0.05
        started = time.monotonic()
        await lull.wait(longest=0.3, since=now - 0.1)  # queued a moment ago: the rest
        assert 0.15 <= time.monotonic() - started < 0.6
