"""A fake Slack Web API on 127.0.0.1 (random port), speaking the real wire protocol.

Point a client at ``fake.api_url`` (``WebClient(base_url=...)``). It answers the methods
the bot uses and records every call. It can be told to fail: ``fail(method, status=429,
retry_after=1, times=2)`` or ``fail(method, status=500)``; ``lose_answer(method)`` carries
the call out, then answers 500 as if the reply was lost; ``refuse(method, error)`` answers
``ok: false``; ``delay(method, seconds)`` carries a call out and answers only after
``seconds`` (longer than the client waits: a timeout). ``interrupt`` (a test's callback) is asked about every call as it
"arrives" and once it is "carried_out"; when it returns True the connection is cut there
(crash tests kill the bot at that moment). With ``per_channel_rate`` chat.postMessage answers 429 when a channel gets
more than that many messages a second. It also serves response_url endpoints and the
Socket Mode WebSocket (``fake.socket``). Reusable by benchmarks: nothing here depends on pytest.
"""

from __future__ import annotations

import asyncio
import json
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from aiohttp import web

from tests.fakes.slack_methods import SlackMethods
from tests.fakes.slack_socket import FakeSocketMode
from tests.fakes.slack_views import ViewMethods


@dataclass
class Call:
    method: str
    args: dict[str, Any]
    status: int = 200
    token: str | None = None  # the bearer token the call carried
    at: float = field(default_factory=time.monotonic)


@dataclass
class Failure:
    status: int
    times: int
    retry_after: int | None = None
    lose_answer: bool = False


class FakeSlack(ViewMethods, SlackMethods):
    def __init__(self, *, per_channel_rate: float | None = None) -> None:
        super().__init__()
        self.per_channel_rate = per_channel_rate
        self.calls: list[Call] = []
        self.responses: list[dict] = []  # bodies posted to response_urls
        self.failures: dict[str, list[Failure]] = {}
        self.refusals: dict[str, list[str]] = {}
        self.delays: dict[str, list[float]] = {}
        self.socket = FakeSocketMode(on_answer=self.answered)
        self._last_post: dict[str, float] = {}
        # (call, stage) -> True to cut the connection: before the call is carried out
        # ("arrived") or after it is, instead of answering ("carried_out").
        self.interrupt: Callable[[Call, str], bool] | None = None
        self._runner: web.AppRunner | None = None
        self.port = 0

    # -- set-up -------------------------------------------------------------------------
    async def start(self) -> FakeSlack:
        app = web.Application()
        app.router.add_route("*", "/api/{method}", self._api)
        app.router.add_post("/response/{name}", self._response)
        app.router.add_get("/socket", self.socket.handler)
        self._runner = web.AppRunner(app)
        await self._runner.setup()
        site = web.TCPSite(self._runner, "127.0.0.1", 0)
        await site.start()
        self.port = site._server.sockets[0].getsockname()[1]
        return self

    async def stop(self) -> None:
        await self.socket.close()
        if self._runner:
            await self._runner.cleanup()

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    @property
    def api_url(self) -> str:
        return f"{self.url}/api/"

    def response_url(self, name: str = "r1") -> str:
        return f"{self.url}/response/{name}"

    def add_user(
        self, user_id: str, real_name: str, *, is_bot: bool = False, locale: str = "en-US"
    ) -> None:
        """A member; ``locale`` is their Slack language, which users.info reports only
        when asked with ``include_locale``."""
        self.users[user_id] = {
            "id": user_id,
            "name": real_name.split()[0].lower(),
            "real_name": real_name,
            "is_bot": is_bot,
            "profile": {"real_name": real_name, "display_name": ""},
        }
        self.locales[user_id] = locale

    def fail(
        self, method: str, *, status: int = 429, times: int = 1, retry_after: int | None = None
    ) -> None:
        if status == 429 and retry_after is None:
            retry_after = 1
        self.failures.setdefault(method, []).append(Failure(status, times, retry_after))

    def refuse(self, method: str, error: str, *, times: int = 1) -> None:
        """Answer ``{"ok": false, "error": error}`` (HTTP 200), as Slack does for most errors."""
        self.refusals.setdefault(method, []).extend([error] * times)

    def delay(self, method: str, seconds: float, *, times: int = 1) -> None:
        self.delays.setdefault(method, []).extend([seconds] * times)

    def lose_answer(self, method: str, *, times: int = 1) -> None:
        self.failures.setdefault(method, []).append(Failure(500, times, lose_answer=True))

    # -- inspection ---------------------------------------------------------------------
    def tokens_used(self, method: str, **matching: Any) -> list[str | None]:
        """The token of each call to ``method`` whose arguments include ``matching``."""
        return [
            c.token
            for c in self.calls
            if c.method == method and all(c.args.get(k) == v for k, v in matching.items())
        ]

    def calls_to(self, method: str, *, ok_only: bool = False) -> list[Call]:
        return [c for c in self.calls if c.method == method and (c.status == 200 or not ok_only)]

    def posts(self, channel: str) -> list[dict]:
        return list(self.messages.get(channel, []))

    async def wait_for(self, condition, *, timeout: float = 5.0) -> None:
        """Wait until ``condition()`` is true (the bot works after it has acknowledged)."""
        deadline = time.monotonic() + timeout
        while not condition():
            if time.monotonic() > deadline:
                raise AssertionError("timed out waiting for the bot")
            await asyncio.sleep(0.01)

    # -- HTTP ---------------------------------------------------------------------------
    def _cut(self, request: web.Request, call: Call, stage: str) -> bool:
        if self.interrupt is None or not self.interrupt(call, stage):
            return False
        call.status = 0  # no answer ever left
        request.transport.close()
        return True

    def answered(self, command: dict, answer: dict) -> None:
        """A command answered in its ack (HTTP body or Socket Mode ack payload): Slack shows
        it exactly as if it had been posted to the command's response_url."""
        url = command.get("response_url") or ""
        if "/response/" in url and (answer.get("text") or answer.get("blocks")):
            name = url.rsplit("/response/", 1)[1]
            call = Call("ack_answer", {"name": name, **answer})
            if self.interrupt is not None and self.interrupt(call, "arrived"):
                return  # the bot died as its answer left: the member never saw it
            self.responses.append({"name": name, "via": "ack", **answer})
            if self.interrupt is not None:
                self.interrupt(call, "carried_out")

    async def _response(self, request: web.Request) -> web.Response:
        body = await request.json()
        call = Call("response_url", {"name": request.match_info["name"], **body})
        if self._cut(request, call, "arrived"):
            return web.Response(status=500)
        self.responses.append({"name": request.match_info["name"], **body})
        if self._cut(request, call, "carried_out"):
            return web.Response(status=500)
        return web.Response(text="ok")

    async def _api(self, request: web.Request) -> web.Response:
        method = request.match_info["method"]
        args = await _arguments(request)
        call = Call(method, args, token=_token(request, args))
        self.calls.append(call)
        if self._cut(request, call, "arrived"):
            return web.Response(status=500)
        failure = self._failure(method)
        if failure and not failure.lose_answer:
            call.status = failure.status
            headers = (
                {"Retry-After": str(failure.retry_after)} if failure.retry_after is not None else {}
            )
            error = "ratelimited" if failure.status == 429 else "internal_error"
            return web.json_response(
                {"ok": False, "error": error}, status=failure.status, headers=headers
            )
        wait = self._rate_limited(method, args)
        if wait is not None:
            call.status = 429
            return web.json_response(
                {"ok": False, "error": "ratelimited"},
                status=429,
                headers={"Retry-After": str(wait)},
            )
        if self.refusals.get(method):
            return web.json_response({"ok": False, "error": self.refusals[method].pop(0)})
        handler = getattr(self, "_" + method.replace(".", "_"), None)
        self.current_token = call.token  # the methods answer as the token's workspace
        answer = handler(args) if handler else {"ok": False, "error": "unknown_method"}
        if self._cut(request, call, "carried_out"):
            return web.Response(status=500)
        if self.delays.get(method):
            await asyncio.sleep(self.delays[method].pop(0))
        if failure:  # carried out, but the answer never arrives
            call.status = 500
            return web.json_response({"ok": False, "error": "internal_error"}, status=500)
        return web.json_response(answer, headers={"x-oauth-scopes": ",".join(self.scopes)})

    def _failure(self, method: str) -> Failure | None:
        queue = self.failures.get(method) or []
        if not queue:
            return None
        failure = queue[0]
        failure.times -= 1
        if failure.times <= 0:
            queue.pop(0)
        return failure

    def _rate_limited(self, method: str, args: dict) -> int | None:
        """Seconds to wait (Retry-After) when this call is over a limit, else None."""
        if method == "chat.postMessage" and self._too_fast(args.get("channel", "")):
            return 1
        return None

    def _too_fast(self, channel: str) -> bool:
        if not self.per_channel_rate:
            return False
        now = time.monotonic()
        if now - self._last_post.get(channel, -1e9) < 1 / self.per_channel_rate:
            return True
        self._last_post[channel] = now
        return False


def _token(request: web.Request, args: dict[str, Any]) -> str | None:
    header = request.headers.get("Authorization", "")
    if header.startswith("Bearer "):
        return header.removeprefix("Bearer ")
    return args.get("token")


async def _arguments(request: web.Request) -> dict[str, Any]:
    """Merge query, form and JSON arguments, decoding JSON-in-form fields like slack_sdk sends."""
    args: dict[str, Any] = dict(request.query)
    if request.can_read_body:
        if request.content_type == "application/json":
            args.update(await request.json())
        else:
            args.update(dict(await request.post()))
    for name in ("blocks", "metadata", "view"):
        if isinstance(args.get(name), str):
            args[name] = json.loads(args[name])
    return args
