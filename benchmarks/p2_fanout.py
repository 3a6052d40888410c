"""P2 — fan-out: one long issue to 100 Slack and 100 Discord digest channels.

The issue is 12 items of about 1,800 characters each, so every channel needs several parts
on both platforms. The fakes enforce the platforms' limits: Slack allows each channel
about one message a second with a short burst (burst 3: an assumption, Slack publishes no
number), chat.postMessage about 300 messages a minute per workspace ("several hundred":
also an assumption) and every other method its Tier's calls a minute
(tests/fakes/slack_limits.py), 429 + Retry-After beyond; Discord allows 50 requests a
second in all and 5 messages per 5 s per channel, with the real X-RateLimit-* headers
(tests/fakes/discord_limits.py).

`victories run` runs in its own process; once it has been up a moment, an editor types
/victories publish now on Slack. Wall time: from the bot's "issue frozen" log line (the
issue is composed; sending starts) to its last "delivery part sent" line, read as they
arrive. The lower bound is what the limits alone allow, with sending itself taking no
time (``lower_bound``): on Slack, max(0, n - burst) s for n parts per channel, or a full
minute per further 300 messages in the workspace, whichever is more; on Discord,
floor((N - 1) / 50) s for N messages in all (the first window opens with the first
message) or 5 s per further 5 parts in one channel, whichever is more; both platforms go
out side by side, so the bound is the larger of the two. Where no limit binds (few
channels) the bound is 0 and the wall time is reported in seconds instead of a ratio.
Then every channel must hold each part exactly once: messages lost and duplicated.
"""

from __future__ import annotations

import asyncio
import json
import random
import tempfile
from pathlib import Path

import aiohttp

from benchmarks.bot_process import free_port, start_bot
from benchmarks.corpus import sentence
from benchmarks.fake_platforms import SECRET
from benchmarks.fanout_accounting import (
    SLACK_BURST,
    SLACK_RATE,
    WORKSPACE_POSTS,
    discord_keys,
    lost_and_doubled,
    lower_bound,
    parts_per_channel,
    slack_keys,
)
from benchmarks.results import Result
from bot.chat import commands
from bot.config import parse_config
from bot.core import Core
from bot.model import Actor, Decision, Submission
from bot.store.database import Store
from tests.fakes.discord_limits import RateLimitedDiscord
from tests.fakes.slack_limits import BurstySlack
from tests.fakes.slack_requests import form_body, signature_headers, slash_command

ITEMS = 12
ITEM_CHARS = 1800  # long items: several parts per channel on both platforms
EDITOR = Actor(platform="console", user_id="editor", display_name="Eve")
EDITOR_ID = "U_EDITOR"  # publishes from Slack


def settings(slack_channels: list[str], discord: RateLimitedDiscord, channels: list[str]) -> dict:
    return {
        "issue": {"min_items": 1, "max_items": ITEMS},
        "intake": {"cooldown": "0s", "max_length": 2500},
        "slack": {"digest_channels": slack_channels, "moderators": {"users": [EDITOR_ID]}},
        "discord": {"digest_channels": channels, "guild_ids": [discord.guild_id]},
    }


def long_text(rng: random.Random, number: int, chars: int) -> str:
    text = f"Victory {number}:"
    while len(text) < chars:
        text += " " + sentence(rng)
    return text[:chars]


async def approve_items(db: Path, config: dict, *, chars: int) -> None:
    """Twelve approved items, as members and an editor would leave them (set-up)."""
    rng = random.Random(12)
    store = Store(db)
    core = Core(store=store, config=parse_config(config, source="bench"))
    try:
        for i in range(1, ITEMS + 1):
            member = Actor(platform="console", user_id=f"member{i}", display_name=f"Member {i}")
            reply = await commands.submit(
                core,
                core.community,
                member,
                Submission(
                    text=long_text(rng, i, chars),  # unlike each other: none folds into another
                    link=f"https://example.org/news/{i}",
                    thanks_to=f"Organiser {i}",
                ),
            )
            assert reply.ok, reply.plain()
            await core.review.decide(core.community, EDITOR, i, Decision.APPROVE)
        await core.settle()
    finally:
        store.close()


async def publish_now(slack: BurstySlack, port: int) -> None:
    """An editor types /victories publish now; return once the bot has answered."""
    slack.add_user(EDITOR_ID, "Eve Editor")
    body = form_body(
        slash_command(
            command="/victories",
            text="publish now",
            user_id=EDITOR_ID,
            response_url=slack.response_url("publish"),
        )
    )
    async with (
        aiohttp.ClientSession() as session,
        session.post(
            f"http://127.0.0.1:{port}/slack/events",
            data=body.encode(),
            headers=signature_headers(SECRET, body),
        ) as answer,
    ):
        assert answer.status == 200, answer.status
        content = await answer.read()
    # A quick answer rides on the ack; a slow one follows via the response_url.
    reply = json.loads(content) if content.startswith(b"{") else {}
    if "is out" not in reply.get("text", ""):
        await slack.wait_for(lambda: slack.responses, timeout=120)
        [reply] = slack.responses
    assert "is out" in reply.get("text", ""), reply


async def measure(channels: int, workdir: Path, *, chars: int = ITEM_CHARS) -> dict:
    slack = await BurstySlack(
        per_channel_rate=SLACK_RATE, burst=SLACK_BURST, workspace_posts=WORKSPACE_POSTS
    ).start()
    discord = await RateLimitedDiscord().start()
    try:
        slack_channels = [f"C_DIGEST{n:03d}" for n in range(channels)]
        discord_channels = [discord.add_channel(f"digest-{n}") for n in range(channels)]
        config = settings(slack_channels, discord, discord_channels)
        workdir.mkdir(parents=True)
        await approve_items(workdir / "bot.db", config, chars=chars)
        port = free_port()
        env = {
            "SLACK_BOT_TOKEN": "xoxb-bench",
            "SLACK_SIGNING_SECRET": SECRET,
            "SLACK_HTTP_PORT": str(port),
            "SLACK_HTTP_HOST": "127.0.0.1",
            "SLACK_API_URL": slack.api_url,
            "DISCORD_TOKEN": "bench-token",
            "DISCORD_API_URL": discord.api_url,
            "DISCORD_GATEWAY_URL": discord.gateway_url,
            "DISCORD_APPLICATION_ID": discord.app_id,
        }
        bot = await start_bot(workdir, config=config, env=env)
        try:
            # A running bot: its log-in requests are long past when an issue goes out, so
            # they no longer count in Discord's one-second global window.
            await asyncio.sleep(1.5)
            await publish_now(slack, port)
        finally:
            await bot.stop()
        wall = bot.last("delivery part sent") - bot.first("issue frozen")
        parts = parts_per_channel(workdir / "bot.db")
        assert len(parts["slack"]) == len(parts["discord"]) == 1, parts
        slack_parts, discord_parts = parts["slack"].pop(), parts["discord"].pop()
        slack_lost, slack_doubled = lost_and_doubled(
            {c: slack_keys(slack, c) for c in slack_channels}, slack_parts
        )
        discord_lost, discord_doubled = lost_and_doubled(
            {c: discord_keys(discord, c) for c in discord_channels}, discord_parts
        )
        return {
            "wall": wall,
            "bound": lower_bound(
                slack_parts=slack_parts,
                slack_channels=channels,
                discord_parts=discord_parts,
                discord_channels=channels,
            ),
            "parts": (slack_parts, discord_parts),
            "lost": slack_lost + discord_lost,
            "doubled": slack_doubled + discord_doubled,
            "limited": (slack.limited_by, discord.limited["global"], discord.limited["user"]),
        }
    finally:
        await slack.stop()
        await discord.close()


def fan_out_result(channels: int, wall: float, bound: float, parts: tuple[int, int]) -> Result:
    note = f"{wall:.2f}s vs lower bound {bound:.2f}s; parts per channel: slack {parts[0]}, discord {parts[1]}"
    if bound > 0:
        figure = f"fan-out to {2 * channels} channels, wall / lower bound"
        return Result("P2", figure, wall / bound, "x", "<= 1.10", note)
    # No limit binds at this size: a ratio to 0 means nothing, so the seconds are shown.
    return Result(
        "P2", f"fan-out to {2 * channels} channels (no limit binds)", wall, "s", note=note
    )


def run(*, quick: bool = False) -> list[Result]:
    # Quick: short items, few channels, so no limit binds (the bound-is-0 path).
    channels, chars = (20, 300) if quick else (100, ITEM_CHARS)
    with tempfile.TemporaryDirectory() as tmp:
        found = asyncio.run(measure(channels, Path(tmp) / "bot", chars=chars))
    slack_429, global_429, route_429 = found["limited"]
    slack_note = ", ".join(f"{k} {v}" for k, v in sorted(slack_429.items())) or "none"
    return [
        fan_out_result(channels, found["wall"], found["bound"], found["parts"]),
        Result("P2", "messages lost", found["lost"], "", "<= 0"),
        Result("P2", "messages duplicated", found["doubled"], "", "<= 0"),
        Result(
            "P2",
            "429s answered",
            sum(slack_429.values()) + global_429 + route_429,
            "",
            note=f"slack ({slack_note}), discord global {global_429}, per route {route_429}",
        ),
    ]
