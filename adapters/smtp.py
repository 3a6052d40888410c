"""Sending email over SMTP (``SMTP_URL``): one connection, reused for every message, at
most ``EMAIL_RATE`` messages a second.

``smtp://user:password@host:587`` upgrades with STARTTLS (required, except to this
machine, where a local relay may not offer it); ``smtps://user:password@host:465`` speaks
TLS from the start. A 4xx answer or a dropped connection is a ``TemporaryFailure`` (the
next send reconnects), a 5xx a ``PermanentFailure``: the core decides what to retry.
"""

from __future__ import annotations

import asyncio
import contextlib
import time
from collections.abc import Awaitable
from dataclasses import dataclass
from email.message import EmailMessage
from urllib.parse import unquote, urlsplit

import aiosmtplib

from bot.email.mailer import Mailer, Outgoing, PermanentFailure, TemporaryFailure

LOCAL_HOSTS = {"127.0.0.1", "localhost", "::1"}


@dataclass(frozen=True)
class SmtpTarget:
    host: str
    port: int
    username: str | None
    password: str | None
    implicit_tls: bool

    @property
    def start_tls(self) -> bool | None:
        if self.implicit_tls:
            return False
        return None if self.host in LOCAL_HOSTS else True


def parse_smtp_url(url: str) -> SmtpTarget:
    """Raises ``ValueError`` naming what is wrong with SMTP_URL."""
    parts = urlsplit(url.strip())
    if parts.scheme not in ("smtp", "smtps"):
        raise ValueError(
            f"SMTP_URL must start with smtp:// (STARTTLS) or smtps:// (TLS), not {parts.scheme!r}"
        )
    if not parts.hostname:
        raise ValueError("SMTP_URL has no host, e.g. smtp://user:password@smtp.example.org:587")
    try:
        port = parts.port or (465 if parts.scheme == "smtps" else 587)
    except ValueError:
        raise ValueError("SMTP_URL has a port that is not a number") from None
    return SmtpTarget(
        host=parts.hostname,
        port=port,
        username=unquote(parts.username) if parts.username else None,
        password=unquote(parts.password) if parts.password else None,
        implicit_tls=parts.scheme == "smtps",
    )


class SmtpMailer(Mailer):
    def __init__(self, target: SmtpTarget, *, rate: float = 10.0, timeout: float = 30.0) -> None:
        self.target, self.timeout = target, timeout
        self.interval = 1.0 / rate if rate > 0 else 0.0
        self._client: aiosmtplib.SMTP | None = None
        self._lock = asyncio.Lock()  # one conversation on the connection at a time
        self._last = 0.0
        self.connections = 0  # how many times we connected (tests check the reuse)

    async def _connected(self) -> aiosmtplib.SMTP:
        if self._client is not None and self._client.is_connected:
            return self._client
        target = self.target
        client = aiosmtplib.SMTP(
            hostname=target.host,
            port=target.port,
            username=target.username,
            password=target.password,
            use_tls=target.implicit_tls,
            start_tls=target.start_tls,
            timeout=self.timeout,
        )
        await client.connect()
        self._client = client
        self.connections += 1
        return client

    async def send(
        self, message: EmailMessage | Outgoing, *, ready: Awaitable[None] | None = None
    ) -> None:
        async with self._lock:
            wait = self._last + self.interval - time.monotonic()
            if wait > 0:
                await asyncio.sleep(wait)
            self._last = time.monotonic()
            try:
                client = await self._connected()
                if isinstance(message, Outgoing):
                    await _transact(client, message, ready)
                else:
                    if ready is not None:
                        await ready
                    await client.send_message(message)
            except aiosmtplib.SMTPRecipientsRefused as err:
                codes = [refused.code for refused in err.recipients]
                raise _by_code(min(codes), "; ".join(r.message for r in err.recipients)) from None
            except aiosmtplib.SMTPResponseException as err:
                if err.code == 421:  # the server is closing the connection
                    await self._drop()
                raise _by_code(err.code, err.message) from None
            except (aiosmtplib.SMTPException, OSError) as err:
                await self._drop()
                raise TemporaryFailure(f"connection: {err}") from None

    async def _drop(self) -> None:
        client, self._client = self._client, None
        if client is not None:
            client.close()

    async def close(self) -> None:
        async with self._lock:
            client, self._client = self._client, None
            if client is not None and client.is_connected:
                try:
                    await client.quit()
                except (aiosmtplib.SMTPException, OSError):
                    client.close()


async def _transact(
    client: aiosmtplib.SMTP, message: Outgoing, ready: Awaitable[None] | None
) -> None:
    """MAIL and RCPT at once; the content, which is what delivers the message, only once
    ``ready`` is done. The caller's record of the previous message thus overlaps this
    one's envelope (two of its four round trips) and a crash before ``ready`` still sends
    nothing: the relay drops a transaction whose content never came."""
    await client.mail(message.sender)
    try:
        await client.rcpt(message.recipient)
        if ready is not None:
            await ready
        await client.data(message.data)
    except BaseException:
        if client.is_connected:  # leave the connection clean for the next message
            with contextlib.suppress(aiosmtplib.SMTPException, OSError):
                await client.rset()
        raise


def _by_code(code: int, text: str) -> Exception:
    if 400 <= code < 500:
        return TemporaryFailure(f"{code} {text}")
    return PermanentFailure(f"{code} {text}")
