"""P1 — submission ack latency.

Slack: `victories run` in HTTP mode (its own process) gets signed /victory requests from
50 concurrent aiohttp clients, each sending its next request when the previous one is
done. A request is done when Slack's HTTP request has been acked (200) *and* the item is
durably stored. The bot writes the member's receipt only after the commit: in the ack's
body when the commit is quick, else to the response_url, so "stored" is when the receipt
has arrived either way (a slight overestimate).
Baseline, same harness, rounds interleaved: a bare Bolt AsyncApp whose /victory handler
only acks (benchmarks/bare_bolt.py). Figure: p99 ratio, target <= 1.25.

Discord: the fake gateway dispatches /victory interactions from 50 concurrent members;
latency is until the interaction's callback (which carries the receipt, so the item is
stored) reaches the fake REST. Baseline: a bare discord.py client answering at once
(benchmarks/bare_discord.py). Reported for information.

Every client is a distinct member; a warm-up round (not counted) lets the bot cache each
member's name, as it would for regulars. Afterwards the bot's database must hold every item.
"""

from __future__ import annotations

import asyncio
import itertools
import json
import random
import sqlite3
import sys
import tempfile
import time
from pathlib import Path

import aiohttp

from benchmarks import bare_bolt, bare_discord
from benchmarks.bot_process import BotProcess, spawn, start_bot
from benchmarks.fake_platforms import SECRET, Platforms, fake_platforms
from benchmarks.p3_scale import sentence
from benchmarks.results import Result, median, percentile
from benchmarks.timed_fakes import TimedDiscord, TimedSlack
from tests.fakes import discord_events
from tests.fakes.discord_api import FakeDiscord
from tests.fakes.slack_requests import form_body, signature_headers, slash_command

ROOT = Path(__file__).resolve().parents[1]
CLIENTS = 50
TIMEOUT = 30.0  # per request; a stuck request fails the benchmark instead of hanging it
_ids = itertools.count()


async def slack_round(
    session: aiohttp.ClientSession, fake: TimedSlack, url: str, *, per_client: int, stored: bool
) -> list[tuple[float, float]]:
    """Per request, the seconds until acked and until done: acked and (``stored``) its
    receipt arrived."""
    rng = random.Random(len(fake.calls))
    latencies: list[tuple[float, float]] = []

    async def client(k: int) -> None:
        for _ in range(per_client):
            name = f"r{next(_ids)}"
            body = form_body(
                slash_command(
                    text=sentence(rng),
                    user_id=f"UB{k:03d}",
                    user_name=f"member{k}",
                    response_url=fake.response_url(name),
                )
            )
            headers = signature_headers(SECRET, body)
            started = time.perf_counter()
            async with session.post(url, data=body.encode(), headers=headers) as answer:
                content = await answer.read()
                acked = time.perf_counter()
                assert answer.status == 200, f"status {answer.status}"
            done = acked
            if stored:
                # The bot's receipt rides on the ack when the commit is quick (it is sent
                # only after the commit); otherwise it follows via the response_url.
                receipt = json.loads(content) if content.startswith(b"{") else {}
                if "#" not in receipt.get("text", ""):
                    at, receipt = await fake.arrivals.wait(name, TIMEOUT)
                    done = max(acked, at)
                assert "#" in receipt.get("text", ""), receipt  # a receipt, not a refusal
            latencies.append((acked - started, done - started))

    await asyncio.wait_for(asyncio.gather(*(client(k) for k in range(CLIENTS))), 300)
    return latencies


async def discord_round(
    fake: TimedDiscord, channel: str, *, per_client: int
) -> list[tuple[float, float]]:
    """Per interaction, the seconds until its answer arrived (twice, like ``slack_round``)."""
    rng = random.Random(len(fake.calls))
    people = [p for p in fake.people.values() if not p.bot]
    latencies: list[tuple[float, float]] = []

    async def member(k: int) -> None:
        for _ in range(per_client):
            started = time.perf_counter()
            token = await discord_events.slash(
                fake, people[k], "victory", channel_id=channel, text=sentence(rng)
            )
            at, status = await fake.arrivals.wait(token, TIMEOUT)
            assert status == 200, status
            latencies.append((at - started, at - started))

    await asyncio.wait_for(asyncio.gather(*(member(k) for k in range(CLIENTS))), 300)
    return latencies


def add_members(slack: TimedSlack | None, discord: FakeDiscord | None) -> None:
    for k in range(CLIENTS):
        if slack:
            slack.add_user(f"UB{k:03d}", f"Member Number{k}")
        if discord:
            discord.add_person(f"Member {k}")


async def bare_processes(slack: Platforms, discord: Platforms) -> tuple[BotProcess, BotProcess]:
    bolt = await spawn(
        [
            sys.executable,
            "-m",
            "benchmarks.bare_bolt",
            str(slack.slack_port),
            SECRET,
            slack.slack.api_url,
        ],
        cwd=ROOT,
        env={},
        ready_line=bare_bolt.READY_LINE,
    )
    fake = discord.discord
    client = await spawn(
        [
            sys.executable,
            "-m",
            "benchmarks.bare_discord",
            "bench-token",
            fake.api_url,
            fake.gateway_url,
            fake.app_id,
        ],
        cwd=ROOT,
        env={},
        ready_line=bare_discord.READY_LINE,
    )
    return bolt, client


def stored_count(db: Path) -> int:
    with sqlite3.connect(f"file:{db}?mode=ro", uri=True) as conn:
        return conn.execute("SELECT count(*) FROM victories").fetchone()[0]


async def measure(
    rounds: int, per_client: int, workdir: Path
) -> dict[str, list[tuple[float, float]]]:
    found: dict[str, list] = {k: [] for k in ("slack", "bolt", "discord", "bare_discord")}
    async with (
        fake_platforms(slack=TimedSlack, discord=TimedDiscord) as ours,
        fake_platforms(slack=TimedSlack, discord=None) as bare_slack,
        fake_platforms(slack=None, discord=TimedDiscord) as bare_dc,
        aiohttp.ClientSession(connector=aiohttp.TCPConnector(limit=CLIENTS)) as session,
    ):
        add_members(ours.slack, ours.discord)
        add_members(bare_slack.slack, bare_dc.discord)
        bot = await start_bot(workdir, config=ours.config(), env=ours.env())
        bolt, client = await bare_processes(bare_slack, bare_dc)
        sent = 0
        try:
            for n in range(rounds + 1):  # round 0 warms up and is not counted
                count = per_client if n else 1
                runs = {
                    "bolt": slack_round(
                        session,
                        bare_slack.slack,
                        bare_slack.events_url,
                        per_client=count,
                        stored=False,
                    ),
                    "slack": slack_round(
                        session, ours.slack, ours.events_url, per_client=count, stored=True
                    ),
                    "bare_discord": discord_round(
                        bare_dc.discord, bare_dc.discord_news, per_client=count
                    ),
                    "discord": discord_round(ours.discord, ours.discord_news, per_client=count),
                }
                for key, run_one in runs.items():
                    latencies = await run_one
                    if n:
                        found[key] += latencies
                sent += 2 * CLIENTS * count
        finally:
            for process in (bot, bolt, client):
                await process.stop()
        stored = stored_count(workdir / "bot.db")
        assert stored == sent, f"{stored} items stored of {sent} submitted"
    return found


def done(latencies: list[tuple[float, float]]) -> list[float]:
    return [finished for _, finished in latencies]


def ms(values: list[float], q: float) -> float:
    return percentile(values, q) * 1000


def run(*, quick: bool = False) -> list[Result]:
    rounds, per_client = (1, 1) if quick else (5, 4)
    with tempfile.TemporaryDirectory() as tmp:
        found = asyncio.run(measure(rounds, per_client, Path(tmp) / "bot"))
    slack, bolt = done(found["slack"]), done(found["bolt"])
    dc, bare_dc = done(found["discord"]), done(found["bare_discord"])
    slack_acks = [ack for ack, _ in found["slack"]]
    return [
        Result(
            "P1",
            "slack ack+stored p99 / bare Bolt ack p99",
            percentile(slack, 99) / percentile(bolt, 99),
            "x",
            "<= 1.25",
            f"p50 {ms(slack, 50):.0f}/{ms(bolt, 50):.0f} ms, p99 {ms(slack, 99):.0f}/"
            f"{ms(bolt, 99):.0f} ms (ours/bare), {len(slack)} requests, {CLIENTS} clients",
        ),
        Result(
            "P1",
            "slack ack+stored p50 / bare Bolt ack p50",
            median(slack) / median(bolt),
            "x",
        ),
        Result(
            "P1",
            "slack ack alone p99 / bare Bolt ack p99",
            percentile(slack_acks, 99) / percentile(bolt, 99),
            "x",
            note=f"p50 {ms(slack_acks, 50):.0f} ms, p99 {ms(slack_acks, 99):.0f} ms",
        ),
        Result(
            "P1",
            "discord interaction answer p99 / bare discord.py",
            percentile(dc, 99) / percentile(bare_dc, 99),
            "x",
            note=f"p50 {ms(dc, 50):.0f}/{ms(bare_dc, 50):.0f} ms, p99 {ms(dc, 99):.0f}/"
            f"{ms(bare_dc, 99):.0f} ms (ours/bare), {len(dc)} interactions",
        ),
    ]
