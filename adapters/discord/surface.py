"""The Discord surface: how the core reaches Discord (cards, notices, the digest).

Digest parts carry two marks so a crash never doubles or loses a part:
- a ``nonce`` with ``enforce_nonce``: if a retry reaches Discord within a few minutes of an
  accepted send, Discord returns the first message instead of posting again;
- the part key in the embed footer: Discord does not keep nonces (message history never
  returns them), so after a longer outage ``find_part`` recognises the bot's own message
  in the channel's recent history by its footer. That needs Read Message History.
"""

from __future__ import annotations

import asyncio
import contextlib
import datetime as dt
import hashlib
import logging
from typing import Any

import discord

from adapters.discord import doctor, guilds
from adapters.discord.buttons import CardButtons
from adapters.discord.client import VictoriesClient, use_endpoints
from adapters.discord.guilds import GuildJoined, GuildLeft
from adapters.discord.render import IssuePart, fit, issue_parts, render_text
from adapters.environment import Environment
from bot.core import Core
from bot.document import Document
from bot.review.cards import card_number
from bot.surfaces import DeliveryError, Finding, Surface

log = logging.getLogger("victories.discord")
NO_MENTIONS = discord.AllowedMentions.none()
CARD_COLOUR = discord.Colour(0x5865F2)
ISSUE_COLOUR = discord.Colour(0xF2A93B)
HISTORY = 100  # one page of history: parts of an interrupted issue are recent
MARK = " \u00b7 "


def nonce_for(channel: str, key: str) -> str:
    """A nonce of at most 25 characters (Discord's limit) for a part in a channel.

    Discord dedupes nonces per author, not per channel, so the channel is part of it:
    the same part key goes to every digest channel.
    """
    return hashlib.sha256(f"{channel}/{key}".encode()).hexdigest()[:25]


def _buttons(card: Document) -> CardButtons | Any:
    """The card's buttons while editors can act on its item, else discord.utils.MISSING."""
    number = card_number(card)
    return CardButtons(number) if number is not None else discord.utils.MISSING


def footer_key(embed: discord.Embed) -> str | None:
    text = embed.footer.text or ""
    return text.rsplit(MARK, 1)[-1] if MARK in text else None


class DiscordSurface(Surface):
    name = "discord"

    def __init__(
        self,
        core: Core,
        env: Environment,
        *,
        defer_after: float = 2.0,
        ready_timeout: float = 60.0,
        on_guild_joined: GuildJoined | None = None,
        on_guild_left: GuildLeft | None = None,
        **client_options: Any,
    ) -> None:
        settings = core.config.discord
        self.settings = settings
        self.review_channel = settings.review_channel
        self.digest_channels = settings.digest_channels
        self.env = env
        self.ready_timeout = ready_timeout
        self._new_client = lambda: VictoriesClient(
            core,
            settings,
            defer_after=defer_after,
            application_id=env.discord_application_id,
            on_guild_joined=on_guild_joined,
            on_guild_left=on_guild_left,
            gateway_url=env.discord_gateway_url,
            **client_options,
        )
        self.client = self._new_client()
        self._runner: asyncio.Task | None = None

    # -- lifecycle ----------------------------------------------------------------------
    async def start(self) -> None:
        """Log in (which starts syncing the commands), connect the gateway as a task in
        this loop, and return once every shard is ready, its guilds have arrived and the
        commands are synced."""
        use_endpoints(api_url=self.env.discord_api_url, gateway_url=self.env.discord_gateway_url)
        self._reopen()
        try:
            await self.client.login(self.env.discord_token or "")
            ready = asyncio.create_task(self._serving())
            self._runner = asyncio.create_task(self.client.connect(), name="discord-gateway")
            done, _ = await asyncio.wait(
                {ready, self._runner},
                timeout=self.ready_timeout,
                return_when=asyncio.FIRST_COMPLETED,
            )
            if ready not in done:
                ready.cancel()
                if self._runner in done:
                    self._runner.result()  # raises why the gateway stopped
                raise TimeoutError(f"Discord was not ready after {self.ready_timeout:.0f} s")
            ready.result()  # raises why the commands could not be synced
        except BaseException:
            if self._runner is not None and not self._runner.done():
                self._runner.cancel()  # mid-handshake: no reconnecting (and its log) first
            await self.stop()
            raise
        log.info(
            "discord ready as %s in %s guild(s) on %s shard(s)",
            self.client.user,
            len(self.client.guilds),
            self.client.shard_count,
        )
        # Servers the bot was added to while it was offline never send a join: meet them.
        for guild in self.client.guilds:
            await guilds.joined(self.client.joined_hook, guild, self.client, at_start=True)

    async def connected(self) -> bool:
        # The gateway task runs and holds a socket (discord.py's own is_ready() comes later
        # than ours: it waits for guilds the bot does not need).
        running = self._runner is not None and not self._runner.done()
        return running and not self.client.is_closed() and bool(self.client.connected_shards)

    def _reopen(self) -> None:
        """After a failed start (stop() closed the client), start again on a new client: a
        closed discord.py client keeps its closed connection pool and event loop."""
        if self.client.is_closed():
            self.client = self._new_client()

    async def _serving(self) -> None:
        """Return once every shard has sent READY and every guild it listed has arrived,
        or at discord.py's own ready, whichever is first. discord.py waits a further
        ``guild_ready_timeout`` (2 s) for late guilds before it calls itself ready; the bot
        relies on no guild cache (partial channels, raw reactions), so that wait would only
        delay start-up. A guild that stays unavailable falls back to discord.py's ready."""
        await self.client.until_serving()

    async def diagnose(self) -> list[Finding]:
        use_endpoints(api_url=self.env.discord_api_url, gateway_url=self.env.discord_gateway_url)
        return await doctor.diagnose(token=self.env.discord_token or "", settings=self.settings)

    async def stop(self) -> None:
        await self.client.close()
        if self._runner is not None:
            with contextlib.suppress(Exception, asyncio.CancelledError):
                await asyncio.wait_for(self._runner, 10)

    def _channel(self, channel_id: str) -> discord.PartialMessageable:
        # Partial channels work from IDs alone, whatever the cache holds.
        return self.client.get_partial_messageable(int(channel_id))

    # -- review -------------------------------------------------------------------------
    async def post_card(
        self, *, channel: str, victory_id: int, card: Document, community: int | None = None
    ) -> tuple[str, str] | None:
        embed = discord.Embed(description=fit(card), colour=CARD_COLOUR)
        message = await self._channel(channel).send(
            embed=embed, view=_buttons(card), allowed_mentions=NO_MENTIONS
        )
        return str(message.channel.id), str(message.id)

    async def update_card(
        self, *, channel: str, message_id: str, card: Document, community: int | None = None
    ) -> None:
        embed = discord.Embed(description=fit(card), colour=CARD_COLOUR)
        message = self._channel(channel).get_partial_message(int(message_id))
        # The buttons go once the item ran or was withdrawn (view=None clears them), as
        # on Slack; while editors can act they are sent again, unchanged.
        number = card_number(card)
        view = CardButtons(number) if number is not None else None
        await message.edit(embed=embed, view=view, allowed_mentions=NO_MENTIONS)

    async def tell_moderators(
        self, *, channel: str, message: Document, community: int | None = None
    ) -> None:
        for chunk in render_text(message):
            await self._channel(channel).send(chunk, allowed_mentions=NO_MENTIONS)

    async def notify(
        self, *, user_id: str, message: Document, community: int | None = None
    ) -> bool:
        """A DM; False when the member does not accept DMs from the bot (403) or is gone."""
        try:
            dm = await self.client.create_dm(discord.Object(id=int(user_id)))
            for chunk in render_text(message):
                await dm.send(chunk, allowed_mentions=NO_MENTIONS)
        except (discord.Forbidden, discord.NotFound) as err:
            log.info("notice not delivered user=%s reason=%s", user_id, err.text or err.status)
            return False
        return True

    # -- digest -------------------------------------------------------------------------
    def render_issue(self, issue: Document) -> list[IssuePart]:
        return issue_parts(issue)

    async def send_part(
        self, *, channel: str, part: IssuePart, key: str, community: int | None = None
    ) -> str:
        embed = discord.Embed(description=part.description, colour=ISSUE_COLOUR)
        embed.set_footer(text=f"{part.page}{MARK}{key}")
        try:
            message = await self._channel(channel).send(
                embed=embed, nonce=nonce_for(channel, key), allowed_mentions=NO_MENTIONS
            )
        except (discord.Forbidden, discord.NotFound) as err:
            raise DeliveryError(
                f"cannot post in channel {channel}: {err.text}", permanent=True
            ) from err
        return str(message.id)

    async def find_part(
        self,
        *,
        channel: str,
        key: str,
        since: dt.datetime | None = None,
        community: int | None = None,
    ) -> str | None:
        # Back to ``since`` however busy the channel was; without it, one recent page.
        me = self.client.user
        history = (
            self._channel(channel).history(limit=None, after=since, oldest_first=False)
            if since
            else self._channel(channel).history(limit=HISTORY)
        )
        async for message in history:
            if (
                me is not None
                and message.author.id == me.id
                and any(footer_key(embed) == key for embed in message.embeds)
            ):
                return str(message.id)
        return None
