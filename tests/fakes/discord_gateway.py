"""The fake Discord's gateway: HELLO, heartbeat ACKs, IDENTIFY -> READY + GUILD_CREATE,
and op 0 dispatches of whatever events a test sends.

Sharding as Discord documents it: an IDENTIFY may carry ``shard: [id, count]``; that
session's READY lists (and its GUILD_CREATEs carry) only the guilds with
``(guild_id >> 22) % count == id``, and every later event about a guild goes to that
guild's shard only (events with no guild, such as DMs, to shard 0). An IDENTIFY without
``shard`` is shard [0, 1]. ``GET /gateway/bot`` advises ``FakeDiscord.shards``.

``drop()`` closes the connections (as Discord does when a gateway node restarts) and
``reconnect()`` sends op 7; the client comes back with op 6 RESUME and is sent every
dispatch it missed on its shard, then RESUMED. Events dispatched while no client is
connected wait for that resume, as Discord keeps them for a resumable session.
"""

from __future__ import annotations

import json

from aiohttp import WSMsgType, web

from tests.fakes import discord_payloads as p
from tests.fakes.discord_guilds import GUILD_MEMBERS, FakeGuild, guild_create, target_guild

Shard = tuple[int, int]  # (shard id, shard count) of one session


class FakeGateway:
    """Mixed into ``FakeDiscord``, which holds the guild state this serves."""

    async def _gateway(self, request: web.Request) -> web.WebSocketResponse:
        ws = web.WebSocketResponse()
        await ws.prepare(request)
        self._sockets.append(ws)
        await ws.send_json({"op": 10, "d": {"heartbeat_interval": 41250}, "s": None, "t": None})
        try:
            async for msg in ws:
                if msg.type != WSMsgType.TEXT:
                    continue
                frame = json.loads(msg.data)
                if frame["op"] == 1:
                    await ws.send_json({"op": 11, "d": None, "s": None, "t": None})
                elif frame["op"] == 2:
                    await self._identify(ws, frame["d"])
                elif frame["op"] == 6:
                    await self._resume(ws, frame["d"])
        finally:
            self._sockets.remove(ws)
            self._live.pop(ws, None)
        return ws

    async def _identify(self, ws: web.WebSocketResponse, data: dict) -> None:
        shard_id, count = data.get("shard") or (0, 1)
        if not 0 <= shard_id < count:
            await ws.close(code=4010)  # Invalid shard
            return
        self.identified.append(data)
        session = f"fake-session-{len(self.identified)}"
        self._sessions[session] = (shard_id, count)
        mine = [g for g in self.guilds if p.shard_of(g.id, count) == shard_id]
        await self._send(ws, "READY", self._ready(session, mine, data.get("shard")))
        for guild in mine:
            self.guild_creates.append((shard_id, guild.id))
            await self._send(ws, "GUILD_CREATE", self._guild(guild, data["intents"]))
        self._live[ws] = (shard_id, count)

    async def _resume(self, ws: web.WebSocketResponse, data: dict) -> None:
        self.resumed.append(data)
        shard = self._sessions.get(data.get("session_id") or "", (0, 1))
        for guild_id, frame in self._backlog:
            if frame["s"] > (data.get("seq") or 0) and self._routes_to(guild_id, shard):
                self.delivered.append((shard[0], frame["t"]))
                await ws.send_json(frame)
        self._seq += 1
        await ws.send_json({"op": 0, "t": "RESUMED", "s": self._seq, "d": {}})
        self._live[ws] = shard

    async def drop(self, *, code: int = 4000) -> None:
        """Close every gateway connection with ``code`` (4000: unknown error, resumable)."""
        for ws in list(self._sockets):
            self._live.pop(ws, None)
            await ws.close(code=code)

    async def reconnect(self) -> None:
        """Op 7 RECONNECT: Discord asks the client to reconnect and resume."""
        for ws in list(self._sockets):
            self._live.pop(ws, None)
            await ws.send_json({"op": 7, "d": None, "s": None, "t": None})

    async def _send(self, ws: web.WebSocketResponse, event: str, data: dict) -> None:
        self._seq += 1
        await ws.send_json({"op": 0, "t": event, "s": self._seq, "d": data})

    @staticmethod
    def _routes_to(guild_id: str | None, shard: Shard) -> bool:
        shard_id, count = shard
        return shard_id == (0 if guild_id is None else p.shard_of(guild_id, count))

    async def dispatch(self, event: str, data: dict) -> None:
        """Send an op 0 DISPATCH to the shard that owns its guild (or keep it for a
        resume)."""
        self._seq += 1
        frame = {"op": 0, "t": event, "s": self._seq, "d": data}
        guild_id = target_guild(event, data)
        self._backlog.append((guild_id, frame))
        for ws, shard in list(self._live.items()):
            if self._routes_to(guild_id, shard):
                self.delivered.append((shard[0], event))
                await ws.send_json(frame)

    async def join_guild(
        self, name: str, *, shard: int | None = None, system_channel: bool = False
    ) -> FakeGuild:
        """The bot is added to a new server: GUILD_CREATE without ``unavailable``; with
        ``system_channel``, the server has one (a "general" channel) for the bot's greeting."""
        guild = self.add_guild(name, shard=shard)
        if system_channel:
            guild.system_channel_id = guild.add_channel("general")
        await self.dispatch(
            "GUILD_CREATE", guild_create(guild, [self.bot], member_count=1, unavailable=None)
        )
        return guild

    async def leave_guild(self, guild_id: str, *, outage: bool = False) -> None:
        """GUILD_DELETE: the bot was removed (or, with ``outage``, the server went
        unavailable, which is not a leave: ``unavailable: true``)."""
        data: dict = {"id": guild_id}
        if outage:
            data["unavailable"] = True
        else:
            self.left.add(guild_id)
        await self.dispatch("GUILD_DELETE", data)

    def _ready(self, session: str, guilds: list[FakeGuild], shard: list | None) -> dict:
        ready = {
            "v": 10,
            "user": self.bot.user(),
            "guilds": [{"id": guild.id, "unavailable": True} for guild in guilds],
            "session_id": session,
            "resume_gateway_url": self.gateway_url,
            "application": {"id": self.app_id, "flags": 0},
            "private_channels": [],
            "relationships": [],
        }
        if shard is not None:
            ready["shard"] = list(shard)
        return ready

    def _guild(self, guild: FakeGuild, intents: int) -> dict:
        # Without the privileged GUILD_MEMBERS intent Discord sends only the bot's member.
        people = list(self.people.values()) if intents & GUILD_MEMBERS else [self.bot]
        count = len(self.people) if guild.id == self.guild_id else 1
        return guild_create(guild, people, member_count=count, unavailable=False)
