"""Pressing the bot's buttons and filling its modals, as Slack would send them."""

from __future__ import annotations

from tests.adapters.slack.conftest import REVIEW, card_ts, eventually
from tests.fakes.slack_requests import block_actions, view_submission


async def submitted(bot, text: str = "The union vote won https://example.org/u") -> str:
    """Member shares ``text``; the ts of its review card (#1 unless told otherwise)."""
    await bot.command(text)
    await bot.reply()
    await bot.core.settle()
    return card_ts(bot.api, 1)


def card(api, number: int = 1) -> dict:
    for message in api.posts(REVIEW):
        if message["text"].startswith(f"Victory #{number}:"):
            return message
    raise AssertionError(f"no card for #{number}")


def card_buttons(api, number: int = 1) -> list[str]:
    return [
        element["action_id"]
        for block in card(api, number)["blocks"]
        if block["type"] == "actions"
        for element in block["elements"]
    ]


async def press(
    bot, user: str, action: str, number: int = 1, *, home: bool = False, name: str = "press"
) -> None:
    ts = "" if home else card(bot.api, number)["ts"]
    payload = block_actions(
        user_id=user,
        action_id=f"victory:{action}:{number}" if ":" not in action else action,
        message_ts=ts,
        home=home,
        response_url=bot.api.response_url(name),
    )
    assert await bot.interact(payload) == 200


async def opened_view(bot, count: int) -> dict:
    """The ``count``-th modal the bot opened (1-based), once it has."""
    await eventually(lambda: len(bot.api.views) >= count)
    return bot.api.views[count - 1]["view"]


def text_value(value: str | None, kind: str = "plain_text_input") -> dict:
    return {"value": {"type": kind, "value": value}}


def radio_value(value: str) -> dict:
    option = {"value": value, "text": {"type": "plain_text", "text": value}}
    return {"value": {"type": "radio_buttons", "selected_option": option}}


async def submit(bot, user: str, view: dict, values: dict, *, team_id: str = "T1") -> dict:
    """Submit ``view`` with ``values``; the app's answer (e.g. response_action)."""
    payload = view_submission(user_id=user, view=view, values=values, team_id=team_id)
    return await bot.interact_answer(payload)
