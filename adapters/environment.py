"""Secrets and deployment settings from the environment (and a git-ignored .env file)."""

from __future__ import annotations

import os
from dataclasses import dataclass, fields
from pathlib import Path
from typing import Any


@dataclass(frozen=True)
class Environment:
    db_path: str = "victories.db"
    config_path: str | None = None
    log_level: str | None = None
    slack_bot_token: str | None = None
    slack_app_token: str | None = None
    slack_signing_secret: str | None = None
    slack_http_port: int = 3000
    slack_http_host: str = "0.0.0.0"  # where HTTP mode listens; 127.0.0.1 behind a proxy
    slack_api_url: str | None = None
    discord_token: str | None = None
    discord_api_url: str | None = None
    discord_gateway_url: str | None = None
    discord_application_id: str | None = None

    @property
    def platforms(self) -> list[str]:
        found = []
        if self.slack_bot_token:
            found.append("slack")
        if self.discord_token:
            found.append("discord")
        return found


NAMES = {
    "db_path": "VICTORIES_DB",
    "config_path": "VICTORIES_CONFIG",
    "log_level": "LOG_LEVEL",
}


def read_environment(
    env: dict[str, str] | None = None, *, dotenv: Path | None = None
) -> Environment:
    """Read settings; a .env file in the working directory fills in what is not set."""
    if env is None:
        path = dotenv or Path.cwd() / ".env"
        if path.is_file():  # python-dotenv is imported only when there is a file to read
            from dotenv import load_dotenv

            load_dotenv(path, override=False)
        env = dict(os.environ)
    values: dict[str, Any] = {}
    for item in fields(Environment):
        name = NAMES.get(item.name, item.name.upper())
        raw = env.get(name)
        if raw is None or raw.strip() == "":
            continue
        values[item.name] = int(raw) if item.name == "slack_http_port" else raw.strip()
    return Environment(**values)
