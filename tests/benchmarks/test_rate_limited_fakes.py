"""The rate-limited fakes P2 relies on answer the way the platforms document."""

from __future__ import annotations

import aiohttp

from tests.fakes.discord_limits import RateLimitedDiscord
from tests.fakes.slack_limits import BurstySlack


async def post(session: aiohttp.ClientSession, url: str, **body) -> aiohttp.ClientResponse:
    async with session.post(url, json=body) as answer:
        await answer.read()
        return answer


async def test_discord_route_bucket_then_global_limit():
    async with RateLimitedDiscord(global_rate=8) as fake, aiohttp.ClientSession() as session:
        one, two = fake.add_channel("one"), fake.add_channel("two")
        url = f"{fake.api_url}/channels/{one}/messages"
        answers = [await post(session, url, content=f"m{n}") for n in range(6)]
        assert [a.status for a in answers] == [200] * 5 + [429]
        assert [a.headers["X-RateLimit-Remaining"] for a in answers[:5]] == [
            "4",
            "3",
            "2",
            "1",
            "0",
        ]
        assert {a.headers["X-RateLimit-Bucket"] for a in answers} == {"a06de2ad3f1c"}
        assert answers[5].headers["X-RateLimit-Scope"] == "user"
        assert 0 < float(answers[5].headers["X-RateLimit-Reset-After"]) <= 5
        other = f"{fake.api_url}/channels/{two}/messages"
        statuses = [(await post(session, other, content="x")).status for _ in range(3)]
        assert statuses == [200, 200, 429]  # 8 a second in all: 6 used above, then 2 more
        async with session.post(other, json={"content": "y"}) as refused:
            data = await refused.json()
            assert refused.headers["X-RateLimit-Global"] == "true" and data["global"] is True
            assert 0 < data["retry_after"] <= 1
        assert len(fake.messages[one]) == 5 and len(fake.messages[two]) == 2
        assert fake.limited == {"global": 2, "user": 1}


async def test_slack_allows_a_short_burst_per_channel_then_429():
    fake = await BurstySlack(per_channel_rate=1.0, burst=3).start()
    try:
        async with aiohttp.ClientSession() as session:
            statuses = []
            for channel in ("C1", "C1", "C1", "C1", "C2"):
                async with session.post(
                    f"{fake.api_url}chat.postMessage", json={"channel": channel, "text": "hi"}
                ) as answer:
                    statuses.append(answer.status)
                    if answer.status == 429:
                        assert answer.headers["Retry-After"] == "1"
        assert statuses == [200, 200, 200, 429, 200]
        assert fake.limited == 1
    finally:
        await fake.stop()


async def test_slack_limits_posts_per_workspace_and_other_methods_by_tier():
    fake = await BurstySlack(per_channel_rate=1.0, burst=3, workspace_posts=4).start()
    fake.add_user("U1", "Ana Lopez")
    try:
        async with aiohttp.ClientSession() as session:
            posts = []
            for n in range(5):  # five channels, one message each: the workspace allows 4
                async with session.post(
                    f"{fake.api_url}chat.postMessage", json={"channel": f"C{n}", "text": "hi"}
                ) as answer:
                    posts.append(answer.status)
                    retry = answer.headers.get("Retry-After")
            assert posts == [200, 200, 200, 200, 429]
            assert retry is not None and 50 <= int(retry) <= 60  # the rest of the minute
            lookups = []
            for _ in range(101):  # users.info is Tier 4: 100 a minute
                async with session.post(f"{fake.api_url}users.info", data={"user": "U1"}) as a:
                    lookups.append(a.status)
            assert lookups.count(200) == 100 and lookups[-1] == 429
        assert fake.limited_by == {"workspace": 1, "users.info": 1}
    finally:
        await fake.stop()


def test_the_limits_count_on_the_clock_they_are_given():
    # P5 counts the limits on a scaled clock and asks the limiters directly.
    now = [100.0]
    discord = RateLimitedDiscord(clock=lambda: now[0])
    path = "/channels/{}/messages"
    verdicts = [discord.verdict("POST", path.format(1000 + n)) for n in range(51)]
    assert all(v.scope is None for v in verdicts[:50])
    assert verdicts[50].scope == "global" and 0 < verdicts[50].retry_after <= 1.0
    now[0] += 1.0
    assert discord.verdict("POST", path.format(2000)).scope is None
    same = [discord.verdict("POST", path.format(7)) for _ in range(6)]
    assert [v.scope for v in same] == [None] * 5 + ["user"] and same[4].remaining == 0
    slack = BurstySlack(clock=lambda: now[0])
    waits = [slack._rate_limited("chat.postMessage", {"channel": "C1"}) for _ in range(4)]
    assert waits[:3] == [None] * 3 and waits[3] is not None
    now[0] += 1.0
    assert slack._rate_limited("chat.postMessage", {"channel": "C1"}) is None
