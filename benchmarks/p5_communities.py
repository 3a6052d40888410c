"""P5: many communities due in the same minute, served by one process.

1,000 communities (500 on Slack, 500 on Discord in full mode), each with one approved
item and 100 digest channels, all due Friday 10:00 New York. Their schedules are run the
way APScheduler would at that minute, through the real core (store, selection, delivery
rows, confirmations), three times: with no channels (the time to compose and freeze all
issues), against surfaces that accept every post at once (the core's own cost), and
against the platforms' rate limits on a clock running ``SCALE`` times faster
(benchmarks/p5_limits.py says how, and why the figure can only err against the bot).
The limited run's wall time, from the minute's first job to the last part landing, is
compared with the least time the limits allow (``lower_bound``: Discord's global 50
requests a second over 50,000 channels, about 1,000 s; no Slack limit binds at 100
channels a workspace). Then messages lost and duplicated, and peak RSS.
"""

from __future__ import annotations

import asyncio
import concurrent.futures
import datetime as dt
import multiprocessing
import random
import tempfile
import time
from pathlib import Path
from typing import Any

from benchmarks.fanout_accounting import lower_bound
from benchmarks.memory import peak_rss_mb
from benchmarks.p5_limits import SCALE, DiscordClient, ScaledClock, SlackWorkspace
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
        # Numbers, as Discord's channel ids are (its route limits are keyed by them).
        return tuple(str(community.id * 1000 + n) for n in range(self.channels))

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


class LimitedSurface(OpenSurface):
    """A platform whose limits are enforced on a scaled clock, sent to the way its client
    library would (see benchmarks/p5_limits.py)."""

    def __init__(self, name: str, channels: int, clock: ScaledClock) -> None:
        super().__init__(name, channels)
        self.clock, self.last, self.first = clock, 0.0, float("inf")
        self.rng = random.Random(5)
        self.discord = DiscordClient(clock) if name == "discord" else None
        self.workspaces: dict[int, SlackWorkspace] = {}

    async def send_part(self, *, channel: str, part: Any, key: str, **kwargs: Any) -> str:
        self.first = min(self.first, self.clock())
        if self.discord is not None:
            await self.discord.post(channel)
        else:
            community = int(channel) // 1000  # one workspace per community
            if community not in self.workspaces:
                self.workspaces[community] = SlackWorkspace(self.clock, rng=self.rng)
            await self.workspaces[community].post(channel)
        self.last = max(self.last, self.clock())
        return await super().send_part(channel=channel, part=part, key=key)


async def _serve(
    communities: int, surfaces: list[OpenSurface], clock: ScaledClock | None = None
) -> float:
    """Build the communities, run every schedule due the same minute; return the wall
    time of that minute's work (on ``clock`` when given: until the last part landed)."""
    with tempfile.TemporaryDirectory() as folder:
        store = Store(Path(folder) / "p5.db")
        manual = ManualClock(WEDNESDAY)
        config = parse_config({"intake": {"cooldown": "0s"}}, source="bench")
        core = Core(store=store, config=config, clock=manual)
        for surface in surfaces:
            core.attach(surface)
        made = [core.community]
        for n in range(1, communities):
            made.append(await core.communities.for_place("console", f"c{n}", create=True))
        for community in made:
            receipt = await core.submissions.submit(community, EDITOR, Submission(text="News"))
            await core.review.decide(community, EDITOR, receipt.number, Decision.APPROVE)
        schedules = Schedules(issues=core.issues, outreach=core.outreach, store=store, clock=manual)
        await schedules.start(made)
        manual.current = DUE
        if clock is not None:
            clock.restart()  # the limited run reads its clock from the minute's start
        started = time.perf_counter() if clock is None else 0.0
        await asyncio.gather(*(s.run_due() for s in schedules.by_community.values()))
        if clock is None:
            served = time.perf_counter() - started
        else:
            served = max(getattr(s, "last", 0.0) for s in surfaces) - started
        schedules.stop()
        await core.settle()
        store.close()
    return served


def _accounting(surfaces: list[OpenSurface], expected: int) -> tuple[int, int]:
    sent = {key: count for surface in surfaces for key, count in surface.sent.items()}
    return expected - len(sent), sum(count - 1 for count in sent.values())


async def _measure(communities: int, channels: int, scale: float = SCALE) -> list[Result]:
    frozen = await _serve(communities, [OpenSurface("slack", 0), OpenSurface("discord", 0)])
    open_surfaces = [OpenSurface("slack", channels), OpenSurface("discord", channels)]
    served = await _serve(communities, open_surfaces)
    clock = ScaledClock(scale)
    limited = [LimitedSurface(name, channels, clock) for name in ("slack", "discord")]
    wall = await _serve(communities, limited, clock)
    expected = communities * channels
    lost, doubled = map(
        sum, zip(_accounting(open_surfaces, expected), _accounting(limited, expected), strict=True)
    )
    discord = limited[1].discord
    assert discord is not None
    bound = lower_bound(
        slack_parts=1,
        slack_channels=channels,  # in each workspace: one per community
        discord_parts=1,
        discord_channels=(communities // 2) * channels,
    )
    slack_429 = sum(w.fake.limited for w in limited[0].workspaces.values())
    peak_mb = peak_rss_mb()
    note = f"{communities} communities x {channels} channels, all due the same minute"
    limits_note = (
        f"{wall:.0f} s vs lower bound {bound:.0f} s on a clock {scale:.0f}x faster "
        f"(first part sent {min(s.first for s in limited):.0f} s into the minute); "
        f"429s: slack {slack_429}, discord global {discord.limited['global']}, "
        f"per route {discord.limited['user']}"
    )
    fan_out = (
        Result(
            "P5",
            "fan-out under the rate limits, wall / lower bound",
            wall / bound,
            "x",
            "<= 1.10",
            limits_note,
        )
        if bound > 0
        else Result(
            "P5", "fan-out under the rate limits (no limit binds)", wall, "s", note=limits_note
        )
    )
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
        fan_out,
        Result("P5", "messages lost (both runs)", lost, "", "<= 0"),
        Result("P5", "messages duplicated (both runs)", doubled, "", "<= 0"),
        Result("P5", "peak RSS of the benchmark process", peak_mb, "MB", "<= 300"),
    ]


def _in_child(quick: bool) -> list[Result]:
    return asyncio.run(_measure(20, 10) if quick else _measure(1000, 100))


def run(*, quick: bool = False) -> list[Result]:
    # In a child process of its own, so its peak memory is its own and does not count
    # against the benchmarks that run after it in this process (E1, P6).
    context = multiprocessing.get_context("spawn")
    with concurrent.futures.ProcessPoolExecutor(max_workers=1, mp_context=context) as pool:
        return pool.submit(_in_child, quick).result()
