"""Confirm and unsubscribe links: signed with VICTORIES_SECRET_KEY, bound to one reader,
one community and one purpose, so a token works only for its own address."""

from __future__ import annotations

import base64
import hashlib
import hmac
import re
from dataclasses import dataclass

CONFIRM, UNSUBSCRIBE = "confirm", "unsubscribe"
_SHAPE = re.compile(r"^(\d{1,12})-(\d{1,12})-([A-Za-z0-9_-]{22,64})$")


@dataclass(frozen=True)
class Signer:
    key: bytes

    def _signature(self, purpose: str, community: int, subscriber: int, email_hash: str) -> str:
        message = f"{purpose}:{community}:{subscriber}:{email_hash}".encode()
        digest = hmac.new(self.key, message, hashlib.sha256).digest()
        return base64.urlsafe_b64encode(digest).decode().rstrip("=")

    def token(self, purpose: str, *, community: int, subscriber: int, email_hash: str) -> str:
        signature = self._signature(purpose, community, subscriber, email_hash)
        return f"{community}-{subscriber}-{signature}"

    def verify(
        self, purpose: str, token: str, *, community: int, subscriber: int, email_hash: str
    ) -> bool:
        expected = self.token(
            purpose, community=community, subscriber=subscriber, email_hash=email_hash
        )
        return hmac.compare_digest(expected.encode(), token.encode())


def parse(token: str) -> tuple[int, int] | None:
    """(community, subscriber) named by a token of the right shape; not yet verified."""
    match = _SHAPE.match(token)
    return (int(match.group(1)), int(match.group(2))) if match else None
