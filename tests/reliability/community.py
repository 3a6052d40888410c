"""One community on both fake platforms, and the settings that point `victories run` at it.

Slack runs in Socket Mode (no port to pick); Discord through the fake REST API and
gateway. Moderators: U_MOD on Slack, anyone with the Editors role on Discord.
"""

from __future__ import annotations

import datetime as dt
import sqlite3
from dataclasses import dataclass, field
from pathlib import Path

import yaml

from tests.fakes import discord_payloads as p
from tests.fakes.discord_api import FakeDiscord
from tests.fakes.slack_api import FakeSlack
from tests.fakes.slack_methods import BOT_USER

SLACK_REVIEW = "C_REVIEW"
SLACK_MOD, SLACK_ANA, SLACK_BEN = "U_MOD", "U_ANA", "U_BEN"


@dataclass
class Community:
    slack: FakeSlack
    discord: FakeDiscord | None
    workdir: Path
    slack_digests: list[str] = field(default_factory=list)
    discord_review: str = ""
    discord_digests: list[str] = field(default_factory=list)
    discord_general: str = ""  # where members type commands
    editor_role: str = ""
    people: dict[str, p.Person] = field(default_factory=dict)  # Discord: editor, ana, ben

    @property
    def db_path(self) -> Path:
        return self.workdir / "victories.db"

    @property
    def digests(self) -> list[tuple[str, str]]:
        return [("slack", c) for c in self.slack_digests] + [
            ("discord", c) for c in self.discord_digests
        ]

    def settings(self, **sections) -> dict:
        # The weekly run is days away, so only the test decides when an issue goes out.
        weekday = (dt.datetime.now(dt.UTC) + dt.timedelta(days=3)).strftime("%A").lower()
        data: dict = {
            "community": {"name": "Small Victories", "timezone": "UTC"},
            "schedule": {"weekday": weekday, "time": "10:00", "reminder_before": "off"},
            "issue": {"min_items": 1, "max_items": 40},
            "intake": {"cooldown": "0s", "per_user_per_day": 1000},
            "slack": {
                "review_channel": SLACK_REVIEW,
                "digest_channels": self.slack_digests,
                "moderators": {"users": [SLACK_MOD]},
            },
        }
        if self.discord:
            data["discord"] = {
                "review_channel": self.discord_review,
                "digest_channels": self.discord_digests,
                "moderator_roles": [self.editor_role],
                "guild_ids": [self.discord.guild_id],
            }
        return data | sections

    def env(self, **sections) -> dict[str, str]:
        """Environment for `victories run`; writes the YAML settings it names."""
        config = self.workdir / "victories.yaml"
        config.write_text(yaml.safe_dump(self.settings(**sections)))
        env = {
            "VICTORIES_DB": str(self.db_path),
            "VICTORIES_CONFIG": str(config),
            "SLACK_BOT_TOKEN": "xoxb-test",
            "SLACK_APP_TOKEN": "xapp-test",
            "SLACK_API_URL": self.slack.api_url,
        }
        if self.discord:
            env |= {
                "DISCORD_TOKEN": "fake-token",
                "DISCORD_API_URL": self.discord.api_url,
                "DISCORD_GATEWAY_URL": self.discord.gateway_url,
            }
        return env

    def query(self, sql: str, *args) -> list[sqlite3.Row]:
        """Read the bot's database from outside, as another process would (WAL allows it)."""
        conn = sqlite3.connect(f"file:{self.db_path}?mode=ro", uri=True, timeout=10)
        conn.row_factory = sqlite3.Row
        try:
            return conn.execute(sql, args).fetchall()
        except sqlite3.OperationalError:
            return []  # not created yet
        finally:
            conn.close()

    def check_database(self) -> None:
        """The file is sound and every reference points at a row, whatever was interrupted."""
        conn = sqlite3.connect(self.db_path)
        try:
            assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
            assert conn.execute("PRAGMA foreign_key_check").fetchall() == []
        finally:
            conn.close()


async def open_community(workdir: Path, *, slack_digests: int = 1, discord_digests: int = 1):
    """Start the fakes with members, moderators and channels; close with ``close_community``."""
    slack = await FakeSlack().start()
    slack.add_user(SLACK_MOD, "Mo Editor")
    slack.add_user(SLACK_ANA, "Ana Lopez")
    slack.add_user(SLACK_BEN, "Ben Okafor")
    slack.add_user(BOT_USER, "Small Victories", is_bot=True)
    community = Community(slack, None, workdir)
    community.slack_digests = [f"C_NEWS_{n:02d}" for n in range(1, slack_digests + 1)]
    if discord_digests:
        fake = await FakeDiscord().start()
        community.discord = fake
        community.editor_role = fake.add_role("Editors")
        community.discord_review = fake.add_channel("review")
        community.discord_digests = [
            fake.add_channel(f"news-{n:02d}") for n in range(1, discord_digests + 1)
        ]
        community.people = {
            "editor": fake.add_person("Eve Editor", roles=(community.editor_role,)),
            "ana": fake.add_person("Ana Lopez"),
            "ben": fake.add_person("Ben Okafor"),
        }
        community.discord_general = fake.add_channel("general")
    return community


async def close_community(community: Community) -> None:
    await community.slack.stop()
    if community.discord:
        await community.discord.close()
