"""The Slack adapter: translates Slack requests into calls on the core and renders its answers.

``connect(core, env)`` builds the surface; ``start()`` connects through Socket Mode when
an app-level token is set, otherwise serves signed HTTP requests on /slack/events. With
SLACK_CLIENT_ID any workspace installs the app through OAuth (/slack/install) and each
acts with its own token (see workspaces.py).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from adapters.environment import Environment
from adapters.slack import home
from adapters.slack.app import build_app
from adapters.slack.connection import HttpConnection, SocketConnection
from adapters.slack.identity import Directory
from adapters.slack.live_home import LiveHomes
from adapters.slack.oauth import oauth_settings
from adapters.slack.replay import ReplayGuard
from adapters.slack.services import Services
from adapters.slack.surface import SlackSurface
from adapters.slack.workspaces import Workspaces
from bot.communities.installations import SecretKeyError
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
    _check(core, env)
    distributed = env.slack_distributed
    socket_mode = bool(env.slack_app_token) and not distributed
    workspaces = Workspaces(
        core, api_url=env.slack_api_url, token=None if distributed else env.slack_bot_token
    )
    services = Services(core=core, workspaces=workspaces, directory=Directory())
    oauth = None
    if distributed:
        assert env.slack_client_id and env.slack_client_secret, "checked above"
        oauth = oauth_settings(
            services,
            client_id=env.slack_client_id,
            client_secret=env.slack_client_secret,
            base_url=env.web_base_url,
        )
    # Only HTTP mode verifies signatures, so only it needs the replay guard.
    guard = None if socket_mode else ReplayGuard(core.store.path)
    app = build_app(
        services,
        signing_secret=env.slack_signing_secret,
        socket_mode=socket_mode,
        guard=guard,
        oauth=oauth,
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
        workspaces=workspaces,
        connection=connection,
        settings=core.config.slack,
        app_token=env.slack_app_token,
        homes=LiveHomes(services, home.publish),
    )


def _check(core: Core, env: Environment) -> None:
    if env.slack_distributed:
        if not (env.slack_client_secret and env.slack_signing_secret):
            raise SlackSetupError(
                "SLACK_CLIENT_ID is set, so workspaces install the app through OAuth: "
                "set SLACK_CLIENT_SECRET and SLACK_SIGNING_SECRET too (see .env.example)"
            )
        try:
            core.installations.check_key()  # no token is ever stored in clear
        except SecretKeyError as err:
            raise SlackSetupError(str(err)) from None
        return
    if not env.slack_bot_token:
        raise SlackSetupError("SLACK_BOT_TOKEN is not set")
    if not env.slack_app_token and not env.slack_signing_secret:
        raise SlackSetupError(
            'Set SLACK_APP_TOKEN (Socket Mode) or SLACK_SIGNING_SECRET (HTTP mode); see the README, "Install on Slack"'
        )
