"""The fake Discord's gateway: HELLO, heartbeat ACKs, IDENTIFY -> READY + GUILD_CREATE,
and op 0 dispatches of whatever events a test sends.

``drop()`` closes the connections (as Discord does when a gateway node restarts) and
``reconnect()`` sends op 7; the client comes back with op 6 RESUME and is sent every
dispatch it missed, then RESUMED. Events dispatched while no client is connected wait
for that resume, as Discord keeps them for a resumable session.
"""

from __future__ import annotations

import json

from aiohttp import WSMsgType, web

from tests.fakes import discord_payloads as p

GUILD_MEMBERS = 1 << 1


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
                    self.identified.append(frame["d"])
                    await self._send(ws, "READY", self._ready())
                    await self._send(ws, "GUILD_CREATE", self._guild(frame["d"]["intents"]))
                    self._live.add(ws)
                elif frame["op"] == 6:
                    await self._resume(ws, frame["d"])
        finally:
            self._sockets.remove(ws)
            self._live.discard(ws)
        return ws

    async def _resume(self, ws: web.WebSocketResponse, data: dict) -> None:
        self.resumed.append(data)
        for frame in self._backlog:
            if frame["s"] > (data.get("seq") or 0):
                await ws.send_json(frame)
        self._seq += 1
        await ws.send_json({"op": 0, "t": "RESUMED", "s": self._seq, "d": {}})
        self._live.add(ws)

    async def drop(self, *, code: int = 4000) -> None:
        """Close every gateway connection with ``code`` (4000: unknown error, resumable)."""
        for ws in list(self._sockets):
            self._live.discard(ws)
            await ws.close(code=code)

    async def reconnect(self) -> None:
        """Op 7 RECONNECT: Discord asks the client to reconnect and resume."""
        for ws in list(self._sockets):
            self._live.discard(ws)
            await ws.send_json({"op": 7, "d": None, "s": None, "t": None})

    async def _send(self, ws: web.WebSocketResponse, event: str, data: dict) -> None:
        self._seq += 1
        await ws.send_json({"op": 0, "t": event, "s": self._seq, "d": data})

    async def dispatch(self, event: str, data: dict) -> None:
        """Send an op 0 DISPATCH to every connected client (or keep it for a resume)."""
        self._seq += 1
        frame = {"op": 0, "t": event, "s": self._seq, "d": data}
        self._backlog.append(frame)
        for ws in list(self._live):
            await ws.send_json(frame)

    def _ready(self) -> dict:
        return {
            "v": 10,
            "user": self.bot.user(),
            "guilds": [{"id": self.guild_id, "unavailable": True}],
            "session_id": "fake-session",
            "resume_gateway_url": self.gateway_url,
            "application": {"id": self.app_id, "flags": 0},
            "private_channels": [],
            "relationships": [],
        }

    def _guild(self, intents: int) -> dict:
        # Without the privileged GUILD_MEMBERS intent Discord sends only the bot's member.
        people = self.people.values() if intents & GUILD_MEMBERS else [self.bot]
        return {
            "id": self.guild_id,
            "name": "Fake Guild",
            "owner_id": self.owner_id,
            "unavailable": False,
            "member_count": len(self.people),
            "large": False,
            "roles": self.roles,
            "channels": self.channels,
            "threads": [],
            "emojis": [],
            "stickers": [],
            "features": [],
            "voice_states": [],
            "presences": [],
            "members": [person.member() for person in people],
            "joined_at": p.TIMESTAMP,
            "preferred_locale": "en-US",
        }
