"""App installations: which bot token acts in which workspace, kept encrypted at rest.

A leaked backup must not leak every workspace's token, so a token is encrypted with the
deployment's key (VICTORIES_SECRET_KEY, a Fernet key) before it reaches the database, and
without a valid key nothing is stored at all.
"""

from __future__ import annotations

import datetime as dt
import secrets
from dataclasses import asdict, dataclass, replace
from typing import TYPE_CHECKING

from bot.clock import Clock, iso
from bot.store import installations as rows
from bot.store.database import Store

if TYPE_CHECKING:
    from cryptography.fernet import Fernet

KEY_VARIABLE = "VICTORIES_SECRET_KEY"
MAKE_KEY = (
    'python -c "from cryptography.fernet import Fernet; print(Fernet.generate_key().decode())"'
)
STATE_LIFETIME = dt.timedelta(minutes=10)


class SecretKeyError(Exception):
    """Tokens cannot be stored or read: the key is missing, malformed or not the one used."""


@dataclass(frozen=True)
class Installation:
    """One workspace's installation of the app, as the platform reported it."""

    platform: str
    place: str  # the Slack team id
    token: str  # the bot token, in clear: only in memory
    place_name: str = ""
    app_id: str | None = None
    bot_id: str | None = None
    bot_user_id: str | None = None
    scopes: str = ""  # comma-separated, as the platform gives them
    installer: str | None = None
    installed_at: str = ""


def cipher_for(key: str | None) -> Fernet:
    """The cipher for ``key``; raises ``SecretKeyError`` naming the variable and the fix.
    (cryptography is imported here, on first use: most deployments never store a token.)"""
    from cryptography.fernet import Fernet

    if not key:
        raise SecretKeyError(
            f"{KEY_VARIABLE} is not set, and bot tokens are only stored encrypted. "
            f"Make a key with: {MAKE_KEY}"
        )
    try:
        return Fernet(key.strip().encode())
    except (ValueError, TypeError):
        raise SecretKeyError(
            f"{KEY_VARIABLE} is not a Fernet key (32 url-safe base64-encoded bytes). "
            f"Make one with: {MAKE_KEY}"
        ) from None


class Installations:
    def __init__(self, *, store: Store, clock: Clock, secret_key: str | None = None) -> None:
        self.store, self.clock = store, clock
        self.secret_key = secret_key

    def check_key(self) -> None:
        """Raise ``SecretKeyError`` unless tokens can be stored (at start-up)."""
        cipher_for(self.secret_key)

    async def save(self, installation: Installation) -> Installation:
        """Keep the installation, its token encrypted. Raises ``SecretKeyError`` (nothing
        stored) without a valid key."""
        cipher = cipher_for(self.secret_key)
        saved = replace(installation, installed_at=iso(self.clock.now()))
        row = {**asdict(saved), "token": cipher.encrypt(saved.token.encode()).decode()}
        await self.store.run(rows.put, row)
        return saved

    async def find(self, *, platform: str, place: str) -> Installation | None:
        row = await self.store.run(rows.get, platform=platform, place=place)
        if row is None:
            return None
        from cryptography.fernet import InvalidToken

        try:
            token = cipher_for(self.secret_key).decrypt(row["token"].encode()).decode()
        except InvalidToken:
            raise SecretKeyError(
                f"The stored token of {platform} {place} cannot be read with this "
                f"{KEY_VARIABLE}: it was saved with another key (install the app again)"
            ) from None
        return Installation(**{**row, "token": token})

    async def remove(self, *, platform: str, place: str) -> bool:
        """Forget the workspace's token (uninstalled or revoked); True if there was one."""
        return await self.store.run(rows.remove, platform=platform, place=place)

    # -- the install page's states --------------------------------------------------------
    async def issue_state(self) -> str:
        """A new state for the install link: 128 random bits, valid once, for ten minutes."""
        state = secrets.token_urlsafe(16)
        expires = (self.clock.now() + STATE_LIFETIME).timestamp()
        await self.store.run(rows.add_state, state=state, expires_at=expires)
        return state

    async def consume_state(self, state: str) -> bool:
        """Whether ``state`` was issued here and is still valid; it cannot be used again."""
        if not state:
            return False
        return await self.store.run(rows.take_state, state=state, now=self.clock.now().timestamp())
