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

One process runs at a time: while a round is measured, every other process (the bot or
a baseline) is frozen with SIGSTOP, so no background work (the bot posting review cards)
shares the CPU with a baseline, nor a baseline with the bot. After its round a process
is left running until it is idle (no CPU for 150 ms), so what it does after the answers
is counted in its CPU per request but not carried into the next round. Every measured request comes
from a member the bot has never seen (so Slack's name lookup is on the path, as for a new
member); a warm-up round, with other members, is not counted. Afterwards the bot's
database must hold every item. The clients' process collects its garbage between rounds,
never during one.
"""

from __future__ import annotations

import asyncio
import gc
import sqlite3
import sys
import tempfile
from pathlib import Path

import aiohttp

from benchmarks import bare_bolt, bare_discord
from benchmarks.ack_load import CLIENTS, discord_round, slack_round
from benchmarks.bot_process import BotProcess, spawn, start_bot
from benchmarks.fake_platforms import SECRET, Platforms, fake_platforms
from benchmarks.results import Result, median, percentile
from benchmarks.timed_fakes import TimedDiscord, TimedSlack

ROOT = Path(__file__).resolve().parents[1]


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
) -> tuple[dict[str, list[tuple[float, float]]], dict[str, float]]:
    found: dict[str, list] = {k: [] for k in ("slack", "bolt", "discord", "bare_discord")}
    cpu: dict[str, float] = dict.fromkeys(found, 0.0)  # CPU seconds of measured rounds
    async with (
        fake_platforms(slack=TimedSlack, discord=TimedDiscord) as ours,
        fake_platforms(slack=TimedSlack, discord=None) as bare_slack,
        fake_platforms(slack=None, discord=TimedDiscord) as bare_dc,
        aiohttp.ClientSession(connector=aiohttp.TCPConnector(limit=CLIENTS)) as session,
    ):
        bot = await start_bot(workdir, config=ours.config(), env=ours.env())
        bolt, client = await bare_processes(bare_slack, bare_dc)
        processes = {"slack": bot, "discord": bot, "bolt": bolt, "bare_discord": client}
        sent = 0
        try:
            for n in range(rounds + 1):  # round 0 warms up and is not counted
                count = per_client if n else 1
                runs = {
                    "bolt": lambda count=count: slack_round(
                        session,
                        bare_slack.slack,
                        bare_slack.events_url,
                        per_client=count,
                        stored=False,
                    ),
                    "slack": lambda count=count: slack_round(
                        session, ours.slack, ours.events_url, per_client=count, stored=True
                    ),
                    "bare_discord": lambda count=count: discord_round(
                        bare_dc.discord, bare_dc.discord_news, per_client=count
                    ),
                    "discord": lambda count=count: discord_round(
                        ours.discord, ours.discord_news, per_client=count
                    ),
                }
                for key, run_one in runs.items():
                    for process in (bot, bolt, client):
                        process.pause() if process is not processes[key] else process.resume()
                    before = processes[key].cpu_seconds()
                    # This process runs the clients and the fakes, which keep a record of
                    # every request: a full collection of it mid-round paused the clients
                    # 40-100 ms, read as one process's (ours or a baseline's) answers.
                    gc.collect()
                    gc.disable()
                    try:
                        latencies = await run_one()
                    finally:
                        gc.enable()
                    # Its background work (review cards) is done on its own time, not
                    # during the next process's round (frozen, it would carry it over).
                    await processes[key].idle()
                    if n:
                        found[key] += latencies
                        cpu[key] += processes[key].cpu_seconds() - before
                sent += 2 * CLIENTS * count
        finally:
            for process in (bot, bolt, client):
                await process.stop()
        stored = stored_count(workdir / "bot.db")
        assert stored == sent, f"{stored} items stored of {sent} submitted"
    return found, cpu


def done(latencies: list[tuple[float, float]]) -> list[float]:
    return [finished for _, finished in latencies]


def ms(values: list[float], q: float) -> float:
    return percentile(values, q) * 1000


def run(*, quick: bool = False) -> list[Result]:
    rounds, per_client = (1, 1) if quick else (5, 4)
    with tempfile.TemporaryDirectory() as tmp:
        found, cpu = asyncio.run(measure(rounds, per_client, Path(tmp) / "bot"))
    slack, bolt = done(found["slack"]), done(found["bolt"])
    dc, bare_dc = done(found["discord"]), done(found["bare_discord"])
    slack_acks = [ack for ack, _ in found["slack"]]
    per = {key: cpu[key] / max(len(found[key]), 1) * 1000 for key in cpu}  # ms per request
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
            "<= 1.25",
            note=f"p50 {ms(dc, 50):.0f}/{ms(bare_dc, 50):.0f} ms, p99 {ms(dc, 99):.0f}/"
            f"{ms(bare_dc, 99):.0f} ms (ours/bare), {len(dc)} interactions",
        ),
        Result(
            "P1",
            "CPU per request, bot / bare (slack; discord)",
            per["slack"] / max(per["bolt"], 1e-9),
            "x",
            note=f"slack {per['slack']:.1f}/{per['bolt']:.1f} ms, discord "
            f"{per['discord']:.1f}/{per['bare_discord']:.1f} ms (ours/bare; ours incl. cards)",
        ),
    ]
