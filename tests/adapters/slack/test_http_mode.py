"""HTTP mode: signed slash commands create items; anything unsigned or stale is refused."""

from __future__ import annotations

import asyncio
import time

from adapters.slack.slash import ANSWER_IN_ACK
from bot.store import victories as victory_store
from tests.adapters.slack.conftest import REVIEW, SECRET, card_ts
from tests.fakes.slack_requests import form_body, slash_command


async def count(core) -> int:
    return len(await core.store.run(victory_store.queue, community=1))


async def test_signed_command_creates_item_with_receipt_and_card(http_bot):
    status = await http_bot.command(
        "Council passed the tenant bill https://example.org/a thanks: Diana"
    )
    assert status == 200
    receipt = await http_bot.reply()
    assert "#1" in receipt
    [response] = [r for r in http_bot.api.responses if r["name"] == "r1"]
    assert response["response_type"] == "ephemeral"
    await http_bot.core.settle()
    assert card_ts(http_bot.api, 1)
    card = http_bot.api.posts(REVIEW)[0]
    blocks_text = str(card["blocks"])
    assert "Council passed the tenant bill" in blocks_text
    assert "<https://example.org/a|https://example.org/a>" in blocks_text
    assert "Ana Lopez" in blocks_text and "Diana" in blocks_text


async def test_refusal_is_a_clear_ephemeral(http_bot):
    await http_bot.command("x" * 700)
    assert "limit is 600" in await http_bot.reply()
    assert await count(http_bot.core) == 0


async def test_help(http_bot):
    await http_bot.command("help")
    assert "/victory &lt;your good news&gt;" in await http_bot.reply()


async def test_unsigned_wrong_secret_and_stale_requests_get_401(http_bot):
    body = form_body(slash_command(text="Sneaky news", response_url=http_bot.api.response_url()))
    status, _ = await http_bot.post(body, {"Content-Type": "application/x-www-form-urlencoded"})
    assert status == 401
    status, _ = await http_bot.signed(body, secret="not-" + SECRET)
    assert status == 401
    status, _ = await http_bot.signed(body, timestamp=int(time.time()) - 6 * 60)
    assert status == 401
    await http_bot.core.settle()  # a refused request starts no work to wait for
    assert await count(http_bot.core) == 0
    assert not http_bot.api.responses


async def test_ack_comes_before_slow_database_work(http_bot):
    # Hold the database thread busy for longer than Slack's 3 s limit.
    busy = asyncio.ensure_future(http_bot.core.store.run(lambda db: time.sleep(3.0)))
    await asyncio.sleep(0.05)
    started = time.monotonic()
    assert await http_bot.command("The union vote won") == 200
    assert time.monotonic() - started < ANSWER_IN_ACK + 0.5 < 3
    assert not http_bot.responses()
    assert "#1" in await http_bot.reply()  # the receipt follows via response_url
    assert http_bot.api.responses[-1].get("via") != "ack"
    await busy


async def test_a_quick_answer_rides_on_the_ack(http_bot):
    assert await http_bot.command("The union vote won") == 200
    (receipt,) = http_bot.api.responses  # already there: it was the ack's body
    assert receipt["via"] == "ack" and receipt["response_type"] == "ephemeral"
    assert "#1" in receipt["text"]
