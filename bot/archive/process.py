"""The archive's render process: forked from a warm forkserver, not spawned per publish.

Spawning a fresh interpreter per publish costs 0.2-0.3 s (imports, noisy). Forking the bot
itself is unsafe: it has threads (the database thread, the executor's), and a fork copies
their locks in whatever state they are in. A ``forkserver`` is a separate, single-threaded
process started on first use with the render modules imported (``set_forkserver_preload``),
so every later render is a cheap fork of a warm process. It reads a pipe from the bot and
exits when the bot exits (however it exits), so it never outlives it.
"""

from __future__ import annotations

import asyncio
import logging
import multiprocessing
from collections.abc import Callable
from concurrent.futures import ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from typing import TypeVar

T = TypeVar("T")
log = logging.getLogger("victories.archive")
# Imported once in the server, so a forked worker starts with jinja2, feedgen and the
# render code in memory. "__main__" too (the stdlib's default): every worker otherwise
# imports the bot's main script again before it starts (as a spawned one would).
PRELOAD = ["__main__", "bot.archive.warm"]


def in_worker(work: Callable[[], T]) -> T:
    """``work()`` in a process forked from the forkserver, its result sent back pickled.
    Blocks while the server starts (first use) and the work runs: call it from a thread.
    Raises OSError or BrokenProcessPool when no process can be had."""
    if "forkserver" not in multiprocessing.get_all_start_methods():
        raise OSError("no forkserver on this platform")
    context = multiprocessing.get_context("forkserver")
    context.set_forkserver_preload(PRELOAD)
    with ProcessPoolExecutor(max_workers=1, mp_context=context) as pool:
        return pool.submit(work).result()


async def off_the_loop(work: Callable[[], T]) -> T:
    """``work()`` in a render process, or in a thread when no process can be had (a thread
    still keeps the database thread free, but holds the GIL against the event loop).
    Rendering is pure CPU: in the bot's own process it would make every ack wait its turn.
    Starting the process waits on the forkserver, so a thread (idle meanwhile) waits."""
    try:
        return await asyncio.to_thread(in_worker, work)
    except (OSError, BrokenProcessPool) as error:  # a failed write fails again, and is raised
        log.warning("no render process (%s); rendering the archive in a thread", error)
        return await asyncio.to_thread(work)
