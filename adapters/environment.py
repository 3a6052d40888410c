"""Secrets and deployment settings from the environment (and a git-ignored .env file)."""

from __future__ import annotations

import os
from dataclasses import dataclass, fields
from pathlib import Path
from typing import Any

from bot.communities.installations import SecretKeyError, cipher_for


@dataclass(frozen=True)
class Environment:
    db_path: str = "victories.db"
    config_path: str | None = None
    log_level: str | None = None
    slack_bot_token: str | None = None
    slack_app_token: str | None = None
    slack_signing_secret: str | None = None
    slack_api_url: str | None = None
    # Distribution (many workspaces, OAuth install): the app's credentials, and the key
    # that encrypts each workspace's bot token in the database.
    slack_client_id: str | None = None
    slack_client_secret: str | None = None
    secret_key: str | None = None
    web_base_url: str | None = None  # public address: the OAuth redirect is built on it
    discord_token: str | None = None
    discord_api_url: str | None = None
    discord_gateway_url: str | None = None
    discord_application_id: str | None = None
    busy_timeout: float = 30.0  # seconds a write waits for another process's write
    retry_after: float = 60.0  # seconds before a failed scheduled job is first tried again
    # The one web server (Slack HTTP mode, /healthz). Read from WEB_PORT / WEB_HOST, or
    # their older names SLACK_HTTP_PORT, HEALTH_PORT / SLACK_HTTP_HOST, HEALTH_HOST.
    web_port: int | None = None
    web_host: str | None = None
    # The email edition: on when SMTP_URL is set (smtp:// STARTTLS or smtps://).
    smtp_url: str | None = None
    email_from: str | None = None  # "Name <address>" or an address
    email_rate: float = 10.0  # messages a second, at most

    @property
    def slack_distributed(self) -> bool:
        """Any workspace may install the app (OAuth); each acts with its own token."""
        return bool(self.slack_client_id)

    @property
    def slack_http_mode(self) -> bool:
        """Slack reaches us by signed HTTP requests (no app-level token for Socket Mode;
        an app installed through OAuth always does)."""
        if self.slack_distributed:
            return True
        return bool(self.slack_bot_token and self.slack_signing_secret and not self.slack_app_token)

    @property
    def server_port(self) -> int | None:
        """Where the web server listens: WEB_PORT, else 3000 when Slack runs in HTTP mode
        (as before there was one server), else no server at all."""
        if self.web_port is not None:
            return self.web_port
        return 3000 if self.slack_http_mode else None

    @property
    def server_host(self) -> str:
        """WEB_HOST, else every interface when Slack must reach us, else this machine only."""
        return self.web_host or ("0.0.0.0" if self.slack_http_mode else "127.0.0.1")

    @property
    def platforms(self) -> list[str]:
        found = []
        if self.slack_bot_token or self.slack_distributed:
            found.append("slack")
        if self.discord_token:
            found.append("discord")
        return found


NAMES = {
    "db_path": "VICTORIES_DB",
    "config_path": "VICTORIES_CONFIG",
    "log_level": "LOG_LEVEL",
    "busy_timeout": "VICTORIES_BUSY_TIMEOUT",
    "retry_after": "VICTORIES_RETRY_AFTER",
    "secret_key": "VICTORIES_SECRET_KEY",
}
CONVERT = {"busy_timeout": float, "retry_after": float, "email_rate": float}
# The web server's settings and the older names they replace, newest first.
ALIASES = {
    "web_port": ("WEB_PORT", "SLACK_HTTP_PORT", "HEALTH_PORT"),
    "web_host": ("WEB_HOST", "SLACK_HTTP_HOST", "HEALTH_HOST"),
}


def _port(name: str, raw: str) -> int:
    if not raw.isdigit() or not 0 <= int(raw) <= 65535:
        raise ValueError(f"{name}={raw!r} is not a port number like 3000")
    return int(raw)


def _one_of(env: dict[str, str], names: tuple[str, ...]) -> tuple[str, str] | None:
    """The value given under ``names``; two different values are refused, since one
    web server now serves what used to be two."""
    given = {name: env[name].strip() for name in names if (env.get(name) or "").strip()}
    if len(set(given.values())) > 1:
        listed = " and ".join(f"{name}={value}" for name, value in given.items())
        raise ValueError(
            f"{listed} differ, but one web server now serves Slack and /healthz: "
            f"set {names[0]} only"
        )
    return next(iter(given.items()), None)


def read_environment(
    env: dict[str, str] | None = None, *, dotenv: Path | None = None
) -> Environment:
    """Read settings; a .env file in the working directory fills in what is not set.
    Raises ``ValueError`` naming the variable when a value cannot be used."""
    if env is None:
        path = dotenv or Path.cwd() / ".env"
        if path.is_file():  # python-dotenv is imported only when there is a file to read
            from dotenv import load_dotenv

            load_dotenv(path, override=False)
        env = dict(os.environ)
    values: dict[str, Any] = {}
    for item in fields(Environment):
        if item.name in ALIASES:
            found = _one_of(env, ALIASES[item.name])
            if found:
                name, raw = found
                values[item.name] = _port(name, raw) if item.name == "web_port" else raw
            continue
        name = NAMES.get(item.name, item.name.upper())
        value = env.get(name)
        if value is None or value.strip() == "":
            continue
        try:
            values[item.name] = CONVERT.get(item.name, str)(value.strip())
        except ValueError:
            example = "messages a second like 10" if name == "EMAIL_RATE" else "seconds like 30"
            raise ValueError(f"{name}={value!r} is not a number of {example}") from None
    return Environment(**values)


def setup_problems(env: Environment) -> list[str]:
    """Settings that cannot work together, each naming the variables to set."""
    problems = []
    if env.slack_bot_token and not (env.slack_app_token or env.slack_signing_secret):
        problems.append(
            "SLACK_BOT_TOKEN is set, but neither SLACK_APP_TOKEN (Socket Mode) nor "
            "SLACK_SIGNING_SECRET (HTTP mode) is: set one of them (see .env.example)"
        )
    if env.slack_distributed:
        missing = [
            name
            for name, value in (
                ("SLACK_CLIENT_SECRET", env.slack_client_secret),
                ("SLACK_SIGNING_SECRET", env.slack_signing_secret),
            )
            if not value
        ]
        if missing:
            problems.append(
                f"SLACK_CLIENT_ID is set (installs through OAuth), but {', '.join(missing)} "
                "is not: set each (see .env.example)"
            )
        try:
            cipher_for(env.secret_key)  # each workspace's token is stored encrypted
        except SecretKeyError as err:
            problems.append(str(err))
    return problems + email_problems(env)


def email_problems(env: Environment) -> list[str]:
    """With SMTP_URL set: what else sending and the sign-up pages need."""
    if not env.smtp_url:
        return []
    from adapters.smtp import parse_smtp_url

    problems = []
    try:
        parse_smtp_url(env.smtp_url)
    except ValueError as err:
        problems.append(str(err))
    if not env.email_from or "@" not in env.email_from:
        problems.append(
            "SMTP_URL is set, but EMAIL_FROM is not an address: set it, e.g. "
            "EMAIL_FROM=Our Town <news@ourtown.org>"
        )
    if env.server_port is None or not env.web_base_url:
        problems.append(
            "SMTP_URL is set: set WEB_PORT and WEB_BASE_URL too, so readers can "
            "confirm and unsubscribe (see .env.example)"
        )
    try:
        cipher_for(env.secret_key)
    except SecretKeyError as err:
        problems.append(f"SMTP_URL is set, and the email links are signed with this key: {err}")
    return problems
