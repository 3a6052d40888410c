"""P5 (first part): many communities due in the same minute, served by one process.

1,000 communities (500 on Slack, 500 on Discord in full mode), each with one approved
item and 100 digest channels, all due Friday 10:00 New York. Their schedules are run the
way APScheduler would at that minute, through the real core (store, selection, delivery
rows, confirmations) against surfaces that accept every post at once. Measured: the time
to compose and freeze all issues and the time until every channel has its issue, messages
lost and duplicated, and peak RSS. Not yet measured: the fan-out against the platforms'
rate limits at this scale (that needs time-scaled fakes; P2 measures it for one
community), so the 1.10x target is not reported here.
"""

from __future__ import annotations

import asyncio
import concurrent.futures
import datetime as dt
import multiprocessing
import tempfile
import time
from pathlib import Path
from typing import Any

from benchmarks.memory import peak_rss_mb
from benchmarks.results import Result
from bot.clock import ManualClock
from bot.config import parse_config
from bot.core import Core
from bot.document import Document
from bot.issues.schedules import Schedules
from bot.model import Actor, Community, Decision, Submission
from bot.render.plain import render_plain
from bot.store.database import Store
from bot.surfaces import Surface

WEDNESDAY = dt.datetime(2026, 11, 25, 17, tzinfo=dt.UTC)
DUE = dt.datetime(2026, 11, 27, 15, 0, 30, tzinfo=dt.UTC)  # Friday 10:00 in New York
EDITOR = Actor("console", "editor", "Editor")


class OpenSurface(Surface):
    """A platform with no limits: every part lands at once (the core's own cost)."""

    def __init__(self, name: str, channels: int) -> None:
        self.name, self.channels = name, channels
        self.sent: dict[tuple[str, str], int] = {}

    def review_channel_for(self, community: Community) -> str | None:
        return None

    def digest_channels_for(self, community: Community) -> tuple[str, ...]:
        if (community.id % 2 == 0) != (self.name == "slack"):
            return ()
        return tuple(f"c{community.id}-{n}" for n in range(self.channels))

    async def post_card(self, **kwargs: Any) -> tuple[str, str] | None:
        return None

    async def update_card(self, **kwargs: Any) -> None:
        return None

    async def notify(self, **kwargs: Any) -> bool:
        return True

    async def tell_moderators(self, **kwargs: Any) -> None:
        return None

    def render_issue(self, issue: Document) -> list[Any]:
        return [render_plain(issue)]

    async def send_part(self, *, channel: str, part: Any, key: str, **kwargs: Any) -> str:
        self.sent[(channel, key)] = self.sent.get((channel, key), 0) + 1
        return f"{channel}:{key}"


async def _serve(communities: int, channels: int) -> tuple[float, list[OpenSurface]]:
    """Build the communities, run every schedule due the same minute; return the wall
    time of that minute's work and the surfaces (what they received)."""
    with tempfile.TemporaryDirectory() as folder:
        store = Store(Path(folder) / "p5.db")
        clock = ManualClock(WEDNESDAY)
        config = parse_config({"intake": {"cooldown": "0s"}}, source="bench")
        core = Core(store=store, config=config, clock=clock)
        surfaces = [OpenSurface("slack", channels), OpenSurface("discord", channels)]
        for surface in surfaces:
            core.attach(surface)
        made = [core.community]
        for n in range(1, communities):
            made.append(await core.communities.for_place("console", f"c{n}", create=True))
        for community in made:
            receipt = await core.submissions.submit(community, EDITOR, Submission(text="News"))
            await core.review.decide(community, EDITOR, receipt.number, Decision.APPROVE)
        schedules = Schedules(issues=core.issues, outreach=core.outreach, store=store, clock=clock)
        await schedules.start(made)
        clock.current = DUE
        started = time.perf_counter()
        await asyncio.gather(*(s.run_due() for s in schedules.by_community.values()))
        served = time.perf_counter() - started
        schedules.stop()
        await core.settle()
        store.close()
    return served, surfaces


async def _measure(communities: int, channels: int) -> list[Result]:
    frozen, _ = await _serve(communities, 0)  # no channels: composing and freezing only
    served, surfaces = await _serve(communities, channels)
    sent = {key: count for surface in surfaces for key, count in surface.sent.items()}
    expected = communities * channels
    duplicated = sum(count - 1 for count in sent.values())
    peak_mb = peak_rss_mb()
    note = f"{communities} communities x {channels} channels, all due the same minute"
    return [
        Result(
            "P5",
            "compose and freeze every community's issue",
            frozen,
            "s",
            "<= 5",
            f"{communities} communities, all due the same minute",
        ),
        Result("P5", "... and send each to every channel (no rate limits)", served, "s", "", note),
        Result("P5", "messages lost", expected - len(sent), "", "<= 0"),
        Result("P5", "messages duplicated", duplicated, "", "<= 0"),
        Result("P5", "peak RSS of the benchmark process", peak_mb, "MB", "<= 300"),
    ]


def _in_child(quick: bool) -> list[Result]:
    return asyncio.run(_measure(20, 5) if quick else _measure(1000, 100))


def run(*, quick: bool = False) -> list[Result]:
    # In a child process of its own, so its peak memory is its own and does not count
    # against the benchmarks that run after it in this process (E1, P6).
    context = multiprocessing.get_context("spawn")
    with concurrent.futures.ProcessPoolExecutor(max_workers=1, mp_context=context) as pool:
        return pool.submit(_in_child, quick).result()
