"""``victories discord-invite``: the link that adds the bot to a server.

The permissions are exactly what the bot uses: see channels, post and edit its own
messages with embeds (cards, the digest), read history (to find a digest part after a
crash) and add reactions. Slash commands need the ``applications.commands`` scope.
"""

from __future__ import annotations

import argparse
import sys

import discord

from adapters.environment import Environment
from bot.config import Config

SCOPES = ("bot", "applications.commands")


def permissions() -> discord.Permissions:
    return discord.Permissions(
        view_channel=True,
        send_messages=True,
        embed_links=True,
        read_message_history=True,
        add_reactions=True,
    )


def invite_url(application_id: str, *, guild_id: str | None = None) -> str:
    guild = discord.Object(id=int(guild_id)) if guild_id else discord.utils.MISSING
    return discord.utils.oauth_url(
        int(application_id), permissions=permissions(), guild=guild, scopes=SCOPES
    )


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--application-id",
        help="the application ID from the Developer Portal (default: DISCORD_APPLICATION_ID)",
    )
    parser.add_argument(
        "--guild",
        help="preselect this server ID (default: the only "
        "discord.guild_ids entry, if there is exactly one)",
    )


def main(args: argparse.Namespace, config: Config, env: Environment) -> int:
    application_id = args.application_id or env.discord_application_id
    if not application_id or not application_id.isdigit():
        print(
            "error: give the application ID (Developer Portal > your app > General "
            "Information) with --application-id or DISCORD_APPLICATION_ID",
            file=sys.stderr,
        )
        return 2
    guild_ids = config.discord.guild_ids
    guild = args.guild or (guild_ids[0] if len(guild_ids) == 1 else None)
    if guild is not None and not str(guild).isdigit():
        print(f"error: the server ID must be a number, not {guild!r}", file=sys.stderr)
        return 2
    print(invite_url(application_id, guild_id=guild))
    return 0
