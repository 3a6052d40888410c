"""The Bolt app: one AsyncApp with every listener registered."""

from __future__ import annotations

import logging

from slack_bolt.app.async_app import AsyncApp
from slack_bolt.oauth.async_oauth_settings import AsyncOAuthSettings

from adapters.slack import (
    home,
    interactions,
    modal,
    reactions,
    replay,
    setup_form,
    shortcut,
    slash,
    uninstall,
)
from adapters.slack.quick_ack import QuickAckApp
from adapters.slack.services import Services
from adapters.slack.signing import SignatureCheck

log = logging.getLogger("victories.slack")


def build_app(
    services: Services,
    *,
    signing_secret: str | None,
    socket_mode: bool,
    guard: replay.ReplayGuard | None = None,
    oauth: AsyncOAuthSettings | None = None,
) -> AsyncApp:
    """Socket Mode requests come over our own authenticated WebSocket, so only HTTP mode
    verifies signatures (Bolt then answers 401 to unsigned, wrong or stale requests).

    With ``oauth`` any workspace may install the app, and Bolt serves each request with
    the token its workspace's installation holds (the app's client then has none)."""
    app = QuickAckApp(
        tasks=services.core.tasks,
        # Named, or Bolt names the app after its caller's file with inspect.stack(), which
        # reads the source of every frame: ~30-90 ms of each start-up (P4).
        name="victories",
        # The token lives on the client (Bolt wants it in one place); none when distributed.
        client=services.workspaces.client(),
        oauth_settings=oauth,
        signing_secret=signing_secret or "",
        # Bolt's own check is replaced by a hardened one (see signing.py), in the same place.
        request_verification_enabled=False,
        before_authorize=None
        if socket_mode
        else SignatureCheck(signing_secret or "", base_logger=log.getChild("bolt")),
        raise_error_for_unhandled_request=False,
        logger=logging.getLogger("victories.slack.bolt"),
    )
    if guard is not None:
        replay.register(app, guard)
    slash.register(app, services)
    modal.register(app, services)
    setup_form.register(app, services)
    reactions.register(app, services)
    home.register(app, services)
    interactions.register(app, services)
    shortcut.register(app, services)
    if oauth is not None:
        uninstall.register(app, services)

    @app.error
    async def on_error(error: Exception, body: dict) -> None:
        log.error("slack listener failed type=%s", body.get("type"), exc_info=error)

    return app
