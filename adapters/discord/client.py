"""The discord.py client: minimal intents, no mentions, commands synced at log-in."""

from __future__ import annotations

import logging

import discord
import yarl
from discord import app_commands

from adapters.discord import commands, reactions
from bot.config import Discord as DiscordConfig
from bot.core import Core

log = logging.getLogger("victories.discord")


def use_endpoints(*, api_url: str | None, gateway_url: str | None) -> None:
    """Point discord.py at another REST base or gateway (a local fake, a rate-limit proxy).

    discord.py keeps both as class attributes, so this affects every client in the process.
    """
    if api_url:
        discord.http.Route.BASE = api_url.rstrip("/")
    if gateway_url:
        discord.gateway.DiscordWebSocket.DEFAULT_GATEWAY = yarl.URL(gateway_url)


def intents() -> discord.Intents:
    """Guilds (channels, roles), guild messages and reactions; nothing privileged:
    the bot never reads message content or the member list."""
    chosen = discord.Intents.none()
    chosen.guilds = True
    chosen.guild_messages = True
    chosen.guild_reactions = True
    return chosen


class VictoriesClient(discord.Client):
    def __init__(
        self,
        core: Core,
        settings: DiscordConfig,
        *,
        defer_after: float = 2.0,
        application_id: str | None = None,
        **options,
    ) -> None:
        super().__init__(
            intents=intents(),
            # Nothing the bot posts may ping @everyone, a role or a member.
            allowed_mentions=discord.AllowedMentions.none(),
            application_id=int(application_id) if application_id else None,  # type: ignore[arg-type]
            **options,
        )
        self.core, self.settings = core, settings
        self.tree = app_commands.CommandTree(self)
        commands.register(self.tree, core, defer_after=defer_after)

    async def setup_hook(self) -> None:
        """Runs during log-in, before the gateway connects: sync the commands."""
        for guild_id in self.settings.guild_ids:
            guild = discord.Object(id=int(guild_id))
            self.tree.copy_global_to(guild=guild)
            synced = await self.tree.sync(guild=guild)
            log.info("commands synced guild=%s count=%s", guild_id, len(synced))
        if self.settings.sync_global:
            synced = await self.tree.sync()  # may take up to an hour to show everywhere
            log.info("commands synced globally count=%s", len(synced))
        if not self.settings.guild_ids and not self.settings.sync_global:
            log.warning("no discord.guild_ids and sync_global is off: /victory is not registered")

    async def on_raw_reaction_add(self, event: discord.RawReactionActionEvent) -> None:
        await reactions.on_reaction(self, self.core, self.settings.review_channel, event)

    async def on_raw_reaction_remove(self, event: discord.RawReactionActionEvent) -> None:
        await reactions.on_reaction(self, self.core, self.settings.review_channel, event)
