"""The composition root starts the Slack adapter when a bot token is set."""

from __future__ import annotations

import aiohttp
import pytest

from adapters.bootstrap import open_bot, start_surfaces
from adapters.environment import Environment, read_environment
from adapters.slack import SlackSetupError, SlackSurface, connect
from tests.adapters.slack.conftest import SECRET, HttpDriver, slack_config


async def test_bootstrap_runs_slack_in_http_mode(tmp_path, slack_api):
    env = Environment(
        db_path=str(tmp_path / "bot.db"),
        slack_bot_token="xoxb-test",
        slack_signing_secret=SECRET,
        web_port=0,
        slack_api_url=slack_api.api_url,
    )
    bot = open_bot(slack_config(), env)
    try:
        [surface] = bot.surfaces
        assert isinstance(surface, SlackSurface) and bot.console is None
        await start_surfaces(bot)
        driver = HttpDriver(surface, slack_api, bot.core, env)
        assert await driver.command("The strike ended with a raise") == 200
        assert "#1" in await driver.reply()
    finally:
        await bot.stop()


def test_http_mode_needs_a_signing_secret(slack_room):
    with pytest.raises(SlackSetupError, match="SLACK_SIGNING_SECRET"):
        connect(slack_room, Environment(slack_bot_token="xoxb-test"))


def test_http_mode_listens_where_slack_http_host_says(slack_room):
    env = read_environment(
        {
            "SLACK_BOT_TOKEN": "xoxb-test",
            "SLACK_SIGNING_SECRET": SECRET,
            "SLACK_HTTP_HOST": "127.0.0.1",
        }
    )
    assert connect(slack_room, env).connection.host == "127.0.0.1"
    default = Environment(slack_bot_token="xoxb-test", slack_signing_secret=SECRET)
    assert connect(slack_room, default).connection.host == "0.0.0.0"


async def test_http_mode_and_healthz_share_the_one_web_server(tmp_path, slack_api):
    env = read_environment(
        {
            "VICTORIES_DB": str(tmp_path / "bot.db"),
            "SLACK_BOT_TOKEN": "xoxb-test",
            "SLACK_SIGNING_SECRET": SECRET,
            "SLACK_HTTP_PORT": "0",  # the older name of WEB_PORT
            "WEB_HOST": "127.0.0.1",
            "SLACK_API_URL": slack_api.api_url,
        }
    )
    bot = open_bot(slack_config(), env)
    try:
        [surface] = bot.surfaces
        await start_surfaces(bot)
        assert bot.web is not None and surface.connection.server is bot.web
        driver = HttpDriver(surface, slack_api, bot.core, env)
        assert await driver.command("The strike ended with a raise") == 200
        assert "#1" in await driver.reply()
        url = f"http://127.0.0.1:{bot.web.port}/healthz"
        async with aiohttp.ClientSession() as session, session.get(url) as answer:
            assert answer.status == 200
            assert await answer.json() == {
                "ok": True,
                "database": "writable",
                "platforms": {"slack": "connected"},
            }
    finally:
        await bot.stop()
    assert not bot.web.running
