"""A lossless JSON dump of the published archive, and loading it back.

Every column of every published issue and of every victory in one is kept. On load a
victory keeps its id when that id is free, so a dump loaded into a fresh database is an
exact copy; otherwise it gets a new id and ``duplicate_of`` follows it.
"""

from __future__ import annotations

import datetime as dt
import json
import sqlite3

from bot.archive.catalogue import Conflict, Problem, make_room
from bot.clock import iso
from bot.model import Refusal
from bot.sanitize import checked_link
from bot.store.sqlite import Database

FORMAT = "small-victories-archive"
VERSION = 1


def dump(db: Database, *, community: int) -> dict:
    issues = []
    for row in db.query(
        "SELECT * FROM issues WHERE community_id = ? AND status = 'published' ORDER BY number",
        [community],
    ):
        row = {**row, "ps": json.loads(row["ps"]), "actions": json.loads(row["actions"])}
        row.pop("community_id", None)  # a dump moves between communities and deployments
        row["victories"] = [
            {key: value for key, value in victory.items() if key != "community_id"}
            for victory in db.query(
                "SELECT * FROM victories WHERE community_id = ? AND issue_number = ? "
                "ORDER BY position, id",
                [community, row["number"]],
            )
        ]
        issues.append(row)
    return {"format": FORMAT, "version": VERSION, "issues": issues}


def dump_json(db: Database, *, community: int) -> str:
    return json.dumps(dump(db, community=community), ensure_ascii=False, indent=2) + "\n"


def _safe_link(value: object, where: str, problems: list[Problem]) -> object:
    if not value:
        return value
    try:
        checked_link(str(value))
    except Refusal:
        problems.append(
            Problem(where, f"link {str(value)[:60]!r} is not a safe http(s) link; dropped")
        )
        return None
    return value


def _columns(db: Database, table: str, row: dict, where: str, problems: list[Problem]) -> dict:
    known = db[table].columns_dict
    unknown = sorted(set(row) - set(known) - {"victories"})
    if unknown:
        problems.append(Problem(where, f"unknown {table} fields ignored: {', '.join(unknown)}"))
    return {key: value for key, value in row.items() if key in known}


def _load_issue(
    db: Database,
    raw: dict,
    *,
    community: int,
    where: str,
    now: str,
    ids: dict[int, int],
    problems: list[Problem],
) -> str | None:
    issue = _columns(db, "issues", raw, where, problems)
    issue["community_id"] = community
    number = issue.get("number")
    if not isinstance(number, int) or isinstance(number, bool):
        raise Conflict(f"issue number {number!r} is not a whole number")
    issue["ps"] = json.dumps(issue.get("ps") or [], ensure_ascii=False)
    issue["actions"] = json.dumps(issue.get("actions") or [], ensure_ascii=False)
    issue["song_link"] = _safe_link(issue.get("song_link"), where, problems)
    issue.setdefault("created_at", now)
    issue["status"] = "published"
    note = make_room(db, number, community=community, now=now)
    db.table("issues").insert(issue)
    later: list[tuple[int, int]] = []
    for raw_victory in raw.get("victories") or []:
        victory = _columns(db, "victories", raw_victory, where, problems)
        victory["issue_number"] = number
        victory["community_id"] = community
        victory["number"] = _free_number(db, community=community, wanted=victory.get("number"))
        victory["link"] = _safe_link(victory.get("link"), where, problems)
        old_id, duplicate_of = victory.pop("id", None), victory.pop("duplicate_of", None)
        free = isinstance(old_id, int) and not list(
            db.query("SELECT 1 FROM victories WHERE id = ?", [old_id])
        )
        if free:
            victory["id"] = old_id
        new_id = db.table("victories").insert(victory).last_pk
        assert isinstance(new_id, int)
        if isinstance(old_id, int):
            ids[old_id] = new_id
        if duplicate_of is not None:
            later.append((new_id, duplicate_of))
    for new_id, duplicate_of in later:
        target = ids.get(duplicate_of, duplicate_of)
        if list(db.query("SELECT 1 FROM victories WHERE id = ?", [target])):
            db.execute("UPDATE victories SET duplicate_of = ? WHERE id = ?", [target, new_id])
    return note


def _free_number(db: Database, *, community: int, wanted: object) -> int:
    """The dumped item number if this community has not used it, else its next number."""
    taken = "SELECT 1 FROM victories WHERE community_id = ? AND number = ?"
    if isinstance(wanted, int) and not list(db.query(taken, [community, wanted])):
        return wanted
    last = "SELECT coalesce(max(number), 0) + 1 AS n FROM victories WHERE community_id = ?"
    return int(next(db.query(last, [community]))["n"])


def load(
    db: Database, data: object, *, community: int, source: str, now: dt.datetime
) -> tuple[list[int], list[str], list[Problem]]:
    """Load a dump: (issue numbers loaded, notes, problems). Each issue is all or nothing."""
    problems: list[Problem] = []
    if not isinstance(data, dict) or data.get("format") != FORMAT:
        return [], [], [Problem(source, f"not a {FORMAT} JSON dump")]
    if data.get("version") != VERSION:
        return [], [], [Problem(source, f"dump version {data.get('version')!r} is not {VERSION}")]
    loaded: list[int] = []
    notes: list[str] = []
    ids: dict[int, int] = {}  # dumped id -> id in this database
    for index, raw in enumerate(data.get("issues") or []):
        where = f"{source}:issues[{index}]"
        if not isinstance(raw, dict):
            problems.append(Problem(where, "not an issue object"))
            continue
        try:
            with db.atomic():
                note = _load_issue(
                    db,
                    raw,
                    community=community,
                    where=where,
                    now=iso(now),
                    ids=ids,
                    problems=problems,
                )
        except (Conflict, sqlite3.DatabaseError) as err:
            problems.append(Problem(where, f"not imported: {err}"))
            continue
        loaded.append(raw["number"])
        notes += [note] if note else []
    return loaded, notes, problems
