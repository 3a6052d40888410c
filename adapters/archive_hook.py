"""Keeps the public archive current: re-exports the site after every published issue."""

from __future__ import annotations

from bot.newsroom import Newsroom


def attach_archive(room: Newsroom) -> None:
    """Register the archive export as an after-publish step when ``archive.out`` is set."""
    if not room.config.archive.out:
        return
    from bot.archive.export import export_site

    async def export(number: int) -> None:
        await room.store.run(export_site, config=room.config, out=room.config.archive.out)

    room.after_publish.append(export)
