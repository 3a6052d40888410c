"""The Slack adapter: translates Slack requests into calls on the core and renders its answers.

``connect(core, env)`` builds the surface; ``start()`` connects through Socket Mode when
an app-level token is set, otherwise serves signed HTTP requests on /slack/events.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from adapters.environment import Environment
from adapters.slack.app import build_app
from adapters.slack.client import web_client
from adapters.slack.connection import HttpConnection, SocketConnection
from adapters.slack.identity import Directory
from adapters.slack.replay import ReplayGuard
from adapters.slack.services import Services
from adapters.slack.surface import SlackSurface
from bot.core import Core

if TYPE_CHECKING:
    from adapters.web import WebServer

__all__ = ["SlackSetupError", "SlackSurface", "connect"]


class SlackSetupError(Exception):
    """The environment lacks what the chosen connection mode needs."""


def connect(
    core: Core, env: Environment, *, server: WebServer | None = None, host: str | None = None
) -> SlackSurface:
    """Build the Slack surface from the environment (nothing connects until ``start()``).
    HTTP mode serves /slack/events on ``server``, the process's one web server; without
    one it starts its own on ``host`` (else WEB_HOST) and WEB_PORT."""
    if not env.slack_bot_token:
        raise SlackSetupError("SLACK_BOT_TOKEN is not set")
    socket_mode = bool(env.slack_app_token)
    if not socket_mode and not env.slack_signing_secret:
        raise SlackSetupError(
            'Set SLACK_APP_TOKEN (Socket Mode) or SLACK_SIGNING_SECRET (HTTP mode); see the README, "Install on Slack"'
        )
    web = web_client(token=env.slack_bot_token, api_url=env.slack_api_url)
    settings = core.config.slack
    services = Services(
        core=core, web=web, directory=Directory(web, usergroups=settings.moderator_usergroups)
    )
    # Only HTTP mode verifies signatures, so only it needs the replay guard.
    guard = None if socket_mode else ReplayGuard(core.store.path)
    app = build_app(
        services, signing_secret=env.slack_signing_secret, socket_mode=socket_mode, guard=guard
    )
    connection: SocketConnection | HttpConnection
    if guard is None:
        assert env.slack_app_token, "socket mode is chosen only with an app token"
        connection = SocketConnection(app, app_token=env.slack_app_token)
    else:
        port = env.server_port
        assert port is not None, "HTTP mode always has a web server port"
        own = server is None
        if server is None:
            from adapters.web import WebServer

            server = WebServer(host=host or env.server_host, port=port)
        connection = HttpConnection(
            app,
            server=server,
            owned=own,
            closing=guard.close,
        )
    return SlackSurface(
        web=web,
        poster=web_client(token=env.slack_bot_token, api_url=env.slack_api_url, retry_unsafe=False),
        connection=connection,
        settings=settings,
        app_token=env.slack_app_token,
    )
