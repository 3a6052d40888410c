"""Slack hears back the moment a listener acks: signed requests into a real Bolt app
(``QuickAckApp``) served over HTTP, its client on the fake Web API."""

from __future__ import annotations

import asyncio
import json
import logging

import aiohttp
import pytest
from aiohttp import web
from slack_sdk.web.async_client import AsyncWebClient

from adapters.slack import quick_ack
from adapters.slack.quick_ack import QuickAckApp
from bot.background import Tasks
from tests.fakes.slack_requests import (
    form_body,
    reaction_event,
    signature_headers,
    slash_command,
)

SECRET = "quick-ack-secret"


@pytest.fixture
async def served(slack_api):
    tasks = Tasks()
    app = QuickAckApp(
        tasks=tasks,
        name="quick",
        client=AsyncWebClient(token="xoxb-test", base_url=slack_api.api_url),
        signing_secret=SECRET,
    )
    errors: list[Exception] = []

    @app.error
    async def on_error(error: Exception) -> None:
        errors.append(error)

    runner = web.AppRunner(app.web_app(path="/slack/events", port=0))
    await runner.setup()
    await web.TCPSite(runner, "127.0.0.1", 0).start()
    port = runner.addresses[0][1]
    async with aiohttp.ClientSession() as session:

        async def post(body: str, content_type: str = "application/x-www-form-urlencoded"):
            headers = signature_headers(SECRET, body, content_type=content_type)
            async with session.post(
                f"http://127.0.0.1:{port}/slack/events", data=body, headers=headers
            ) as answer:
                return answer.status, await answer.text()

        yield app, tasks, post, errors
    await asyncio.wait_for(tasks.settle(), 5)  # a listener left waiting fails, not hangs
    await runner.cleanup()


async def test_the_answer_goes_out_when_the_listener_acks_and_the_rest_follows(served):
    app, tasks, post, errors = served
    release, finished = asyncio.Event(), asyncio.Event()

    @app.command("/victory")
    async def victory(ack, body) -> None:
        await ack(text=f"got it: {body['text']}")
        await release.wait()  # work after the ack (e.g. a form) must not hold the answer
        finished.set()

    status, text = await asyncio.wait_for(post(form_body(slash_command(text="Won!"))), 5)
    assert (status, text) == (200, "got it: Won!")
    assert not finished.is_set()
    release.set()
    await tasks.settle()  # shutdown waits for what listeners do after their ack
    assert finished.is_set() and errors == []


async def test_a_listener_failing_before_its_ack_is_answered_500_and_reported_once(served, caplog):
    app, tasks, post, errors = served

    @app.command("/victory")
    async def victory(ack) -> None:
        raise RuntimeError("broken before the ack")

    with caplog.at_level(logging.ERROR, logger="victories.background"):
        status, _ = await asyncio.wait_for(post(form_body(slash_command(text="x"))), 5)
        await tasks.settle()
    assert status == 500
    assert [str(e) for e in errors] == ["broken before the ack"]
    assert "background task failed" not in caplog.text  # Bolt's handler had it; once is enough


async def test_a_listener_failing_after_its_ack_is_logged_and_the_member_was_answered(
    served, caplog
):
    app, tasks, post, errors = served

    @app.command("/victory")
    async def victory(ack) -> None:
        await ack(text="stored")
        raise RuntimeError("broken after the ack")

    with caplog.at_level(logging.ERROR, logger="victories.background"):
        status, text = await asyncio.wait_for(post(form_body(slash_command(text="x"))), 5)
        await tasks.settle()
    assert (status, text) == (200, "stored")
    assert "broken after the ack" in caplog.text


async def test_a_listener_that_ends_without_acking_is_not_waited_for_past_its_end(served):
    app, tasks, post, errors = served

    @app.command("/victory")
    async def victory(ack) -> None:
        return None  # forgot to ack: Bolt answers that nobody handled it

    status, _ = await asyncio.wait_for(post(form_body(slash_command(text="x"))), 2)
    assert status != 200 and errors == []


async def test_an_event_is_acked_before_its_listener_runs_to_the_end(served):
    app, tasks, post, errors = served
    release, handled = asyncio.Event(), []

    @app.event("reaction_added")
    async def reaction(event) -> None:
        await release.wait()
        handled.append(event["reaction"])

    event = reaction_event(user="U_MOD", reaction="white_check_mark", channel="C1", ts="1.0")
    body = json.dumps(event)
    status, _ = await asyncio.wait_for(post(body, "application/json"), 5)
    assert status == 200 and handled == []
    release.set()
    await tasks.settle()
    assert handled == ["white_check_mark"]


async def test_a_listener_that_takes_too_long_to_ack_is_answered_at_the_limit(served, monkeypatch):
    app, tasks, post, errors = served
    monkeypatch.setattr(quick_ack, "ACK_TIMEOUT", 0.2)
    release, acked_late = asyncio.Event(), []

    @app.command("/victory")
    async def victory(ack) -> None:
        await release.wait()  # past Slack's limit: the request is answered without it
        await ack(text="too late")
        acked_late.append(True)

    status, text = await asyncio.wait_for(post(form_body(slash_command(text="x"))), 2)
    assert "too late" not in text and errors == []
    release.set()
    await asyncio.wait_for(tasks.settle(), 2)  # the listener still ran to its end
    assert acked_late == [True]
