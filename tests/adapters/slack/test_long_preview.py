"""The Home tab's Preview of an issue too long for a modal (over 100 blocks) comes to the
editor as direct messages instead, every item in them."""

from __future__ import annotations

import json

import pytest

from bot.model import Actor, Decision, Submission
from tests.adapters.slack.conftest import MEMBER, MODERATOR, eventually, slack_config
from tests.adapters.slack.pressing import press

ITEMS = 110


@pytest.fixture
def config():
    return slack_config(issue={"min_items": 1, "max_items": 200})


async def test_a_long_preview_comes_by_dm(http_bot):
    core = http_bot.core
    community = core.community
    member = Actor(platform="slack", user_id=MEMBER, display_name="Ana Lopez")
    editor = Actor(platform="slack", user_id=MODERATOR, display_name="Mo Editor")
    for n in range(1, ITEMS + 1):
        await core.submissions.submit(community, member, Submission(text=f"Good news number {n}"))
    await core.review.decide_all(community, editor, list(range(1, ITEMS + 1)), Decision.APPROVE)
    await core.settle()
    before = len(http_bot.api.posts("D" + MODERATOR))
    await press(http_bot, MODERATOR, "victories:preview", home=True)

    def dms() -> str:
        return json.dumps(http_bot.api.posts("D" + MODERATOR)[before:])

    await eventually(lambda: f"Good news number {ITEMS}" in dms())
    assert len(http_bot.api.posts("D" + MODERATOR)) - before > 1  # several messages
    assert all(f"Good news number {n}" in dms() for n in (1, 55))
    assert not http_bot.api.views  # no modal could hold it
    assert not http_bot.api.refused_payloads
