"""Publishing to Slack: every digest channel once, in order, split safely, across failures."""

from __future__ import annotations

import datetime as dt
import re
import time

import pytest

from adapters.slack.surface import PART_EVENT
from bot.chat import commands
from bot.issues.delivery import part_key
from bot.model import Actor, Decision, Submission
from tests.adapters.slack.conftest import MODERATOR, MORE_NEWS, NEWS, slack_config

EDITOR = Actor(platform="slack", user_id=MODERATOR, display_name="Mo Editor")
WORDS = ("alpha", "beta", "gamma", "delta", "epsilon")


@pytest.fixture
def config():
    return slack_config(issue={"min_items": 1, "max_items": 40})


async def fill_issue(core, items: int) -> None:
    """Approved items with distinct texts (so none folds into another as a duplicate)."""
    for i in range(1, items + 1):
        member = Actor(platform="slack", user_id=f"U{i:03d}", display_name=f"Member {i}")
        text = f"Victory {i} " + " ".join(f"{word}{i}" for word in WORDS)
        await commands.submit(
            core,
            core.community,
            member,
            Submission(text=text, link=f"https://example.org/{i}?a=1&b=2", thanks_to=f"Helper {i}"),
        )
        await core.review.decide(core.community, EDITOR, i, Decision.APPROVE)
    for verb, text in (
        ("note", "A big week & more to come."),
        ("ps", "See you <soon>"),
        ("action", "Call your rep"),
        ("thanks", "To all of you"),
    ):
        await commands.handle(core, core.community, EDITOR, "victories", f"{verb} {text}")
    await core.settle()  # review cards are out; what follows is the issue


def section_texts(message: dict) -> list[str]:
    texts = []
    for block in message["blocks"]:
        if block["type"] in ("section", "header"):
            texts.append(block["text"]["text"])
        elif block["type"] == "context":
            texts += [element["text"] for element in block["elements"]]
    return texts


def check_channel(api, channel: str, items: int) -> list[dict]:
    posts = api.posts(channel)
    keys = [post["metadata"]["event_payload"]["key"] for post in posts]
    assert keys == [part_key(1, n) for n in range(len(posts))]  # in order, each once
    assert all(post["metadata"]["event_type"] == PART_EVENT for post in posts)
    texts = []
    for post in posts:
        assert 0 < len(post["blocks"]) <= 50
        assert post["text"]  # the plain fallback for notifications
        texts += section_texts(post)
    assert all(len(text) <= 3000 for text in texts)
    numbers = [int(m.group(1)) for t in texts if (m := re.match(r"(\d+)\. Victory", t))]
    assert numbers == list(range(1, items + 1))
    for i in range(1, items + 1):
        [block] = [t for t in texts if t.startswith(f"{i}. Victory {i} ")]  # never cut
        assert f"<https://example.org/{i}?a=1&amp;b=2|" in block
        assert f"Helper {i}" in block and "Thanks," in block
    joined = "\n".join(texts)
    assert "A big week &amp; more to come." in joined and "See you &lt;soon&gt;" in joined
    return posts


async def test_forty_items_reach_every_channel_once_split_in_order(http_bot):
    await fill_issue(http_bot.core, 40)
    reply = await http_bot.core.issues.publish(http_bot.core.community, force=True)
    assert reply.ok, reply.plain()
    news = check_channel(http_bot.api, NEWS, 40)
    more = check_channel(http_bot.api, MORE_NEWS, 40)
    assert len(news) == len(more) >= 2
    assert [p["blocks"] for p in news] == [p["blocks"] for p in more]
    again = await http_bot.core.issues.publish(http_bot.core.community, force=True)
    assert not again.ok
    assert len(http_bot.api.posts(NEWS)) == len(news)
    assert not any(c.args.get("link_names") for c in http_bot.api.calls)


async def test_rate_limited_posts_are_retried_after_retry_after(http_bot):
    await fill_issue(http_bot.core, 5)
    http_bot.api.fail("chat.postMessage", status=429, retry_after=1, times=2)
    before = len(http_bot.api.calls_to("chat.postMessage"))
    started = time.monotonic()
    assert (await http_bot.core.issues.publish(http_bot.core.community, force=True)).ok
    assert time.monotonic() - started >= 1.0
    statuses = [c.status for c in http_bot.api.calls_to("chat.postMessage")[before:]]
    assert statuses[:2] == [429, 429] and set(statuses[2:]) == {200}
    check_channel(http_bot.api, NEWS, 5)
    check_channel(http_bot.api, MORE_NEWS, 5)


async def test_server_errors_are_retried(http_bot):
    await fill_issue(http_bot.core, 3)
    http_bot.api.fail("chat.postMessage", status=500, times=1)
    assert (await http_bot.core.issues.publish(http_bot.core.community, force=True)).ok
    check_channel(http_bot.api, NEWS, 3)
    check_channel(http_bot.api, MORE_NEWS, 3)


async def test_accepted_part_with_lost_answer_is_found_not_resent(http_bot):
    await fill_issue(http_bot.core, 3)
    http_bot.api.lose_answer("chat.postMessage")
    assert (await http_bot.core.issues.publish(http_bot.core.community, force=True)).ok
    check_channel(http_bot.api, NEWS, 3)
    check_channel(http_bot.api, MORE_NEWS, 3)
    history = http_bot.api.calls_to("conversations.history")
    assert history and all(c.args["include_all_metadata"] in (True, "true", "1") for c in history)


async def test_find_part_looks_back_through_recent_pages(http_bot):
    await fill_issue(http_bot.core, 2)
    assert (await http_bot.core.issues.publish(http_bot.core.community, force=True)).ok
    first = http_bot.api.posts(NEWS)[0]
    for n in range(250):  # chatter after the issue pushes it to the second page
        http_bot.api.messages[NEWS].append(
            {
                "type": "message",
                "user": "U1",
                "text": f"hi {n}",
                "ts": f"1800000000.{n:06d}",
                "metadata": None,
            }
        )
    found = await http_bot.surface.find_part(channel=NEWS, key=part_key(1, 0))
    assert found == first["ts"]
    assert await http_bot.surface.find_part(channel=NEWS, key=part_key(9, 0)) is None


async def test_per_channel_rate_limit_slows_but_loses_nothing(http_bot):
    await fill_issue(http_bot.core, 40)  # two parts per channel
    http_bot.api.per_channel_rate = 1.0  # Slack's ~1 message/s per channel
    assert (await http_bot.core.issues.publish(http_bot.core.community, force=True)).ok
    assert any(c.status == 429 for c in http_bot.api.calls_to("chat.postMessage"))
    assert len(check_channel(http_bot.api, NEWS, 40)) == 2
    assert len(check_channel(http_bot.api, MORE_NEWS, 40)) == 2


async def test_find_part_looks_back_to_when_the_delivery_began_however_busy(http_bot):
    """Issue 12, item 9: 700 messages after the part (more than 3 pages of 200)."""
    began = dt.datetime.now(dt.UTC) - dt.timedelta(seconds=1)
    await fill_issue(http_bot.core, 2)
    assert (await http_bot.core.issues.publish(http_bot.core.community, force=True)).ok
    first = http_bot.api.posts(NEWS)[0]
    for n in range(700):  # a busy channel while the bot was down
        http_bot.api.messages[NEWS].append(
            {
                "type": "message",
                "user": "U1",
                "text": f"hi {n}",
                "ts": f"{time.time() + 1 + n / 1e4:.6f}",
                "metadata": None,
            }
        )
    surface = http_bot.surface
    assert await surface.find_part(channel=NEWS, key=part_key(1, 0), since=began) == first["ts"]
    assert await surface.find_part(channel=NEWS, key=part_key(9, 0), since=began) is None
