"""The port the email edition sends through; ``adapters/smtp.py`` is the real one.

An adapter raises ``TemporaryFailure`` for what may work later (a 4xx answer, a dropped
connection) and ``PermanentFailure`` for a refusal (5xx); the core decides what to do.
"""

from __future__ import annotations

from abc import ABC, abstractmethod
from collections.abc import Awaitable
from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from email.message import EmailMessage


@dataclass(frozen=True)
class Outgoing:
    """A message already in its wire form (CRLF, 7-bit), with its envelope."""

    sender: str
    recipient: str
    data: bytes


class TemporaryFailure(Exception):
    pass


class PermanentFailure(Exception):
    pass


class Mailer(ABC):
    @abstractmethod
    async def send(
        self, message: EmailMessage | Outgoing, *, ready: Awaitable[None] | None = None
    ) -> None:
        """Hand one message to the relay; returns once the relay accepted it. Nothing is
        delivered before ``ready`` (a future, if given) is done; what can go first (the
        envelope) may."""

    async def close(self) -> None:
        """Close the connection, if one is open."""
