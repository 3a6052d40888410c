"""What every Slack listener needs: the core, the workspaces' clients and the directory."""

from __future__ import annotations

from dataclasses import dataclass, field

from slack_sdk.web.async_client import AsyncWebClient

from adapters.slack.identity import Directory
from adapters.slack.live_home import Opened
from adapters.slack.workspaces import Workspaces
from bot.core import Core
from bot.model import Actor, Community


@dataclass(frozen=True)
class Services:
    core: Core
    workspaces: Workspaces
    directory: Directory
    opened: Opened = field(default_factory=Opened)  # who opened their Home tab lately

    async def who(
        self,
        client: AsyncWebClient,
        context,
        user_id: str,
        *,
        fallback_name: str = "",
        look_up: bool = True,
    ) -> tuple[Community, Actor]:
        """The community a request acts in (its workspace's) and who sent it, asked with
        the workspace's own client (Bolt's ``client``; ``context`` is Bolt's context).
        ``look_up=False``: see ``Directory.actor``."""
        team = context.team_id or ""
        community = await self.workspaces.community_for(team)
        actor = await self.directory.actor(
            client,
            user_id,
            place=team,
            usergroups=community.config.slack.moderator_usergroups,
            fallback_name=fallback_name,
            look_up=look_up,
        )
        return community, actor
