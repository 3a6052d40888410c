"""The Slack adapter running for real (Bolt AsyncApp, real Core on SQLite) against fakes."""

from __future__ import annotations

import asyncio
import json

import aiohttp
import pytest

from adapters.environment import Environment
from adapters.slack import connect
from bot.core import Core
from tests.conftest import make_config
from tests.fakes.slack_api import FakeSlack
from tests.fakes.slack_requests import (
    form_body,
    interactive_body,
    reaction_event,
    signature_headers,
    slash_command,
)

SECRET = "8f742231b10e8888abcd99yyyzzz85a5"
REVIEW, NEWS, MORE_NEWS = "C_REVIEW", "C_NEWS", "C_MORE_NEWS"
MEMBER, MODERATOR, GROUP_MODERATOR, OTHER = "U_MEMBER", "U_MOD", "U_GROUPIE", "U_OTHER"


def slack_config(**overrides):
    sections = {
        "intake": {"cooldown": "0s", "per_user_per_day": 1000},
        "issue": {"min_items": 1},
        "slack": {
            "review_channel": REVIEW,
            "digest_channels": [NEWS, MORE_NEWS],
            "moderators": {"users": [MODERATOR], "usergroups": ["S_MODS"]},
        },
    }
    sections.update(overrides)
    return make_config(**sections)


@pytest.fixture
async def slack_api():
    fake = await FakeSlack().start()
    fake.add_user(MEMBER, "Ana Lopez")
    fake.add_user(MODERATOR, "Mo Editor")
    fake.add_user(GROUP_MODERATOR, "Gia Group")
    fake.add_user(OTHER, "Ben Okafor")
    fake.usergroups["S_MODS"] = [GROUP_MODERATOR]
    yield fake
    await fake.stop()


@pytest.fixture
def config():
    return slack_config()


@pytest.fixture
async def slack_room(store, config, clock):
    core = Core(store=store, config=config, clock=clock)
    yield core
    await core.settle()


class HttpDriver:
    """Plays Slack's part in HTTP mode: signed POSTs to the app's /slack/events."""

    def __init__(self, surface, api: FakeSlack, core: Core, env: Environment) -> None:
        self.surface, self.api, self.core, self.surface_env = surface, api, core, env

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.surface.connection.port}/slack/events"

    async def post(self, body: str, headers: dict[str, str]) -> tuple[int, str]:
        async with (
            aiohttp.ClientSession() as session,
            session.post(self.url, data=body.encode(), headers=headers) as answer,
        ):
            return answer.status, await answer.text()

    async def signed(
        self,
        body: str,
        *,
        content_type="application/x-www-form-urlencoded",
        secret: str = SECRET,
        timestamp: int | None = None,
    ) -> tuple[int, str]:
        headers = signature_headers(secret, body, timestamp=timestamp, content_type=content_type)
        return await self.post(body, headers)

    async def command(
        self,
        text: str,
        *,
        user: str = MEMBER,
        command: str = "/victory",
        name: str = "r1",
        **fields,
    ) -> int:
        body = slash_command(
            command=command,
            text=text,
            user_id=user,
            response_url=self.api.response_url(name),
            **fields,
        )
        status, answer = await self.signed(form_body(body))
        if status == 200 and answer.startswith("{"):
            self.api.answered(body, json.loads(answer))
        return status

    async def react(
        self, *, user: str, reaction: str, ts: str, added: bool = True, channel: str = REVIEW
    ) -> int:
        body = json.dumps(
            reaction_event(user=user, reaction=reaction, channel=channel, ts=ts, added=added)
        )
        status, _ = await self.signed(body, content_type="application/json")
        return status

    async def interact(self, payload: dict) -> int:
        status, _ = await self.signed(interactive_body(payload))
        return status

    async def interact_answer(self, payload: dict) -> dict:
        """Send an interactive payload and return the app's ack body ({} when empty),
        e.g. a view_submission's ``response_action``."""
        status, body = await self.signed(interactive_body(payload))
        assert status == 200, (status, body)
        return json.loads(body) if body.strip().startswith("{") else {}

    def responses(self, name: str = "r1") -> list[str]:
        return [r.get("text", "") for r in self.api.responses if r["name"] == name]

    async def reply(self, name: str = "r1") -> str:
        await self.api.wait_for(lambda: self.responses(name))
        return self.responses(name)[-1]


@pytest.fixture
async def http_bot(slack_room, slack_api):
    env = Environment(
        slack_bot_token="xoxb-test",
        slack_signing_secret=SECRET,
        web_port=0,
        slack_api_url=slack_api.api_url,
    )
    surface = connect(slack_room, env, host="127.0.0.1")
    # Open Home tabs are republished after a short gathering pause, not Slack's pacing.
    surface.homes.delay, surface.homes.spacing = 0.05, 0.0
    slack_room.attach(surface)
    await surface.start()
    driver = HttpDriver(surface, slack_api, slack_room, env)
    yield driver
    await slack_room.settle()
    await driver.surface.stop()


def card_ts(api: FakeSlack, number: int) -> str:
    """The ts of victory #number's review card in the fake review channel."""
    for message in api.posts(REVIEW):
        if message["text"].startswith(f"Victory #{number}:"):
            return message["ts"]
    raise AssertionError(f"no card for #{number}")


async def eventually(condition, *, timeout: float = 5.0) -> None:
    """Wait for something the bot does after it has acknowledged Slack."""
    deadline = asyncio.get_running_loop().time() + timeout
    while not condition():
        assert asyncio.get_running_loop().time() < deadline, "timed out waiting for the bot"
        await asyncio.sleep(0.01)
