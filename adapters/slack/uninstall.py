"""A workspace removing the app (``app_uninstalled``) or revoking its bot token
(``tokens_revoked``): its token is deleted and its community paused. Items, issues and
the archive stay; installing again resumes the community where it was."""

from __future__ import annotations

import logging

from slack_bolt.app.async_app import AsyncApp

from adapters.slack.services import Services
from adapters.slack.workspaces import PLATFORM

log = logging.getLogger("victories.slack")


async def leave(services: Services, team: str, *, why: str) -> None:
    core = services.core
    removed = await core.installations.remove(platform=PLATFORM, place=team)
    services.workspaces.forget(team)
    community = await services.workspaces.community_for(team)
    await core.communities.paused(community)
    log.info("slack %s team=%s community=%s token_removed=%s", why, team, community.slug, removed)


def register(app: AsyncApp, services: Services) -> None:
    @app.event("app_uninstalled")
    async def app_uninstalled(context) -> None:
        if context.team_id:
            await leave(services, context.team_id, why="uninstalled")

    @app.event("tokens_revoked")
    async def tokens_revoked(event: dict, context) -> None:
        # Only the bot token matters: no user tokens are kept.
        if context.team_id and (event.get("tokens") or {}).get("bot"):
            await leave(services, context.team_id, why="tokens revoked")
