"""`victories doctor` for Discord: token, servers, channels, permissions and roles.

Only REST calls: the bot may be running meanwhile, and a second gateway session would
receive (and answer) the same interactions.
"""

from __future__ import annotations

from typing import Any, cast

import aiohttp
import discord

from adapters.discord.invite import permissions
from bot.config import Discord
from bot.surfaces import Finding

NEEDED = permissions()
NEEDED.add_reactions = False  # asked for in the invite, not used yet
FIX_INVITE = "add the bot to that server with the link from `victories discord-invite`"


def channel_permissions(
    *, guild: dict, member_roles: list[str], user_id: str, overwrites: list[dict]
) -> discord.Permissions:
    """Discord's documented order: @everyone, roles, then channel overwrites for
    @everyone, the member's roles together, and the member."""
    if str(guild.get("owner_id")) == user_id:
        return discord.Permissions.all()
    role_perms = {str(r["id"]): int(r["permissions"]) for r in guild["roles"]}
    base = role_perms.get(str(guild["id"]), 0)
    for role in member_roles:
        base |= role_perms.get(str(role), 0)
    perms = discord.Permissions(base)
    if perms.administrator:
        return discord.Permissions.all()
    by_id = {str(o["id"]): o for o in overwrites}
    if everyone := by_id.get(str(guild["id"])):
        perms.handle_overwrite(allow=int(everyone["allow"]), deny=int(everyone["deny"]))
    allow = deny = 0
    for role in member_roles:
        if overwrite := by_id.get(str(role)):
            allow, deny = allow | int(overwrite["allow"]), deny | int(overwrite["deny"])
    perms.handle_overwrite(allow=allow, deny=deny)
    if own := by_id.get(user_id):
        perms.handle_overwrite(allow=int(own["allow"]), deny=int(own["deny"]))
    return perms


def _missing(perms: discord.Permissions) -> list[str]:
    return [
        name.replace("_", " ") for name, wanted in NEEDED if wanted and not getattr(perms, name)
    ]


class Checkup:
    def __init__(self, http: discord.http.HTTPClient, *, settings: Discord, bot_id: str) -> None:
        self.http, self.settings, self.bot_id = http, settings, bot_id
        self.guilds: dict[str, tuple[Any, list[str]] | None] = {}

    async def guild(self, guild_id: str) -> tuple[Any, list[str]] | None:
        """The guild and the bot's roles in it, or None if the bot cannot see it."""
        if guild_id not in self.guilds:
            try:
                guild = await self.http.get_guild(int(guild_id))
                member = await self.http.get_member(int(guild_id), int(self.bot_id))
                self.guilds[guild_id] = (guild, [str(r) for r in member["roles"]])
            except (discord.NotFound, discord.Forbidden):
                self.guilds[guild_id] = None
        return self.guilds[guild_id]

    async def channel(self, channel_id: str, role: str) -> Finding:
        what = f"discord: {role} channel {channel_id}"
        try:
            channel = await self.http.get_channel(int(channel_id))
        except (discord.NotFound, discord.Forbidden):
            return Finding(
                False,
                f"{what}: the bot cannot see it",
                "check the ID in victories.yaml, and give the bot's role View "
                "Channel in that channel (Edit Channel → Permissions)",
            )
        found = await self.guild(str(channel.get("guild_id")))
        if found is None:
            return Finding(False, f"{what}: the bot is not in its server", FIX_INVITE)
        guild, roles = found
        perms = channel_permissions(
            guild=guild,
            member_roles=roles,
            user_id=self.bot_id,
            overwrites=cast(list[dict], channel.get("permission_overwrites") or []),
        )
        if missing := _missing(perms):
            return Finding(
                False,
                f"{what} (#{channel.get('name')}): missing {', '.join(missing)}",
                "allow these for the bot's role in Edit Channel → Permissions",
            )
        return Finding(True, f"{what} (#{channel.get('name')}): can see and post")

    async def run(self) -> list[Finding]:
        settings = self.settings
        findings = [
            Finding(
                bool(settings.guild_ids or settings.sync_global),
                "discord: where /victory is registered: "
                + (
                    ", ".join(settings.guild_ids)
                    or ("everywhere" if settings.sync_global else "nowhere")
                ),
                "set discord.guild_ids to your server's ID",
            ),
            Finding(
                bool(settings.review_channel),
                "discord: review channel " + (settings.review_channel or "not set"),
                "set discord.review_channel, or editors will not see new items here",
            ),
            Finding(
                bool(settings.digest_channels),
                "discord: digest channels " + (", ".join(settings.digest_channels) or "none"),
                "set discord.digest_channels, or issues will not be posted on Discord",
            ),
        ]
        for guild_id in settings.guild_ids:
            present = await self.guild(guild_id) is not None
            findings.append(
                Finding(
                    present,
                    f"discord: server {guild_id}: "
                    + ("the bot is a member" if present else "the bot is not in it"),
                    FIX_INVITE,
                )
            )
        channels = [(settings.review_channel, "review")] if settings.review_channel else []
        channels += [(channel, "digest") for channel in settings.digest_channels]
        for channel_id, role in channels:
            findings.append(await self.channel(channel_id, role))
        known_roles = {str(r["id"]) for g in self.guilds.values() if g for r in g[0]["roles"]}
        for role in settings.moderator_roles:
            findings.append(
                Finding(
                    role in known_roles,
                    f"discord: moderator role {role}"
                    + (" exists" if role in known_roles else " not found"),
                    "copy the role's ID again (Server Settings → Roles)",
                )
            )
        if not settings.moderator_roles:
            findings.append(Finding(True, "discord: moderators are members with Manage Server"))
        return findings


def unreachable(err: Exception) -> Finding:
    """Not an answer from Discord about the token: the network, or something in the way."""
    detail = " ".join(str(err).split())[:200]
    if isinstance(err, discord.HTTPException):
        return Finding(
            False,
            f"discord: Discord's address answered HTTP {err.status}, not a login answer "
            f"({detail}): a proxy or firewall may be in the way",
            "let the machine reach discord.com over HTTPS; check the proxy and firewall",
        )
    if not isinstance(err, (OSError, TimeoutError, aiohttp.ClientError)):
        return Finding(
            False,
            "discord: something other than Discord answered (not Discord's JSON): a proxy, "
            "firewall or captive portal is in the way",
            "let the machine reach discord.com over HTTPS; check the proxy and firewall",
        )
    return Finding(
        False,
        f"discord: cannot reach Discord ({type(err).__name__}: {detail})",
        "check the network, DNS and firewall (and HTTPS_PROXY); the token was not tried",
    )


async def diagnose(*, token: str, settings: Discord) -> list[Finding]:
    client = discord.Client(intents=discord.Intents.none())
    try:
        try:
            await client.login(token)
        except discord.LoginFailure:
            return [
                Finding(
                    False,
                    "discord: the token was refused",
                    "reset it (Developer Portal → Bot → Reset Token) and set DISCORD_TOKEN",
                )
            ]
        except (OSError, TimeoutError, aiohttp.ClientError, discord.HTTPException) as err:
            return [unreachable(err)]
        except (TypeError, KeyError, ValueError) as err:  # a 200 page that is not JSON
            return [unreachable(err)]
        assert client.user is not None, "logged in, so the bot knows who it is"
        findings = [Finding(True, f"discord: logged in as {client.user}")]
        return (
            findings
            + await Checkup(client.http, settings=settings, bot_id=str(client.user.id)).run()
        )
    finally:
        await client.close()
