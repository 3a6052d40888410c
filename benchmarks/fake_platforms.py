"""Both fake platforms (tests/fakes) on 127.0.0.1, and the settings that point a bot at them."""

from __future__ import annotations

import contextlib
from collections.abc import AsyncIterator
from dataclasses import dataclass

from benchmarks.bot_process import free_port
from tests.fakes.discord_api import FakeDiscord
from tests.fakes.slack_api import FakeSlack

SECRET = "bench-signing-secret"
SLACK_REVIEW, SLACK_NEWS = "C_REVIEW", "C_NEWS"


@dataclass
class Platforms:
    slack: FakeSlack | None
    discord: FakeDiscord | None
    slack_port: int
    discord_review: str = ""
    discord_news: str = ""

    def env(self) -> dict[str, str]:
        """Environment variables for `victories run` (Slack in HTTP mode)."""
        env: dict[str, str] = {}
        if self.slack:
            env |= {
                "SLACK_BOT_TOKEN": "xoxb-bench",
                "SLACK_SIGNING_SECRET": SECRET,
                "SLACK_HTTP_PORT": str(self.slack_port),
                "SLACK_HTTP_HOST": "127.0.0.1",
                "SLACK_API_URL": self.slack.api_url,
            }
        if self.discord:
            env |= {
                "DISCORD_TOKEN": "bench-token",
                "DISCORD_API_URL": self.discord.api_url,
                "DISCORD_GATEWAY_URL": self.discord.gateway_url,
                "DISCORD_APPLICATION_ID": self.discord.app_id,
            }
        return env

    def config(self, **sections) -> dict:
        config: dict = {"intake": {"cooldown": "0s", "per_user_per_day": 10000}}
        if self.slack:
            config["slack"] = {"review_channel": SLACK_REVIEW, "digest_channels": [SLACK_NEWS]}
        if self.discord:
            config["discord"] = {
                "review_channel": self.discord_review,
                "digest_channels": [self.discord_news],
                "guild_ids": [self.discord.guild_id],
            }
        return config | sections

    @property
    def events_url(self) -> str:
        return f"http://127.0.0.1:{self.slack_port}/slack/events"


@contextlib.asynccontextmanager
async def fake_platforms(
    *,
    slack: type[FakeSlack] | None = FakeSlack,
    discord: type[FakeDiscord] | None = FakeDiscord,
) -> AsyncIterator[Platforms]:
    """Start the fakes asked for (a class, or None for no such platform)."""
    fake_slack = await slack().start() if slack else None
    fake_discord = await discord().start() if discord else None
    platforms = Platforms(fake_slack, fake_discord, slack_port=free_port())
    if fake_discord:
        platforms.discord_review = fake_discord.add_channel("review")
        platforms.discord_news = fake_discord.add_channel("news")
    try:
        yield platforms
    finally:
        if fake_slack:
            await fake_slack.stop()
        if fake_discord:
            await fake_discord.close()
