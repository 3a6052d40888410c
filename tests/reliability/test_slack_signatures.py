"""Signed Slack requests (HTTP mode): a forged, tampered, future-dated or replayed request
is refused with 401 and changes nothing; in particular nobody can forge a moderator's
reaction. (Unsigned, wrong-secret and stale requests: tests/adapters/slack/test_http_mode.py.)"""

from __future__ import annotations

import json
import time

from bot.model import Status
from bot.store import victories as victory_store
from tests.adapters.slack import conftest as slack_fixtures
from tests.adapters.slack.conftest import MODERATOR, REVIEW, SECRET, card_ts, eventually
from tests.fakes.slack_requests import (
    form_body,
    reaction_event,
    signature_headers,
    slash_command,
)

# The HTTP-mode bot of the Slack adapter tests, on its fake Web API.
config = slack_fixtures.config
slack_api = slack_fixtures.slack_api
slack_room = slack_fixtures.slack_room
http_bot = slack_fixtures.http_bot


async def stored(core) -> int:
    return len(await core.store.run(victory_store.queue))


async def test_a_replayed_request_is_refused_even_inside_the_time_window(http_bot):
    body = form_body(
        slash_command(text="The vote passed", response_url=http_bot.api.response_url())
    )
    headers = signature_headers(SECRET, body)
    status, answer = await http_bot.post(body, headers)
    assert status == 200 and "#1" in json.loads(answer)["text"]  # the receipt rides on the ack
    assert (await http_bot.post(body, headers))[0] == 401  # the very same request again
    await http_bot.core.settle()  # a refused request starts no work to wait for
    assert await stored(http_bot.core) == 1
    assert not http_bot.responses()  # nothing more was said to the member


async def test_a_tampered_or_future_dated_request_is_refused(http_bot):
    signed = form_body(slash_command(text="Harmless", response_url=http_bot.api.response_url()))
    headers = signature_headers(SECRET, signed)
    tampered = form_body(slash_command(text="Sneaky", response_url=http_bot.api.response_url()))
    assert (await http_bot.post(tampered, headers))[0] == 401
    future = int(time.time()) + 6 * 60
    assert (await http_bot.signed(signed, timestamp=future))[0] == 401
    await http_bot.core.settle()
    assert await stored(http_bot.core) == 0 and not http_bot.responses()


async def test_a_forged_moderator_reaction_decides_nothing(http_bot):
    await http_bot.command("The shelter got its funding")
    await http_bot.reply()
    await http_bot.core.settle()
    ts = card_ts(http_bot.api, 1)
    event = json.dumps(
        reaction_event(user=MODERATOR, reaction="white_check_mark", channel=REVIEW, ts=ts)
    )
    forged = await http_bot.signed(event, content_type="application/json", secret="guessed")
    unsigned = await http_bot.post(event, {"Content-Type": "application/json"})
    assert forged[0] == unsigned[0] == 401
    headers = signature_headers(SECRET, event, content_type="application/json")
    assert (await http_bot.post(event, headers))[0] == 200
    # Bolt handles the event after acking it, outside the core's tasks: wait for its effect.
    await eventually(
        lambda: http_bot.core.store.call(victory_store.get, 1).status == Status.APPROVED
    )
    assert (await http_bot.post(event, headers))[0] == 401  # captured and sent again
    await http_bot.core.settle()
    item = await http_bot.core.store.run(victory_store.get, 1)
    assert item.status == Status.APPROVED
    audit = await http_bot.core.store.run(
        lambda db: list(db.query("SELECT action FROM audit WHERE action = 'approve'"))
    )
    assert len(audit) == 1  # the genuine reaction only
