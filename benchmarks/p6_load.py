"""P6's load: members sending /victory one after another and a moderator team adding and
removing ✅ on pending cards, into `victories run` in Slack HTTP mode, every ack and
receipt recorded with when its request was sent."""

from __future__ import annotations

import asyncio
import json
import random
import time

import aiohttp

from benchmarks.corpus import sentence
from benchmarks.fake_platforms import SECRET
from benchmarks.timed_fakes import TimedSlack
from tests.fakes.slack_requests import (
    form_body,
    reaction_event,
    signature_headers,
    slash_command,
)

MODERATOR, REVIEW = "U_MOD", "C_REVIEW"
MEMBERS = 20
REACTION_EVERY = 0.05  # seconds: 20 reactions a second


class Load:
    """Members submitting and a moderator reacting, recording every ack and receipt."""

    def __init__(self, fake: TimedSlack, url: str, cards: list[str]) -> None:
        self.fake, self.url, self.cards = fake, url, cards
        self.acks: list[float] = []
        self.durable: list[float] = []
        self.sent: list[tuple[float, str]] = []  # each request's send time and kind, by ack
        self.started = float("nan")
        self._n = 0

    async def _post(self, session: aiohttp.ClientSession, body: str, kind: str) -> bytes:
        headers = signature_headers(SECRET, body)
        if kind == "json":
            headers["Content-Type"] = "application/json"
        t = time.perf_counter()
        async with session.post(self.url, data=body.encode(), headers=headers) as answer:
            content = await answer.read()
            assert answer.status == 200, answer.status
        self.acks.append(time.perf_counter() - t)
        self.sent.append((t, kind))
        return content

    def worst(self) -> str:
        """When the worst ack's request was sent in its phase, and what it was (to match
        against the bot's log or a trace)."""
        at = max(range(len(self.acks)), key=self.acks.__getitem__)
        sent, kind = self.sent[at]
        what = "submission" if kind == "form" else "reaction"
        return f"a {what} sent at +{sent - self.started:.2f} s"

    async def member(self, session: aiohttp.ClientSession, k: int, until: float) -> None:
        rng = random.Random(k)
        while time.perf_counter() < until:
            self._n += 1
            name, user = f"p6-{self._n}", f"UM{self._n:06d}"
            self.fake.add_user(user, f"Member {self._n}")
            body = form_body(
                slash_command(
                    text=f"{sentence(rng)} #{self._n}",
                    user_id=user,
                    response_url=self.fake.response_url(name),
                )
            )
            t = time.perf_counter()
            content = await self._post(session, body, "form")
            receipt = json.loads(content) if content.startswith(b"{") else {}
            at = time.perf_counter()
            if "#" not in receipt.get("text", ""):
                at, receipt = await self.fake.arrivals.wait(name, 30)
            assert "#" in receipt.get("text", ""), receipt
            self.durable.append(at - t)

    async def moderator(self, session: aiohttp.ClientSession, until: float) -> None:
        added = True
        while time.perf_counter() < until:
            for ts in self.cards[:50]:
                event = reaction_event(
                    user=MODERATOR, reaction="white_check_mark", channel=REVIEW, ts=ts, added=added
                )
                await self._post(session, json.dumps(event), "json")
                await asyncio.sleep(REACTION_EVERY)  # a busy moderator team, not a flood
                if time.perf_counter() >= until:
                    return
            added = not added

    async def run(self, seconds: float) -> None:
        self.started = time.perf_counter()
        until = self.started + seconds
        async with aiohttp.ClientSession() as session:
            await asyncio.gather(
                self.moderator(session, until),
                *(self.member(session, k, until) for k in range(MEMBERS)),
            )
