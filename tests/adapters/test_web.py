"""The one web server: its settings (and their older names), and /healthz on it."""

from __future__ import annotations

import aiohttp
import pytest

from adapters.environment import Environment, read_environment
from adapters.health import serve_health
from adapters.web import WebServer
from bot.store.database import Store
from tests.fakes.surface import RecordingSurface


@pytest.mark.parametrize(
    ("given", "port", "host"),
    [
        ({}, None, "127.0.0.1"),  # no server unless asked for
        ({"WEB_PORT": "8080"}, 8080, "127.0.0.1"),
        ({"HEALTH_PORT": "8080", "HEALTH_HOST": "0.0.0.0"}, 8080, "0.0.0.0"),
        ({"SLACK_HTTP_PORT": "3001", "WEB_PORT": "3001"}, 3001, "127.0.0.1"),
        # Slack HTTP mode alone still listens where it always did.
        ({"SLACK_BOT_TOKEN": "x", "SLACK_SIGNING_SECRET": "s"}, 3000, "0.0.0.0"),
        ({"SLACK_BOT_TOKEN": "x", "SLACK_SIGNING_SECRET": "s", "WEB_PORT": "9"}, 9, "0.0.0.0"),
        (
            {"SLACK_BOT_TOKEN": "x", "SLACK_SIGNING_SECRET": "s", "SLACK_HTTP_HOST": "::1"},
            3000,
            "::1",
        ),
        # Socket Mode needs no server.
        (
            {"SLACK_BOT_TOKEN": "x", "SLACK_APP_TOKEN": "a", "SLACK_SIGNING_SECRET": "s"},
            None,
            "127.0.0.1",
        ),
    ],
)
def test_where_the_web_server_listens(given, port, host):
    env = read_environment(given)
    assert (env.server_port, env.server_host) == (port, host)


@pytest.mark.parametrize(
    ("given", "named"),
    [
        ({"WEB_PORT": "abc"}, "WEB_PORT='abc' is not a port number"),
        ({"HEALTH_PORT": "70000"}, "HEALTH_PORT='70000' is not a port number"),
        ({"SLACK_HTTP_PORT": "3000", "HEALTH_PORT": "8080"}, "set WEB_PORT only"),
        ({"VICTORIES_BUSY_TIMEOUT": "soon"}, "VICTORIES_BUSY_TIMEOUT='soon'"),
    ],
)
def test_a_setting_that_cannot_be_used_is_named(given, named):
    with pytest.raises(ValueError, match=named):
        read_environment(given)


async def test_healthz_on_the_web_server(tmp_path):
    store = Store(tmp_path / "victories.db")
    server = WebServer(host="127.0.0.1", port=0)
    surface = RecordingSurface()
    serve_health(server, store, [surface])
    await server.start()
    try:
        url = f"http://127.0.0.1:{server.port}/healthz"
        async with aiohttp.ClientSession() as session, session.get(url) as answer:
            assert answer.status == 200
            assert (await answer.json())["platforms"] == {surface.name: "connected"}
    finally:
        await server.stop()
        store.close()
    assert not server.running


async def test_a_port_in_use_fails_start_and_leaves_nothing_open():
    first = WebServer(host="127.0.0.1", port=0)
    await first.start()
    try:
        second = WebServer(host="127.0.0.1", port=first.port)
        with pytest.raises(OSError):
            await second.start()
        assert not second.running
    finally:
        await first.stop()


def test_environment_defaults_have_no_server():
    assert Environment().server_port is None
