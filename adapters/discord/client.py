"""The discord.py client: minimal intents, no mentions, commands synced at log-in.

It shards as Discord asks: ``AutoShardedClient`` takes the shard count from
``GET /gateway/bot`` and runs every shard in this process (one shard below 2,500 servers).
Servers joining and leaving reach the core through the hooks in ``guilds``.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging

import discord
import yarl

from adapters.discord import buttons, commands, formflow, guilds, reactions
from adapters.discord.guilds import GuildJoined, GuildLeft
from adapters.discord.sharding import IdentifyPacer
from adapters.discord.translator import CatalogTranslator
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


class VictoriesClient(discord.AutoShardedClient):
    def __init__(
        self,
        core: Core,
        settings: DiscordConfig,
        *,
        defer_after: float = 2.0,
        application_id: str | None = None,
        on_guild_joined: GuildJoined | None = None,
        on_guild_left: GuildLeft | None = None,
        gateway_url: str | None = None,
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
        self.tree = commands.VictoriesTree(self)
        self.defer_after = defer_after
        self.open_form = formflow.opener(core, defer_after=defer_after)
        commands.register(self.tree, core, defer_after=defer_after, open_form=self.open_form)
        self.joined_hook, self._left = on_guild_joined, on_guild_left
        self.connected_shards: set[int] = set()  # shards that have had READY
        self.news = asyncio.Event()  # set at every gateway event
        self.commands_synced: asyncio.Future[None] | None = None  # by setup_hook
        self._pacer = IdentifyPacer()
        self._max_concurrency: int | None = None
        self._gateway = yarl.URL(gateway_url) if gateway_url else None

    def dispatch(self, event: str, /, *args: object, **kwargs: object) -> None:
        super().dispatch(event, *args, **kwargs)
        self.news.set()  # whatever came (READY, a guild, a shard): ``serving`` may change

    async def until_serving(self) -> None:
        """Return once ``serving`` and the commands are synced; raise why the sync failed
        as soon as it has, without waiting for the gateway."""
        synced = self.commands_synced
        while not self.serving() and not (synced is not None and _failed(synced)):
            self.news.clear()
            await self.news.wait()
        if synced is not None:
            await asyncio.wait({synced})  # only our own cancellation raises here
            if synced.cancelled():  # the client closed (e.g. a fatal gateway close)
                raise ConnectionError("Discord closed the connection before the commands synced")
            synced.result()  # raises why the sync failed

    async def close(self) -> None:
        syncing = self.commands_synced
        if syncing is not None and not syncing.done():
            syncing.cancel()  # closed while syncing: the next start syncs again
        await super().close()
        if syncing is not None:
            with contextlib.suppress(Exception, asyncio.CancelledError):
                await syncing  # a failure was raised by until_serving already

    def serving(self) -> bool:
        """Every shard has had READY and every guild the READYs listed has arrived, or
        discord.py calls itself ready (after ``guild_ready_timeout``)."""
        if self.is_ready():
            return True
        expected = set(self.shard_ids or range(self.shard_count or 0))
        return (
            bool(expected)
            and expected <= self.connected_shards
            and not any(guild.unavailable for guild in self.guilds)
        )

    async def launch_shard(
        self, gateway: yarl.URL, shard_id: int, *, initial: bool = False
    ) -> None:
        # A configured gateway (DISCORD_GATEWAY_URL: a proxy) wins over the address
        # GET /gateway/bot advises, as it does for discord.py's own reconnects.
        await super().launch_shard(self._gateway or gateway, shard_id, initial=initial)

    async def before_identify_hook(self, shard_id: int | None, *, initial: bool = False) -> None:
        """Identify as fast as the session start limit allows (see ``sharding``)."""
        if self._max_concurrency is None and not initial:
            try:
                self._max_concurrency = (await self.fetch_session_start_limits()).max_concurrency
            except discord.DiscordException as err:
                log.warning("no session start limit (%s): one IDENTIFY per 5 s", err)
                self._max_concurrency = 1
        await self._pacer.wait(shard_id or 0, self._max_concurrency or 1)

    async def setup_hook(self) -> None:
        """Runs during log-in, before the gateway connects: start syncing the commands,
        while the gateway connects (each is a few round trips to Discord); the surface
        is ready once both are done (``commands_synced``)."""
        self.commands_synced = asyncio.ensure_future(self._sync_commands())
        self.commands_synced.add_done_callback(lambda _: self.news.set())

    async def _sync_commands(self) -> None:
        # Before any sync: the commands go out with their descriptions in every language.
        await self.tree.set_translator(CatalogTranslator())
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

    async def on_shard_connect(self, shard_id: int) -> None:
        self.connected_shards.add(shard_id)
        self.news.set()  # this handler runs after dispatch() already said so

    async def on_shard_disconnect(self, shard_id: int) -> None:
        self.connected_shards.discard(shard_id)

    async def on_guild_join(self, guild: discord.Guild) -> None:
        await guilds.joined(self.joined_hook, guild, self)

    async def on_guild_remove(self, guild: discord.Guild) -> None:
        await guilds.left(self._left, guild)

    async def on_interaction(self, interaction: discord.Interaction) -> None:
        # Commands and modals are routed by discord.py itself; card buttons come here.
        if interaction.type == discord.InteractionType.component:
            await buttons.pressed(
                interaction, self.core, defer_after=self.defer_after, open_form=self.open_form
            )

    async def on_raw_reaction_add(self, event: discord.RawReactionActionEvent) -> None:
        await reactions.on_reaction(self, self.core, event)

    async def on_raw_reaction_remove(self, event: discord.RawReactionActionEvent) -> None:
        await reactions.on_reaction(self, self.core, event)


def _failed(task: asyncio.Future[None]) -> bool:
    return task.done() and (task.cancelled() or task.exception() is not None)
