"""`victories export` for a deployment of many communities: one site per community under
``<out>/<slug>/``, and an index of the archives their admins made public."""

from __future__ import annotations

import html
from pathlib import Path

from bot.archive.service import Archive
from bot.core import Core

INDEX = """<!doctype html>
<html lang="en"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Small Victories archives</title></head>
<body><h1>Small Victories archives</h1>
<ul>
{items}
</ul></body></html>
"""


async def export_all(
    core: Core, archive: Archive, out: Path, *, signup_base: str | None = None
) -> list[str]:
    """Write every community's site (with the email sign-up form posting under
    ``signup_base`` when given); return one report line each."""
    lines, public = [], []
    for community in await core.communities.every():
        subscribe = f"{signup_base}/{community.slug}/subscribe" if signup_base else None
        report = archive.export(community, out / community.slug, subscribe=subscribe)
        lines.append(f"{community.slug}: {report.summary()}")
        if community.config.archive.public:
            public.append(community)
    items = "\n".join(
        f'<li><a href="{html.escape(c.slug)}/">{html.escape(c.config.community.name)}</a></li>'
        for c in public
    )
    (out / "index.html").write_text(INDEX.format(items=items), encoding="utf-8")
    return lines
