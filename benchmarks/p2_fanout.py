"""P2 — fan-out: one 12-item issue to 100 Slack and 100 Discord digest channels.

The fakes enforce the platforms' limits: Slack allows each channel about one message a
second with a short burst (tests/fakes/slack_limits.py, burst 3: an assumption, Slack
publishes no number), 429 + Retry-After beyond; Discord allows 50 requests a second in
all and 5 messages per 5 s per channel, with the real X-RateLimit-* headers
(tests/fakes/discord_limits.py).

`victories run` runs in its own process; once it has been up a moment, an editor types
/victories publish now on Slack. Wall time: from the bot's "issue frozen" log line (the
issue is composed; sending starts) to its last "delivery part sent" line, read as they
arrive. The lower bound is what the limits alone allow, with sending itself
taking no time: a platform with n parts per channel needs max(0, n - burst) s on Slack
and, on Discord, floor((N - 1) / 50) s for N messages in all (the first window opens with
the first message) or 5 s per further 5 parts in one channel, whichever is more; both
platforms go out side by side, so the bound is the larger of the two.
Then every channel must hold each part exactly once: messages lost and duplicated.
"""

from __future__ import annotations

import asyncio
import math
import random
import sqlite3
import tempfile
from pathlib import Path

import aiohttp

from benchmarks.bot_process import free_port, start_bot
from benchmarks.fake_platforms import SECRET
from benchmarks.p3_scale import sentence
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
SLACK_BURST = 3
EDITOR = Actor(platform="console", user_id="editor", display_name="Eve")
EDITOR_ID = "U_EDITOR"  # publishes from Slack
KEY_MARK = " \u00b7 "  # what the Discord adapter puts between page and part key in a footer


def settings(slack_channels: list[str], discord: RateLimitedDiscord, channels: list[str]) -> dict:
    return {
        "issue": {"min_items": 1, "max_items": ITEMS},
        "intake": {"cooldown": "0s"},
        "slack": {"digest_channels": slack_channels, "moderators": {"users": [EDITOR_ID]}},
        "discord": {"digest_channels": channels, "guild_ids": [discord.guild_id]},
    }


async def approve_items(db: Path, config: dict) -> None:
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
                    text=sentence(rng),  # unlike each other: none folds into another
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
    await slack.wait_for(lambda: slack.responses, timeout=120)
    [reply] = slack.responses
    assert "is out" in reply.get("text", ""), reply


def parts_per_channel(db: Path) -> dict[str, set[int]]:
    with sqlite3.connect(db) as conn:
        rows = conn.execute("SELECT platform, parts_total FROM deliveries").fetchall()
    found: dict[str, set[int]] = {}
    for platform, parts in rows:
        found.setdefault(platform, set()).add(parts)
    return found


def slack_keys(fake: BurstySlack, channel: str) -> list[str]:
    return [m["metadata"]["event_payload"]["key"] for m in fake.posts(channel) if m["metadata"]]


def discord_keys(fake: RateLimitedDiscord, channel: str) -> list[str]:
    keys = []
    for message in fake.messages.get(channel, []):
        for embed in message.get("embeds") or []:
            footer = (embed.get("footer") or {}).get("text") or ""
            if KEY_MARK in footer:
                keys.append(footer.rsplit(KEY_MARK, 1)[-1])
    return keys


def lost_and_doubled(keys_by_channel: dict[str, list[str]], parts: int) -> tuple[int, int]:
    lost = doubled = 0
    expected = {f"sv-issue-1-part-{n}" for n in range(parts)}
    for keys in keys_by_channel.values():
        lost += len(expected - set(keys))
        doubled += len(keys) - len(set(keys))
    return lost, doubled


def lower_bound(*, slack_parts: int, discord_parts: int, discord_channels: int) -> float:
    slack = max(0, slack_parts - SLACK_BURST)
    total = discord_parts * discord_channels
    per_channel = 5.0 * (math.ceil(discord_parts / 5) - 1)
    return max(slack, math.floor((total - 1) / 50), per_channel)


async def measure(channels: int, workdir: Path) -> dict:
    slack = await BurstySlack(per_channel_rate=1.0, burst=SLACK_BURST).start()
    discord = await RateLimitedDiscord().start()
    try:
        slack_channels = [f"C_DIGEST{n:03d}" for n in range(channels)]
        discord_channels = [discord.add_channel(f"digest-{n}") for n in range(channels)]
        config = settings(slack_channels, discord, discord_channels)
        workdir.mkdir(parents=True)
        await approve_items(workdir / "bot.db", config)
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
                slack_parts=slack_parts, discord_parts=discord_parts, discord_channels=channels
            ),
            "parts": (slack_parts, discord_parts),
            "lost": slack_lost + discord_lost,
            "doubled": slack_doubled + discord_doubled,
            "limited": (slack.limited, discord.limited["global"], discord.limited["user"]),
        }
    finally:
        await slack.stop()
        await discord.close()


def run(*, quick: bool = False) -> list[Result]:
    channels = 60 if quick else 100
    with tempfile.TemporaryDirectory() as tmp:
        found = asyncio.run(measure(channels, Path(tmp) / "bot"))
    slack_parts, discord_parts = found["parts"]
    slack_429, global_429, route_429 = found["limited"]
    return [
        Result(
            "P2",
            f"fan-out to {2 * channels} channels, wall / lower bound",
            found["wall"] / found["bound"],
            "x",
            "<= 1.10",
            f"{found['wall']:.2f}s vs {found['bound']:.2f}s; parts per channel: "
            f"slack {slack_parts}, discord {discord_parts}",
        ),
        Result("P2", "messages lost", found["lost"], "", "<= 0"),
        Result("P2", "messages duplicated", found["doubled"], "", "<= 0"),
        Result(
            "P2",
            "429s answered",
            slack_429 + global_429 + route_429,
            "",
            note=f"slack {slack_429}, discord global {global_429}, per route {route_429}",
        ),
    ]
