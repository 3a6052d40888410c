"""P4 — start-up and memory of `victories run` with both adapters on the fakes.

Start-up: from spawning `victories run` to its "running" log line, which it writes only
after Slack's HTTP port listens, Discord's gateway is ready (IDENTIFY answered, guild
received) and the scheduler has armed the next issue (see benchmarks/bot_process.py).
After each run we also check from outside that the fake saw the IDENTIFY and the Slack
port answers. Baseline, in the same run and interleaved: a bare
``python -c "import slack_bolt, discord, apscheduler"`` from spawn to exit.
Memory: the bot's resident set size once it has been idle for a moment after ready.
"""

from __future__ import annotations

import asyncio
import sys
import tempfile
import time
from pathlib import Path

import aiohttp

from benchmarks.bot_process import clean_env, start_bot
from benchmarks.fake_platforms import Platforms, fake_platforms
from benchmarks.results import Result, median

BARE_IMPORTS = "import slack_bolt, discord, apscheduler"
# Everything the bot loads from other people's code, for a second, informational ratio:
# what is left between it and the bot is our code, the database and connecting.
ALL_LIBRARIES = (
    "import slack_bolt.app.async_app, aiohttp.web, discord, apscheduler.schedulers.asyncio, yaml"
)


async def bare_import_seconds(imports: str = BARE_IMPORTS) -> float:
    started = time.perf_counter()
    proc = await asyncio.create_subprocess_exec(
        sys.executable, "-c", imports, env=clean_env({}), stdin=asyncio.subprocess.DEVNULL
    )
    if await proc.wait() != 0:
        raise RuntimeError("bare import failed")
    return time.perf_counter() - started


async def one_start(platforms: Platforms, workdir: Path, idle: float) -> tuple[float, float]:
    identified = len(platforms.discord.identified)
    bot = await start_bot(workdir, config=platforms.config(), env=platforms.env())
    try:
        assert len(platforms.discord.identified) == identified + 1, "no IDENTIFY seen"
        async with (
            aiohttp.ClientSession() as session,
            session.post(platforms.events_url, data=b"unsigned") as answer,
        ):
            assert answer.status == 401, f"slack port answered {answer.status}"
        await asyncio.sleep(idle)
        rss = bot.rss_mb()
    finally:
        code = await bot.stop()
    assert code == 0, f"victories run exited with {code}"
    return bot.ready_after, rss


async def measure(runs: int, idle: float) -> dict[str, list[float]]:
    ours, bare, libraries, rss = [], [], [], []
    async with fake_platforms() as platforms:
        with tempfile.TemporaryDirectory() as tmp:
            await bare_import_seconds()  # warm the page cache for both alike
            for n in range(runs):
                bare.append(await bare_import_seconds())
                libraries.append(await bare_import_seconds(ALL_LIBRARIES))
                seconds, mb = await one_start(platforms, Path(tmp) / f"run{n}", idle)
                ours.append(seconds)
                rss.append(mb)
    return {"ours": ours, "bare": bare, "libraries": libraries, "rss": rss}


def run(*, quick: bool = False) -> list[Result]:
    runs, idle = (1, 0.2) if quick else (7, 2.0)
    found = asyncio.run(measure(runs, idle))
    ours, bare, rss = found["ours"], found["bare"], found["rss"]
    ratio = median(ours) / median(bare)
    libraries = median(found["libraries"])
    return [
        Result(
            "P4",
            "start-up to ready, ratio to bare imports",
            ratio,
            "x",
            "<= 1.3",
            f"median {median(ours):.2f}s vs {median(bare):.2f}s, {runs} runs",
        ),
        Result(
            "P4",
            "start-up to ready, ratio to importing all its libraries",
            median(ours) / libraries,
            "x",
            note=f"median {libraries:.2f}s to import async Bolt, aiohttp.web, discord.py, APScheduler, PyYAML",
        ),
        Result(
            "P4",
            "idle RSS",
            median(rss),
            "MB",
            "<= 100",
            f"max {max(rss):.0f} MB",
        ),
    ]
