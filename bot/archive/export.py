"""``victories export``: the static archive site, its feed and a Markdown file per issue.

Pages are built from the same neutral document every chat surface renders, so the site
shows what chat showed. A file is written only when its content changed, so re-running
(or the after-publish hook) touches just the new issue, the index and the feed.
"""

from __future__ import annotations

import os
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

from bot.archive.feed import FEED_PATH, render_feed
from bot.archive.site import IssuePage, issue_page, render_pages
from bot.config import Config
from bot.issues.layout import issue_document
from bot.issues.selection import published_view
from bot.render.markdown import render_markdown
from bot.store import issues
from bot.store.sqlite import Database


@dataclass
class ExportReport:
    written: list[str] = field(default_factory=list)  # paths relative to the output folder
    unchanged: int = 0

    def summary(self) -> str:
        return f"{len(self.written)} file(s) written, {self.unchanged} unchanged"


def write_if_changed(root: Path, relative: str, content: str, report: ExportReport) -> None:
    """Write atomically, and only when the bytes differ from what is already there."""
    path = root / relative
    data = content.encode("utf-8")
    if path.is_file() and path.read_bytes() == data:
        report.unchanged += 1
        return
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, temp = tempfile.mkstemp(dir=path.parent, prefix=".", suffix=".tmp")
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
        os.chmod(temp, 0o644)
        os.replace(temp, path)
    except BaseException:
        Path(temp).unlink(missing_ok=True)
        raise
    report.written.append(relative)


def issue_pages(db: Database, *, community: int, config: Config) -> list[IssuePage]:
    pages = []
    for issue in issues.published(db, community=community):
        view = published_view(db, community=community, number=issue.number)
        assert view is not None, "a published issue has a view"
        document = issue_document(view, config=config)
        markdown = render_markdown(document)
        pages.append(issue_page(view, document, markdown=markdown, lang=config.community.language))
    return pages


def export_site(
    db: Database,
    *,
    community: int,
    config: Config,
    out: str | Path,
    subscribe: str | None = None,
) -> ExportReport:
    """Write the whole site under ``out``. Runs on the database thread (reads only).
    ``subscribe``: where every page's email sign-up form posts (None: no form)."""
    root = Path(out)
    pages = issue_pages(db, community=community, config=config)
    files = render_pages(pages, config=config, subscribe=subscribe)
    files[FEED_PATH] = render_feed(pages, config=config)
    files.update({page.markdown_path: page.markdown for page in pages})
    report = ExportReport()
    for relative in sorted(files):
        write_if_changed(root, relative, files[relative], report)
    return report
