"""``victories import``: a file or a folder of past issues (Markdown, or a JSON dump)."""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass, field
from pathlib import Path

from bot.archive import json_dump
from bot.archive.catalogue import Conflict, Problem, store_issue
from bot.archive.markdown_import import parse_markdown
from bot.store.sqlite import Database

MARKDOWN = (".md", ".markdown", ".txt")


@dataclass
class ImportReport:
    imported: list[tuple[int, str]] = field(default_factory=list)  # (issue number, where)
    notes: list[str] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)

    def lines(self) -> list[str]:
        out = [f"imported issue {number} from {where}" for number, where in self.imported]
        out += self.notes
        out += [f"{problem}" for problem in self.problems]
        out.append(f"{len(self.imported)} issue(s) imported, {len(self.problems)} problem(s)")
        return out


def source_files(path: Path) -> list[Path]:
    if path.is_dir():
        return sorted(
            p for p in path.rglob("*") if p.is_file() and p.suffix.lower() in (*MARKDOWN, ".json")
        )
    return [path]


def _import_markdown(
    db: Database, text: str, *, community: int, source: str, now: dt.datetime, report: ImportReport
) -> None:
    parsed, problems = parse_markdown(text, source=source)
    report.problems += problems
    for issue in parsed:
        try:
            note = store_issue(db, issue, community=community, now=now)
        except Conflict as err:
            report.problems.append(Problem(issue.where, str(err)))
            continue
        report.imported.append((issue.number, issue.where))
        report.notes += [note] if note else []


def _import_json(
    db: Database, text: str, *, community: int, source: str, now: dt.datetime, report: ImportReport
) -> None:
    try:
        data = json.loads(text)
    except json.JSONDecodeError as err:
        report.problems.append(Problem(f"{source}:{err.lineno}", f"not valid JSON: {err.msg}"))
        return
    loaded, notes, problems = json_dump.load(db, data, community=community, source=source, now=now)
    report.imported += [(number, source) for number in loaded]
    report.notes += notes
    report.problems += problems


def import_path(
    db: Database, path: str | Path, *, community: int, now: dt.datetime
) -> ImportReport:
    """Import every issue found under ``path``; report what was imported and what was not."""
    report = ImportReport()
    path = Path(path)
    if not path.exists():
        report.problems.append(Problem(str(path), "no such file or folder"))
        return report
    for file in source_files(path):
        try:
            text = file.read_text(encoding="utf-8-sig")
        except (UnicodeDecodeError, OSError) as err:
            report.problems.append(Problem(str(file), f"cannot be read as UTF-8 text: {err}"))
            continue
        is_json = file.suffix.lower() == ".json" or text.lstrip().startswith("{")
        reader = _import_json if is_json else _import_markdown
        reader(db, text, community=community, source=str(file), now=now, report=report)
    return report
