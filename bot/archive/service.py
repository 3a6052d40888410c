"""The archive's use cases for the command line: export the site or a JSON dump, import a
back catalogue. Synchronous: the CLI runs them once and exits."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from bot.archive.export import ExportReport, export_site
from bot.archive.importing import ImportReport, import_path
from bot.archive.json_dump import dump_json
from bot.model import Community
from bot.store.database import Store


class Archive:
    def __init__(self, store: Store) -> None:
        self.store = store

    def dump(self, community: Community) -> str:
        return self.store.call(dump_json, community=community.id)

    def export(
        self, community: Community, out: str | Path, *, subscribe: str | None = None
    ) -> ExportReport:
        """``subscribe``: where the pages' email sign-up form posts (None: no form)."""
        return self.store.call(
            export_site,
            community=community.id,
            config=community.config,
            out=out,
            subscribe=subscribe,
        )

    def import_from(self, community: Community, source: str, *, now: dt.datetime) -> ImportReport:
        return self.store.call(import_path, source, community=community.id, now=now)
