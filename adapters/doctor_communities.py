"""`victories doctor`'s check of each community: where it lives, whether its editors have
a review channel and its issues a digest channel there, and whether it is paused."""

from __future__ import annotations

from bot.core import Core
from bot.model import Community
from bot.surfaces import Finding

CHANNELS = {"slack": "slack", "discord": "discord"}


async def community_findings(core: Core, only: str | None = None) -> list[Finding]:
    communities = await core.communities.every()
    if only is not None:
        communities = [c for c in communities if c.slug == only]
        if not communities:
            known = ", ".join(c.slug for c in await core.communities.every())
            return [Finding(False, f"no community named {only!r}", f"known: {known}")]
    findings = []
    for community in communities:
        findings += await _one(core, community)
    return findings


async def _one(core: Core, community: Community) -> list[Finding]:
    name = f"community {community.slug}"
    places = await core.communities.places(community)
    where = ", ".join(f"{platform} {place}" for platform, place in places)
    findings = [Finding(True, f"{name}: on {where or 'no platform yet'}")]
    if community.paused:
        findings.append(
            Finding(
                False,
                f"{name}: paused (the app was removed or its token revoked)",
                "install the app again (Slack) or invite the bot again (Discord)",
            )
        )
    for platform in sorted({platform for platform, _ in places if platform in CHANNELS}):
        section = getattr(community.config, CHANNELS[platform])
        findings.append(
            Finding(
                bool(section.review_channel),
                f"{name}: {platform} review channel {section.review_channel or 'not set'}",
                f"an admin types /victories set {platform}.review_channel #channel",
            )
        )
        findings.append(
            Finding(
                bool(section.digest_channels),
                f"{name}: {platform} digest channels "
                + (" ".join(section.digest_channels) or "not set"),
                f"an admin types /victories set {platform}.digest_channels #channel …",
            )
        )
    return findings
