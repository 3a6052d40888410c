"""A real SMTP server on 127.0.0.1 (aiosmtpd, in its own thread) that keeps what it is
sent and can answer a scripted code instead: 451 or 421 (try later), 550 (refused), or
drop the connection."""

from __future__ import annotations

import email
import email.policy
import threading
from collections import defaultdict
from email.message import EmailMessage

from aiosmtpd.controller import Controller


class _AnyPortController(Controller):
    """aiosmtpd checks it is up by connecting to ``port``: with port 0, use the real one."""

    def _trigger_server(self) -> None:
        if self.port == 0 and self.server is not None:
            self.port = self.server.sockets[0].getsockname()[1]
        super()._trigger_server()


class SmtpSink:
    def __init__(self) -> None:
        self.received: list[tuple[str, bytes]] = []  # (recipient, raw message)
        self.script: dict[str, list[str]] = defaultdict(list)  # recipient -> answers to give
        self.refuse_always: dict[str, str] = {}
        self.sessions = 0
        self.crash_after: int | None = None  # raise in the client after this many accepted
        self._lock = threading.Lock()
        self.controller = _AnyPortController(self, hostname="127.0.0.1", port=0)

    @property
    def port(self) -> int:
        return self.controller.port

    @property
    def url(self) -> str:
        return f"smtp://127.0.0.1:{self.port}"

    def __enter__(self) -> SmtpSink:
        self.controller.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self.controller.stop()

    async def handle_EHLO(self, server, session, envelope, hostname, responses):  # noqa: N802
        with self._lock:
            self.sessions += 1
        session.host_name = hostname
        return responses

    async def handle_DATA(self, server, session, envelope):  # noqa: N802
        recipient = envelope.rcpt_tos[0]
        with self._lock:
            scripted = self.script[recipient]
            answer = scripted.pop(0) if scripted else self.refuse_always.get(recipient)
        if answer == "DROP":
            server.transport.close()
            return "421 4.4.2 connection dropped"
        if answer:
            return answer
        with self._lock:
            self.received.append((recipient, envelope.original_content or envelope.content))
        return "250 2.0.0 OK"

    def messages(self, recipient: str | None = None) -> list[EmailMessage]:
        with self._lock:
            raws = [raw for rcpt, raw in self.received if recipient in (None, rcpt)]
        return [
            email.message_from_bytes(raw, policy=email.policy.default)  # type: ignore[misc]
            for raw in raws
        ]

    def recipients(self) -> list[str]:
        with self._lock:
            return [rcpt for rcpt, _ in self.received]
