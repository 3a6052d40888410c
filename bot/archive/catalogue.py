"""A back catalogue of past issues, and how it joins the database as published issues.

Imported items become approved victories on platform ``import``, placed in their issue,
credited through ``thanks_to``. An issue number already in the database is refused (no
duplicates); a draft that would come before an imported issue is renumbered after it, so
numbering simply continues from the newsletter's last issue.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from bot.clock import iso
from bot.model import Actor, Issue, IssueState
from bot.store import audit, issues
from bot.store import victories as victory_store
from bot.store.sqlite import Database
from bot.submissions import duplicates

PLATFORM = "import"
IMPORTER = Actor(platform=PLATFORM, user_id="import", display_name="victories import")


@dataclass(frozen=True)
class Problem:
    """Something in a source file that was not imported, or not as written."""

    where: str  # "file:line"
    message: str

    def __str__(self) -> str:
        return f"{self.where}: {self.message}"


@dataclass
class ParsedItem:
    text: str
    link: str | None = None
    thanks_to: str | None = None


@dataclass
class ParsedIssue:
    number: int
    where: str  # "file:line" of its title
    date: dt.date | None = None
    note: str | None = None
    song_title: str | None = None
    song_link: str | None = None
    gratitude: str | None = None
    ps: list[str] = field(default_factory=list)
    actions: list[str] = field(default_factory=list)
    items: list[ParsedItem] = field(default_factory=list)


class Conflict(Exception):
    """The issue cannot be imported as it stands; the message says why."""


def make_room(db: Database, number: int, *, community: int, now: str) -> str | None:
    """Refuse an issue number that exists; move a draft that would precede it past it."""
    existing = issues.get(db, community=community, number=number)
    if existing is not None and existing.status != "draft":
        raise Conflict(
            f"issue {number} is already in the database ({existing.status}); not imported again"
        )
    draft = next(
        iter(
            db.query(
                "SELECT number FROM issues WHERE community_id = ? AND status = 'draft' "
                "AND number <= ? ORDER BY number",
                [community, number],
            )
        ),
        None,
    )
    if draft is None:
        return None
    last = "SELECT max(number) + 1 AS n FROM issues WHERE community_id = ?"
    target = max(next(db.query(last, [community]))["n"], number + 1)
    held = "SELECT 1 FROM victories WHERE community_id = ? AND issue_number = ?"
    if list(db.query(held, [community, draft["number"]])):
        raise Conflict(f"draft issue {draft['number']} already holds items; publish it first")
    db.execute(
        "UPDATE issues SET number = ? WHERE community_id = ? AND number = ?",
        [target, community, draft["number"]],
    )
    audit.log(
        db,
        community=community,
        actor=IMPORTER,
        at=now,
        action="renumber-draft",
        issue_number=target,
        detail=f"draft {draft['number']} -> {target}",
    )
    return f"the next issue (a draft) was renumbered from {draft['number']} to {target}"


def store_issue(
    db: Database, parsed: ParsedIssue, *, community: int, now: dt.datetime
) -> str | None:
    """Insert one parsed issue and its items, all or nothing. Returns a note on renumbering."""
    stamp = iso(now)
    created = (
        iso(dt.datetime.combine(parsed.date, dt.time(12), tzinfo=dt.UTC)) if parsed.date else stamp
    )
    with db.atomic():
        note = make_room(db, parsed.number, community=community, now=stamp)
        issue = Issue(
            number=parsed.number,
            status=IssueState.PUBLISHED,
            date=parsed.date.isoformat() if parsed.date else None,
            note=parsed.note,
            song_title=parsed.song_title,
            song_link=parsed.song_link,
            gratitude=parsed.gratitude,
            ps=list(parsed.ps),
            actions=list(parsed.actions),
            published_at=created,
        )
        issues.insert_imported(db, issue, community=community, now=stamp)
        for position, item in enumerate(parsed.items, start=1):
            victory_store.insert(
                db,
                {
                    "text": item.text,
                    "link": item.link,
                    "thanks_to": item.thanks_to,
                    "credit": "name" if item.thanks_to else "anonymous",
                    "platform": PLATFORM,
                    "user_id": "import",
                    "display_name": "Imported",
                    "status": "approved",
                    "decision": "approve",
                    "decided_by": "import",
                    "decided_at": created,
                    "issue_number": parsed.number,
                    "position": position,
                    "norm_link": duplicates.normal_link(item.link),
                    "norm_text": duplicates.normal_text(item.text),
                    "created_at": created,
                    "updated_at": stamp,
                },
                community=community,
            )
    return note
