"""What a fan-out benchmark counts: the parts that landed in each channel (lost and
doubled), and the least time the platforms' limits allow for them (see P2's docstring).
The limits here are the ones the fakes enforce."""

from __future__ import annotations

import math
import sqlite3
from pathlib import Path

from tests.fakes.discord_limits import RateLimitedDiscord
from tests.fakes.slack_limits import BurstySlack

SLACK_BURST = 3
SLACK_RATE = 1.0  # messages a second per channel
WORKSPACE_POSTS = 300  # chat.postMessage a minute per workspace
DISCORD_GLOBAL = 50  # requests a second
KEY_MARK = " \u00b7 "  # what the Discord adapter puts between page and part key in a footer


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


def lower_bound(
    *, slack_parts: int, slack_channels: int, discord_parts: int, discord_channels: int
) -> float:
    """Seconds the platforms' limits alone impose, sending taking no time (0: none binds)."""
    slack = discord = 0.0
    if slack_channels and slack_parts:
        per_channel = max(0, slack_parts - SLACK_BURST) / SLACK_RATE
        workspace = 60.0 * ((slack_parts * slack_channels - 1) // WORKSPACE_POSTS)
        slack = max(per_channel, workspace)
    if discord_channels and discord_parts:
        total = discord_parts * discord_channels
        per_channel = 5.0 * (math.ceil(discord_parts / 5) - 1)
        discord = max(float((total - 1) // DISCORD_GLOBAL), per_channel)
    return max(slack, discord)
