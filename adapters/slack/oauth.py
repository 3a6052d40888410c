"""Installing the app in any workspace: slack-bolt's OAuth v2 flow over our one database.

``GET /slack/install`` shows the "Add to Slack" page (and sets the state cookie);
``GET /slack/oauth_redirect`` exchanges Slack's code for the workspace's bot token
(``oauth.v2.access``). Bolt's stores are implemented here over ``core.installations``,
which keeps a neutral record with the token encrypted; slack_sdk's types stay in this
adapter. A completed install makes the installer an admin of the workspace's community,
resumes it if it was paused, and greets the installer by DM with the setup guide.
"""

from __future__ import annotations

import logging
from pathlib import Path
from typing import Any

import yaml
from slack_bolt.error import BoltError
from slack_bolt.oauth.async_callback_options import (
    AsyncCallbackOptions,
    AsyncFailureArgs,
    AsyncSuccessArgs,
)
from slack_bolt.oauth.async_oauth_settings import AsyncOAuthSettings
from slack_bolt.response import BoltResponse
from slack_sdk.oauth.installation_store import Bot, Installation
from slack_sdk.oauth.installation_store.async_installation_store import AsyncInstallationStore
from slack_sdk.oauth.state_store.async_state_store import AsyncOAuthStateStore

from adapters.slack import render
from adapters.slack.client import API_ERRORS
from adapters.slack.services import Services
from adapters.slack.workspaces import PLATFORM
from bot.chat import commands
from bot.communities import installations as neutral
from bot.communities.installations import SecretKeyError

log = logging.getLogger("victories.slack.oauth")
INSTALL_PATH, REDIRECT_PATH = "/slack/install", "/slack/oauth_redirect"
MANIFEST = Path(__file__).with_name("manifest.yaml")


def bot_scopes() -> list[str]:
    """What the app asks for at install: the bot scopes of its manifest."""
    manifest = yaml.safe_load(MANIFEST.read_text(encoding="utf-8"))
    return list(manifest["oauth_config"]["scopes"]["bot"])


class StoreInstallations(AsyncInstallationStore):
    """Bolt's installation store (bot tokens only) over ``core.installations``."""

    def __init__(self, services: Services) -> None:
        self.services = services
        self.installations = services.core.installations

    @property
    def logger(self) -> logging.Logger:
        return log

    async def async_save(self, installation: Installation) -> None:
        if not installation.team_id or not installation.bot_token:
            raise BoltError("only workspace installs with a bot token are supported")
        record = neutral.Installation(
            platform=PLATFORM,
            place=installation.team_id,
            token=installation.bot_token,
            place_name=installation.team_name or "",
            app_id=installation.app_id,
            bot_id=installation.bot_id,
            bot_user_id=installation.bot_user_id,
            scopes=",".join(installation.bot_scopes or []),
            installer=installation.user_id,
        )
        try:
            await self.installations.save(record)
        except SecretKeyError as err:
            log.error("install of %s not stored: %s", installation.team_id, err)
            raise BoltError(str(err)) from err
        self.services.workspaces.forget(installation.team_id)

    async def async_find_bot(
        self,
        *,
        enterprise_id: str | None,
        team_id: str | None,
        is_enterprise_install: bool | None = False,
    ) -> Bot | None:
        if not team_id:
            return None
        found = await self.installations.find(platform=PLATFORM, place=team_id)
        if found is None:
            return None
        return Bot(
            app_id=found.app_id,
            team_id=found.place,
            team_name=found.place_name,
            bot_token=found.token,
            bot_id=found.bot_id or "",
            bot_user_id=found.bot_user_id or "",
            bot_scopes=found.scopes,
            installed_at=found.installed_at,
        )

    async def async_find_installation(self, **_: Any) -> Installation | None:
        raise NotImplementedError  # bot tokens only: Bolt then asks async_find_bot

    async def async_delete_bot(self, *, enterprise_id: str | None, team_id: str | None) -> None:
        if team_id:
            await self.installations.remove(platform=PLATFORM, place=team_id)
            self.services.workspaces.forget(team_id)

    async def async_delete_installation(self, **_: Any) -> None:
        """No user tokens are kept, so there is nothing per user to delete."""

    async def async_delete_all(self, *, enterprise_id: str | None, team_id: str | None) -> None:
        await self.async_delete_bot(enterprise_id=enterprise_id, team_id=team_id)


class StoreStates(AsyncOAuthStateStore):
    """The install page's states in our database: any process serving the redirect
    finds them, each is valid once, for ten minutes."""

    def __init__(self, services: Services) -> None:
        self.installations = services.core.installations

    @property
    def logger(self) -> logging.Logger:
        return log

    async def async_issue(self, *args: Any, **kwargs: Any) -> str:
        return await self.installations.issue_state()

    async def async_consume(self, state: str) -> bool:
        return await self.installations.consume_state(state)


def oauth_settings(
    services: Services, *, client_id: str, client_secret: str, base_url: str | None
) -> AsyncOAuthSettings:
    async def success(args: AsyncSuccessArgs) -> BoltResponse:
        await welcome(services, args.installation)
        return await args.default.success(args)

    async def failure(args: AsyncFailureArgs) -> BoltResponse:
        log.warning("slack install refused reason=%s", args.reason)
        return await args.default.failure(args)

    return AsyncOAuthSettings(
        client_id=client_id,
        client_secret=client_secret,
        scopes=bot_scopes(),
        user_scopes=[],
        redirect_uri=f"{base_url.rstrip('/')}{REDIRECT_PATH}" if base_url else None,
        install_path=INSTALL_PATH,
        redirect_uri_path=REDIRECT_PATH,
        installation_store=StoreInstallations(services),
        installation_store_bot_only=True,
        state_store=StoreStates(services),
        callback_options=AsyncCallbackOptions(success=success, failure=failure),
    )


async def welcome(services: Services, installation: Installation) -> None:
    """The workspace's community (created on a first install) is resumed, its installer
    becomes an admin and is sent the setup guide."""
    team, user = installation.team_id or "", installation.user_id
    core = services.core
    community = await services.workspaces.community_for(team, name=installation.team_name or "")
    community = await core.communities.installed(community, installer=user)
    log.info("slack installed team=%s community=%s installer=%s", team, community.slug, user)
    client = services.workspaces.client(installation.bot_token)
    actor = await services.directory.actor(client, user, place=team)
    reply = await commands.handle(core, community, actor, "/victories", "setup")
    try:
        opened = await client.conversations_open(users=user)
        for part in render.message_parts(reply.doc):
            await client.chat_postMessage(channel=opened["channel"]["id"], **part)
    except API_ERRORS as err:
        log.warning("could not greet installer team=%s user=%s error=%r", team, user, err)
