"""The load P1 puts on a bot (or a bare baseline): 50 concurrent Slack clients or Discord
members, each sending its next /victory when the previous one is done, every request from
a member never seen before. Each round returns, per request, the seconds until it was
acked and until it was done (its receipt arrived, so the item is stored)."""

from __future__ import annotations

import asyncio
import itertools
import json
import random
import time

import aiohttp

from benchmarks.corpus import sentence
from benchmarks.fake_platforms import SECRET
from benchmarks.timed_fakes import TimedDiscord, TimedSlack
from tests.fakes import discord_events
from tests.fakes.slack_requests import form_body, signature_headers, slash_command

CLIENTS = 50
TIMEOUT = 30.0  # per request; a stuck request fails the benchmark instead of hanging it
_ids = itertools.count()


async def slack_round(
    session: aiohttp.ClientSession, fake: TimedSlack, url: str, *, per_client: int, stored: bool
) -> list[tuple[float, float]]:
    """Per request, the seconds until acked and until done: acked and (``stored``) its
    receipt arrived."""
    rng = random.Random(len(fake.calls))
    latencies: list[tuple[float, float]] = []

    async def client(k: int) -> None:
        for _ in range(per_client):
            name = f"r{next(_ids)}"
            user = fresh_slack_member(fake)
            body = form_body(
                slash_command(
                    text=sentence(rng),
                    user_id=user,
                    user_name=user.lower(),
                    response_url=fake.response_url(name),
                )
            )
            headers = signature_headers(SECRET, body)
            started = time.perf_counter()
            async with session.post(url, data=body.encode(), headers=headers) as answer:
                content = await answer.read()
                acked = time.perf_counter()
                assert answer.status == 200, f"status {answer.status}"
            done = acked
            if stored:
                # The bot's receipt rides on the ack when the commit is quick (it is sent
                # only after the commit); otherwise it follows via the response_url.
                receipt = json.loads(content) if content.startswith(b"{") else {}
                if "#" not in receipt.get("text", ""):
                    at, receipt = await fake.arrivals.wait(name, TIMEOUT)
                    done = max(acked, at)
                assert "#" in receipt.get("text", ""), receipt  # a receipt, not a refusal
            latencies.append((acked - started, done - started))

    await asyncio.wait_for(asyncio.gather(*(client(k) for k in range(CLIENTS))), 300)
    return latencies


async def discord_round(
    fake: TimedDiscord, channel: str, *, per_client: int
) -> list[tuple[float, float]]:
    """Per interaction, the seconds until its answer arrived (twice, like ``slack_round``)."""
    rng = random.Random(len(fake.calls))
    latencies: list[tuple[float, float]] = []

    async def member(k: int) -> None:
        for _ in range(per_client):
            person = fake.add_person(f"Member {next(_ids)}")  # never seen by the bot
            started = time.perf_counter()
            token = await discord_events.slash(
                fake, person, "victory", "share", channel_id=channel, text=sentence(rng)
            )
            at, status = await fake.arrivals.wait(token, TIMEOUT)
            assert status == 200, status
            latencies.append((at - started, at - started))

    await asyncio.wait_for(asyncio.gather(*(member(k) for k in range(CLIENTS))), 300)
    return latencies


def fresh_slack_member(fake: TimedSlack) -> str:
    """A member the bot has never seen (its name is known to the fake Web API)."""
    user = f"UN{next(_ids):06d}"
    fake.add_user(user, f"Member Number{user[2:]}")
    return user
