"""Keeping the public archive current: with ``archive.out`` set, every published issue
updates its site. Without it, nothing changes."""

from __future__ import annotations

from pathlib import Path

from adapters.email_setup import subscribe_action
from bot.core import Core
from bot.model import Community


def attach_archive(core: Core) -> None:
    """Update the public archive after every published issue, when ``archive.out`` is set:
    only what the new issue changed, rendered off the database thread."""
    if not core.config.archive.out:
        return
    from bot.archive.refresh import refresh_site

    root = core.config.archive.out

    async def export(community: Community, number: int) -> None:
        # The same layout as `victories export`: with many communities, one site each
        # under <archive.out>/<slug>/; with one, the site is archive.out itself.
        many = await core.communities.count() > 1
        out = str(Path(root) / community.slug) if many else root
        await refresh_site(
            core.store,
            community=community.id,
            config=community.config,
            out=out,
            number=number,
            subscribe=subscribe_action(core, community),
        )

    core.issues.after_publish.append(export)
