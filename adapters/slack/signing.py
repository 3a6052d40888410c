"""Bolt's request signature check, hardened for what reaches a public URL.

Bolt answers a non-numeric timestamp header with a 500 and a traceback, and logs every
refused request's whole body at INFO (twenty 1 MB junk requests, 20 MB of log). Here a
malformed timestamp is refused like any bad signature (401), and a refusal is one log
line that gives the body's size, never its content.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable

from slack_bolt.middleware.request_verification.async_request_verification import (
    AsyncRequestVerification,
)
from slack_bolt.request.async_request import AsyncBoltRequest
from slack_bolt.response import BoltResponse


def _number(text: str) -> bool:
    try:
        int(text)
    except ValueError:
        return False
    return True


class SignatureCheck(AsyncRequestVerification):
    async def async_process(
        self,
        *,
        req: AsyncBoltRequest,
        resp: BoltResponse,
        next: Callable[[], Awaitable[BoltResponse]],
    ) -> BoltResponse:
        stamp = (req.headers.get("x-slack-request-timestamp") or ["0"])[0]
        if not self._can_skip(req.mode, req.body) and not _number(stamp):
            self._debug_log_error("", stamp, req.raw_body)
            return self._build_error_response()
        return await super().async_process(req=req, resp=resp, next=next)

    def _debug_log_error(self, signature, timestamp, body) -> None:
        self.logger.info(
            "slack request refused: bad or missing signature (timestamp %r, body %d bytes)",
            str(timestamp)[:20],
            len(body or ""),
        )
