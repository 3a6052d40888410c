"""Socket Mode: the same flows over the real slack_sdk client and a local WebSocket server."""

from __future__ import annotations

import pytest

from adapters.environment import Environment
from adapters.slack import connect
from bot.model import Status
from bot.store import victories as victory_store
from tests.adapters.slack.conftest import MEMBER, MODERATOR, OTHER, REVIEW, card_ts, eventually
from tests.adapters.slack.test_modal import form_values
from tests.fakes.slack_requests import (
    block_actions,
    reaction_event,
    slash_command,
    view_submission,
)


@pytest.fixture
async def socket_bot(slack_room, slack_api):
    env = Environment(
        slack_bot_token="xoxb-test", slack_app_token="xapp-test", slack_api_url=slack_api.api_url
    )
    surface = connect(slack_room, env)
    slack_room.attach(surface)
    await surface.start()
    yield surface
    await slack_room.settle()
    await surface.stop()


def replies(api, name: str) -> list[str]:
    return [r.get("text", "") for r in api.responses if r["name"] == name]


async def test_submit_and_react_over_socket_mode(socket_bot, slack_api, slack_room):
    assert slack_api.calls_to("apps.connections.open")
    await slack_api.socket.connected.wait()  # the server said hello
    command = slash_command(
        text="The clinic reopened https://example.org/c",
        user_id=MEMBER,
        response_url=slack_api.response_url("s1"),
    )
    ack = await slack_api.socket.deliver("slash_commands", command)
    assert ack["envelope_id"] == slack_api.socket.envelopes[-1]["envelope_id"]
    await eventually(lambda: replies(slack_api, "s1"))
    assert "#1" in replies(slack_api, "s1")[0]
    await slack_room.settle()
    ts = card_ts(slack_api, 1)

    for user in (OTHER, MODERATOR):
        event = reaction_event(user=user, reaction="white_check_mark", channel=REVIEW, ts=ts)
        ack = await slack_api.socket.deliver("events_api", event)
        assert "envelope_id" in ack
    await eventually(lambda: slack_api.calls_to("chat.update"))
    victory = await slack_room.store.run(victory_store.get, 1)
    assert victory.status == Status.APPROVED and victory.decided_by == "Mo Editor"
    assert len(slack_api.socket.acks) == 3


async def test_form_over_socket_mode(socket_bot, slack_api, slack_room):
    command = slash_command(
        text="",
        user_id=MEMBER,
        trigger_id="trigger-sock",
        response_url=slack_api.response_url("s2"),
    )
    await slack_api.socket.deliver("slash_commands", command)
    await eventually(lambda: slack_api.views)
    assert slack_api.views[0]["trigger_id"] == "trigger-sock"
    payload = view_submission(
        user_id=MEMBER,
        view=slack_api.views[0]["view"],
        values=form_values(text="Bus fares cut", credit="anonymous"),
    )
    ack = await slack_api.socket.deliver("interactive", payload)
    assert "envelope_id" in ack
    await eventually(lambda: slack_api.ephemerals)
    assert "#1" in slack_api.ephemerals[0]["text"]
    assert (await slack_room.store.run(victory_store.get, 1)).text == "Bus fares cut"


async def test_bad_app_token_fails_start(slack_room, slack_api):
    slack_api.refuse("apps.connections.open", "invalid_auth")
    env = Environment(
        slack_bot_token="xoxb-test", slack_app_token="xapp-bad", slack_api_url=slack_api.api_url
    )
    surface = connect(slack_room, env)
    with pytest.raises(Exception, match="invalid_auth"):
        await surface.start()
    await surface.stop()


async def test_reject_button_and_its_form_over_socket_mode(socket_bot, slack_api, slack_room):
    command = slash_command(text="Rent freeze passed", response_url=slack_api.response_url("s3"))
    await slack_api.socket.deliver("slash_commands", command)
    await slack_room.settle()
    ts = card_ts(slack_api, 1)
    press = block_actions(user_id=MODERATOR, action_id="victory:reject:1", message_ts=ts)
    assert "envelope_id" in await slack_api.socket.deliver("interactive", press)
    await eventually(lambda: slack_api.views)
    view = slack_api.views[0]["view"]
    assert view["callback_id"] == "victory_reject"
    # A member's crafted submission of the same form: refused inside the form itself.
    crafted = view_submission(user_id=MEMBER, view=view, values={"reason": {"value": {}}})
    ack = await slack_api.socket.deliver("interactive", crafted)
    assert ack["payload"]["response_action"] == "errors"
    assert (await slack_room.store.run(victory_store.get, 1)).status == Status.PENDING
    values = {"reason": {"value": {"type": "plain_text_input", "value": "Duplicate"}}}
    ack = await slack_api.socket.deliver(
        "interactive", view_submission(user_id=MODERATOR, view=view, values=values)
    )
    assert ack["payload"]["response_action"] == "update"
    victory = await slack_room.store.run(victory_store.get, 1)
    assert (victory.status, victory.reason) == (Status.REJECTED, "Duplicate")
