"""Secrets and deployment settings from the environment (and a git-ignored .env file)."""

from __future__ import annotations

import os
from dataclasses import dataclass, fields
from pathlib import Path

from dotenv import load_dotenv


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
    health_port: int | None = None  # serve GET /healthz here when set
    health_host: str = "127.0.0.1"

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
        load_dotenv(dotenv or Path.cwd() / ".env", override=False)
        env = dict(os.environ)
    values: dict[str, object] = {}
    for item in fields(Environment):
        name = NAMES.get(item.name, item.name.upper())
        raw = env.get(name)
        if raw is None or raw.strip() == "":
            continue
        if item.name in ("slack_http_port", "health_port"):
            if not raw.strip().isdigit() or not 0 <= int(raw) <= 65535:
                raise ValueError(f"{name}={raw!r} is not a port number like 3000")
            values[item.name] = int(raw)
        else:
            values[item.name] = raw.strip()
    return Environment(**values)


def setup_problems(env: Environment) -> list[str]:
    """Settings that cannot work together, each naming the variables to set."""
    problems = []
    if env.slack_bot_token and not (env.slack_app_token or env.slack_signing_secret):
        problems.append(
            "SLACK_BOT_TOKEN is set, but neither SLACK_APP_TOKEN (Socket Mode) nor "
            "SLACK_SIGNING_SECRET (HTTP mode) is: set one of them (see .env.example)"
        )
    return problems
