"""A fake Socket Mode server: the WebSocket Slack opens for apps without a public URL.

On connect it sends ``{"type": "hello"}``; ``deliver(type, payload)`` pushes an envelope
``{"envelope_id", "type", "payload", "accepts_response_payload"}`` and waits for the
app's ack ``{"envelope_id": ..., "payload"?: ...}``. Every ack is recorded in ``acks``.
``drop()`` ends the connection the way Slack does when it recycles one (a ``disconnect``
message, then a close), or abruptly; the app is expected to open a new one by itself.
"""

from __future__ import annotations

import asyncio
import itertools
import json

from aiohttp import WSMsgType, web


class FakeSocketMode:
    def __init__(self, on_answer=None) -> None:
        # Called with (envelope payload, ack payload) when an ack carries an answer.
        self.on_answer = on_answer
        self.connections: list[web.WebSocketResponse] = []
        self.acks: dict[str, dict] = {}
        self.envelopes: list[dict] = []
        self.connected = asyncio.Event()
        self._ids = itertools.count(1)
        self._waiting: dict[str, asyncio.Event] = {}
        self._transports: dict[web.WebSocketResponse, asyncio.Transport] = {}

    async def handler(self, request: web.Request) -> web.WebSocketResponse:
        ws = web.WebSocketResponse(autoping=True)  # answers the client's pings
        await ws.prepare(request)
        self.connections.append(ws)
        self._transports[ws] = request.transport
        await ws.send_json(
            {
                "type": "hello",
                "num_connections": len(self.connections),
                "debug_info": {"host": "fake"},
                "connection_info": {"app_id": "A1"},
            }
        )
        self.connected.set()
        async for message in ws:
            if message.type != WSMsgType.TEXT:
                continue
            data = json.loads(message.data)
            envelope_id = data.get("envelope_id")
            if envelope_id:
                self.acks[envelope_id] = data
                sent = next((e for e in self.envelopes if e["envelope_id"] == envelope_id), None)
                if data.get("payload") and sent and self.on_answer:
                    self.on_answer(sent["payload"], data["payload"])
                if envelope_id in self._waiting:
                    self._waiting[envelope_id].set()
        return ws

    async def deliver(self, kind: str, payload: dict, *, timeout: float = 3.0) -> dict:
        """Send one envelope (slash_commands | events_api | interactive); return the ack.

        Slack redelivers an envelope not acked within 3 s; here that is an AssertionError.
        """
        envelope_id = await self.send(kind, payload, timeout=timeout)
        try:
            await asyncio.wait_for(self._waiting[envelope_id].wait(), timeout)
        except TimeoutError:
            raise AssertionError(f"envelope {envelope_id} ({kind}) was not acked in time") from None
        return self.acks[envelope_id]

    async def send(self, kind: str, payload: dict, *, timeout: float = 3.0) -> str:
        """Send one envelope without waiting for its ack (the app may die before it acks)."""
        await asyncio.wait_for(self.connected.wait(), timeout)
        envelope_id = f"env-{next(self._ids)}"
        envelope = {
            "envelope_id": envelope_id,
            "type": kind,
            "payload": payload,
            "accepts_response_payload": kind != "events_api",
            "retry_attempt": 0,
            "retry_reason": "",
        }
        self._waiting[envelope_id] = asyncio.Event()
        self.envelopes.append(envelope)
        await self._live().send_json(envelope)
        return envelope_id

    def _live(self) -> web.WebSocketResponse:
        return next(ws for ws in reversed(self.connections) if not ws.closed)

    async def drop(self, how: str = "notice") -> None:
        """End every connection: "notice" sends Slack's ``disconnect`` message then closes,
        "close" just closes, "cut" resets the TCP connection with no goodbye at all."""
        self.connected.clear()
        for ws in self.connections:
            if ws.closed:
                continue
            if how == "cut":
                self._transports[ws].abort()
                continue
            if how == "notice":
                await ws.send_json(
                    {"type": "disconnect", "reason": "refresh_requested", "debug_info": {}}
                )
            await ws.close()

    async def close(self) -> None:
        for ws in self.connections:
            await ws.close()
