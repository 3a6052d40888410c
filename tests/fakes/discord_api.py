"""A fake Discord: REST API v10 and gateway on 127.0.0.1, for tests and benchmarks.

It speaks the real wire protocol as far as discord.py needs it: REST answers carry
content-type exactly ``application/json`` and rate-limit headers; a 429 carries
``retry_after``, the ``X-RateLimit-*`` headers and ``Via`` (without it discord.py assumes a
Cloudflare ban); the gateway sends HELLO, acks heartbeats and answers IDENTIFY with READY
then GUILD_CREATE. Message history does not return ``nonce`` (the real API only echoes it
on create), and ``enforce_nonce`` dedupes by author and nonce, as documented.
Every REST call is recorded in ``calls``; ``interrupt`` (a test's callback) is asked about
each as it "arrived" and once "carried_out", and cuts the connection there when it returns
True (crash tests kill the bot at that moment).

Use: ``async with FakeDiscord() as fake:``, add channels, roles and people, then point
the bot at ``fake.api_url`` and ``fake.gateway_url`` (DISCORD_API_URL, DISCORD_GATEWAY_URL);
``tests.fakes.discord_events`` dispatches what members do. ``FakeDiscord(shards=2)``
advises two shards in ``GET /gateway/bot``; ``add_guild`` puts more servers on them (see
``discord_gateway`` for how sessions and events are split).
"""

from __future__ import annotations

import asyncio
import json
import re
import time
from collections.abc import Callable
from dataclasses import dataclass, field

from aiohttp import web

from tests.fakes import discord_payloads as p
from tests.fakes.discord_gateway import FakeGateway, Shard
from tests.fakes.discord_guilds import FakeGuild, new_guild
from tests.fakes.discord_routes import ROUTES

VIA = "1.1 google"


@dataclass
class Call:
    method: str
    path: str
    query: dict
    body: dict | list | None
    status: int = 200


@dataclass
class Fault:
    method: str
    pattern: re.Pattern
    kind: str  # "429", "drop" (do the work, then cut the connection) or an error status
    times: int
    retry_after: float


@dataclass
class FakeDiscord(FakeGateway):
    guild_id: str = field(default_factory=p.snowflake)
    app_id: str = field(default_factory=p.snowflake)
    owner_id: str = field(default_factory=p.snowflake)
    bot: p.Person = field(default_factory=lambda: p.Person(p.snowflake(), "Victories", bot=True))
    people: dict[str, p.Person] = field(default_factory=dict)
    roles: list[dict] = field(default_factory=list)
    channels: list[dict] = field(default_factory=list)
    closed_dms: set[str] = field(default_factory=set)  # users who refuse DMs (403, code 50007)
    guild_name: str = "Fake Guild"
    shards: int = 1  # the shard count GET /gateway/bot advises
    max_concurrency: int = 1  # IDENTIFYs allowed per 5 s (session_start_limit)
    advised_gateway: str | None = None  # the url GET /gateway/bot gives; default its own
    # Guilds whose commands Discord refuses (403 Missing Access: the bot is not in it)
    no_access: set[str] = field(default_factory=set)

    def __post_init__(self) -> None:
        self.calls: list[Call] = []
        self.messages: dict[str, list[dict]] = {}
        self.dm_channels: dict[str, str] = {}  # channel id -> user id
        self.commands: dict[str, list[dict]] = {}  # "global" or guild id -> commands
        self.refused_commands: list[str] = []  # why a PUT of commands was refused
        self.nonces: dict[tuple[str, str], dict] = {}
        self.callbacks: dict[str, list[dict]] = {}  # interaction token -> response bodies
        self.interaction_channels: dict[str, str] = {}  # interaction token -> channel id
        self.faults: list[Fault] = []
        self.identified: list[dict] = []
        self.resumed: list[dict] = []  # RESUME payloads (op 6) after a dropped connection
        self.guild_creates: list[tuple[int, str]] = []  # (shard id, guild id) at IDENTIFY
        self.delivered: list[tuple[int, str]] = []  # (shard id, event) sent, live or replayed
        self.other_guilds: list[FakeGuild] = []
        self.left: set[str] = set()  # guilds the bot has been removed from
        self.interrupt: Callable[[Call, str], bool] | None = None
        self._live: dict[web.WebSocketResponse, Shard] = {}  # identified or resumed sockets
        self._sessions: dict[str, Shard] = {}  # session id -> its shard, for RESUME
        self._backlog: list[tuple[str | None, dict]] = []  # (guild, frame), replayed on RESUME
        self._sockets: list[web.WebSocketResponse] = []
        self._seq = 0
        self._callback_seen = asyncio.Condition()
        self.roles.insert(
            0, p.role(self.guild_id, "@everyone", permissions=p.MESSAGE_PERMISSIONS, position=0)
        )
        self.people.setdefault(self.bot.id, self.bot)

    # -- set-up -------------------------------------------------------------------------
    @property
    def guilds(self) -> list[FakeGuild]:
        """Every server the bot is in; the first is built from this fake's own fields."""
        first = FakeGuild(self.guild_id, self.guild_name, self.owner_id, self.roles, self.channels)
        return [g for g in (first, *self.other_guilds) if g.id not in self.left]

    def guild(self, guild_id: str) -> FakeGuild | None:
        return next((g for g in self.guilds if g.id == guild_id), None)

    def channel(self, channel_id: str) -> dict | None:
        """A channel of any server the bot is in."""
        every = (c for g in self.guilds for c in g.channels)
        return next((c for c in every if c["id"] == channel_id), None)

    def add_guild(self, name: str, *, shard: int | None = None) -> FakeGuild:
        """Another server the bot is in, on ``shard`` of ``self.shards`` when given."""
        guild = new_guild(name, owner_id=self.owner_id, shard=shard, shard_count=self.shards)
        self.other_guilds.append(guild)
        return guild

    def add_channel(self, name: str) -> str:
        channel_id = p.snowflake()
        self.channels.append(p.text_channel(channel_id, name, self.guild_id, len(self.channels)))
        return channel_id

    def add_role(self, name: str, *, permissions: int = 0) -> str:
        role_id = p.snowflake()
        self.roles.append(p.role(role_id, name, permissions=permissions, position=len(self.roles)))
        return role_id

    def add_person(
        self, name: str, *, roles: tuple[str, ...] = (), permissions: int = 0
    ) -> p.Person:
        person = p.Person(p.snowflake(), name, list(roles), p.MESSAGE_PERMISSIONS | permissions)
        self.people[person.id] = person
        return person

    def fail(
        self,
        method: str,
        path_regex: str,
        *,
        kind: str = "429",
        times: int = 1,
        retry_after: float = 0.2,
    ) -> None:
        """Make the next ``times`` matching REST calls fail in the given way."""
        self.faults.append(Fault(method, re.compile(path_regex), kind, times, retry_after))

    async def start(self) -> FakeDiscord:
        app = web.Application()
        app.router.add_get("/gateway", self._gateway)
        app.router.add_route("*", "/api/v10/{path:.*}", self._rest)
        self._runner = web.AppRunner(app)
        await self._runner.setup()
        site = web.TCPSite(self._runner, "127.0.0.1", 0)
        await site.start()
        self.port = site._server.sockets[0].getsockname()[1]
        return self

    async def __aenter__(self) -> FakeDiscord:
        return await self.start()

    async def __aexit__(self, *exc: object) -> None:
        await self.close()

    async def close(self) -> None:
        for ws in list(self._sockets):
            await ws.close()
        await self._runner.cleanup()

    @property
    def api_url(self) -> str:
        return f"http://127.0.0.1:{self.port}/api/v10"

    @property
    def gateway_url(self) -> str:
        return f"ws://127.0.0.1:{self.port}/gateway"

    # -- REST ---------------------------------------------------------------------------
    def reply(self, data: object, status: int = 200, headers: dict | None = None) -> web.Response:
        body = b"" if status == 204 else json.dumps(data).encode()
        base = {
            "Content-Type": "application/json",
            "Via": VIA,
            "X-RateLimit-Limit": "50",
            "X-RateLimit-Remaining": "49",
            "X-RateLimit-Reset-After": "1.0",
            "X-RateLimit-Reset": f"{time.time() + 1:.3f}",
            "X-RateLimit-Bucket": "fakebucket",
        }
        return web.Response(body=body, status=status, headers={**base, **(headers or {})})

    def error(self, status: int, code: int, message: str) -> web.Response:
        return self.reply({"message": message, "code": code}, status)

    def _rate_limited(self, retry_after: float) -> web.Response:
        headers = {
            "X-RateLimit-Remaining": "0",
            "X-RateLimit-Reset-After": str(retry_after),
            "X-RateLimit-Reset": f"{time.time() + retry_after:.3f}",
            "X-RateLimit-Scope": "user",
            "Retry-After": str(max(1, round(retry_after))),
        }
        return self.reply(
            {
                "message": "You are being rate limited.",
                "retry_after": retry_after,
                "global": False,
                "code": 0,
            },
            429,
            headers,
        )

    def _fault_for(self, method: str, path: str) -> Fault | None:
        for fault in self.faults:
            if fault.times > 0 and fault.method == method and fault.pattern.search(path):
                fault.times -= 1
                return fault
        return None

    async def _rest(self, request: web.Request) -> web.StreamResponse:
        path = "/" + request.match_info["path"]
        raw = await request.read()
        body = json.loads(raw) if raw else None
        call = Call(request.method, path, dict(request.query), body)
        self.calls.append(call)
        if self._cut(request, call, "arrived"):
            return self.error(500, 0, "cut")
        fault = self._fault_for(request.method, path)
        if fault and fault.kind == "429":
            call.status = 429
            return self._rate_limited(fault.retry_after)
        if fault and fault.kind.isdigit():
            call.status = int(fault.kind)
            return self.error(call.status, 0, f"{fault.kind}: fault injected by the test")
        for method, pattern, handler in ROUTES:
            match = pattern.fullmatch(path)
            if match and method == request.method:
                try:
                    response = await handler(self, request, body, **match.groupdict())
                except ValueError as problem:  # a documented limit was broken
                    response = self.error(400, 50035, f"Invalid Form Body: {problem}")
                call.status = response.status
                if self._cut(request, call, "carried_out"):
                    return response
                if fault and fault.kind == "drop":
                    request.transport.close()  # the work is done, the answer is lost
                await self._notify_callbacks()
                return response
        call.status = 404
        return self.error(404, 0, "404: Not Found")

    def _cut(self, request: web.Request, call: Call, stage: str) -> bool:
        if self.interrupt is None or not self.interrupt(call, stage):
            return False
        call.status = 0  # no answer ever left
        request.transport.close()
        return True

    async def _notify_callbacks(self) -> None:
        async with self._callback_seen:
            self._callback_seen.notify_all()

    async def wait_for(self, predicate, timeout: float = 5.0):
        """Wait until ``predicate()`` is truthy after some REST call; return its value."""
        async with self._callback_seen:
            return await asyncio.wait_for(self._callback_seen.wait_for(predicate), timeout)

    def calls_to(self, method: str, path_regex: str) -> list[Call]:
        return [c for c in self.calls if c.method == method and re.search(path_regex, c.path)]

    def sent_messages(self) -> list[Call]:
        """Every call that creates or edits a message, in any way the bot can."""
        creating = r"^/channels/\d+/messages(/\d+)?$|^/webhooks/|^/interactions/"
        return [
            c for c in self.calls if c.method in ("POST", "PATCH") and re.search(creating, c.path)
        ]
