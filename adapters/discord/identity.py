"""Who is acting, as Discord reports it. Whether that makes them a moderator is decided
only by ``bot.review.moderation.is_moderator``; this module reports roles and permissions."""

from __future__ import annotations

import discord

from bot.model import Actor

PLATFORM = "discord"


def actor_for(
    user: discord.Member | discord.User,
    *,
    permissions: discord.Permissions | None = None,
    place: str = "",
    locale: str = "",
) -> Actor:
    """An ``Actor`` with the member's role IDs and Manage Server flag.

    ``permissions`` are the ones Discord resolved for an interaction (they include the
    owner and Administrator rules); otherwise the member's guild permissions are computed
    from the cached roles. A user outside a guild has no roles and no permissions.
    ``locale``: the member's Discord language, as an interaction reports it ("es-ES").
    """
    groups: frozenset[str] = frozenset()
    is_admin = False
    if isinstance(user, discord.Member):
        groups = frozenset(str(role.id) for role in user.roles)
        is_admin = (permissions or user.guild_permissions).manage_guild
    return Actor(
        platform=PLATFORM,
        user_id=str(user.id),
        display_name=user.display_name,
        groups=groups,
        is_admin=is_admin,
        is_bot=user.bot,
        place=place,
        locale=locale,
    )
