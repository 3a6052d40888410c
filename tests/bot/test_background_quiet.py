"""Work nobody waits on gives way while members wait for an answer, but never for long."""

from __future__ import annotations

import asyncio
import time

from bot.background import Tasks


async def test_quiet_at_once_when_nobody_has_been_served_lately():
    tasks = Tasks()
    started = time.monotonic()
    await tasks.when_quiet(settle=0.05, longest=2.0)
    assert time.monotonic() - started < 0.04


async def test_waits_while_a_member_is_served_and_a_moment_after():
    tasks = Tasks()
    order: list[str] = []

    async def member() -> None:
        with tasks.serving():
            await asyncio.sleep(0.1)
        order.append("answered")

    async def card() -> None:
        await asyncio.sleep(0)  # the member arrives first
        await tasks.when_quiet(settle=0.05, longest=2.0)
        order.append("card")

    started = time.monotonic()
    await asyncio.gather(member(), card())
    assert order == ["answered", "card"]
    assert time.monotonic() - started >= 0.15  # the answer, then the settle time


async def test_a_burst_that_never_ends_holds_the_work_no_longer_than_longest():
    tasks = Tasks()
    stop = asyncio.Event()

    async def members() -> None:
        while not stop.is_set():
            with tasks.serving():
                await asyncio.sleep(0.01)

    busy = asyncio.ensure_future(members())
    await asyncio.sleep(0.02)
    started = time.monotonic()
    await tasks.when_quiet(settle=0.05, longest=0.3)
    waited = time.monotonic() - started
    stop.set()
    await busy
    assert 0.28 <= waited < 1.0
