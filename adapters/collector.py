"""Python's garbage collector, set for a bot that has started and now answers members."""

from __future__ import annotations

import gc


def settle_after_start_up() -> None:
    """Call once everything has started. Start-up's objects (Bolt, discord.py, templates,
    catalogs) live as long as the bot: full collections scanning them paused answers
    40-70 ms under P1, so they are frozen out of every later collection.

    Frozen, they no longer count as long-lived, so CPython's rule that a full collection
    waits until a quarter more objects are long-lived stops holding it back: one ran
    every ~70,000 net allocations, pausing answers 18-46 ms four times in a P6 run.
    Full collections now come after 100 middle-generation passes, not 10 (once a run);
    most cycles die young and are collected by the younger generations meanwhile."""
    gc.freeze()
    gc.set_threshold(700, 10, 100)
