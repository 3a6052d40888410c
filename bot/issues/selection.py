"""Selection: which approved items make the next issue, in what order, with what credits."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from enum import StrEnum

from bot.clock import iso
from bot.config import Config
from bot.model import Credit, Issue, IssueState, Victory
from bot.sanitize import first_name
from bot.store import deliveries, issues, victories
from bot.store.sqlite import Database


@dataclass
class Entry:
    """One numbered item: the victory, plus duplicates merged into it for credit."""

    position: int
    victory: Victory
    also: list[Victory] = field(default_factory=list)

    @property
    def credits(self) -> list[str]:
        names: list[str] = []
        for item in (self.victory, *self.also):
            name = credit_name(item)
            if name and name not in names:
                names.append(name)
        return names


@dataclass
class IssueView:
    issue: Issue
    entries: list[Entry]
    overflow: int = 0


def credit_name(victory: Victory) -> str | None:
    if victory.thanks_to:
        return victory.thanks_to
    if victory.credit == Credit.ANONYMOUS:
        return None
    if victory.credit == Credit.FIRST:
        return first_name(victory.display_name)
    return victory.display_name


def join_names(names: list[str], lang: str = "en") -> str:
    """ "Ana, Ben and Cy" (the house style, no serial comma); other languages as Babel
    joins them ("Ana, Ben y Cy")."""
    if lang != "en":
        from babel.lists import format_list  # loaded with the first non-English issue

        return format_list(names, locale=lang)
    return names[0] if len(names) == 1 else ", ".join(names[:-1]) + " and " + names[-1]


def _select(ready: list[Victory], max_items: int) -> tuple[list[Entry], int]:
    """Featured first then approval order (as ``ready`` comes); duplicates fold into
    the entry they repeat; past ``max_items`` entries wait for the next issue."""
    entries: list[Entry] = []
    by_id: dict[int, Entry] = {}
    overflow = 0
    for victory in ready:
        target = by_id.get(victory.duplicate_of) if victory.duplicate_of else None
        if target is not None:
            target.also.append(victory)
            by_id[victory.id] = target
        elif len(entries) < max_items:
            entry = Entry(position=len(entries) + 1, victory=victory)
            entries.append(entry)
            by_id[victory.id] = entry
        else:
            overflow += 1
    return entries, overflow


def _next_entries(db: Database, *, community: int, max_items: int) -> tuple[list[Entry], int]:
    """``_select`` over every ready item of the community, reading only what the issue
    can hold.

    Ready items are read a page at a time until the issue is full; after that, a later
    item matters only if it folds into a chosen entry, so only duplicates of items already
    read (and their duplicates) are looked up. The rest is counted, not read.
    """
    page = max(2 * max_items, 50)
    head: list[Victory] = []
    while True:
        rows = victories.ready(db, community=community, limit=page, offset=len(head))
        head += rows
        entries, overflow = _select(head, max_items)
        if len(rows) < page:
            return entries, overflow  # every ready item was read
        if len(entries) >= max_items:
            break
    seen = {victory.id for victory in head}
    later: set[int] = set()
    frontier = seen
    while frontier:
        frontier = victories.ready_repeating(db, community=community, ids=frontier) - seen - later
        later |= frontier
    more = victories.ready_by_ids(db, community=community, ids=later)
    entries, _ = _select(head + more, max_items)
    used = sum(1 + len(entry.also) for entry in entries)
    return entries, victories.count_ready(db, community=community) - used


def arrange(db: Database, *, community: int, entries: list[Entry]) -> list[Entry]:
    """The editor's order (``/victories move``) over the usual one: entries an editor
    placed keep their order; entries approved since go after them, except featured ones,
    which still lead."""
    placed = {
        row["id"]: row["placed"]
        for row in db.query(
            "SELECT id, placed FROM victories INDEXED BY victories_placed "
            f"WHERE community_id = ? AND placed IS NOT NULL AND {victories.READY}",
            [community],
        )
    }
    if not placed:
        return entries

    def key(indexed: tuple[int, Entry]) -> tuple[int, int, int]:
        index, entry = indexed
        place = placed.get(entry.victory.id)
        if place is not None:
            return (1, place, index)
        return (0 if entry.victory.featured else 2, 0, index)

    ordered = [entry for _, entry in sorted(enumerate(entries), key=key)]
    return [Entry(i, e.victory, e.also) for i, e in enumerate(ordered, start=1)]


def next_in_order(db: Database, *, community: int, max_items: int) -> tuple[list[Entry], int]:
    """The next issue's entries as they will run, and how many items wait for a later one."""
    entries, overflow = _next_entries(db, community=community, max_items=max_items)
    return arrange(db, community=community, entries=entries), overflow


def preview(
    db: Database, *, community: int, config: Config, now: dt.datetime, date: dt.date
) -> IssueView:
    """The next issue as it would be published on ``date``; writes only the draft row."""
    with db.atomic():
        draft = issues.draft(db, community=community, now=iso(now))
    entries, overflow = next_in_order(db, community=community, max_items=config.issue.max_items)
    draft.date = date.isoformat()
    return IssueView(draft, entries, overflow)


def published_view(db: Database, *, community: int, number: int) -> IssueView | None:
    issue = issues.get(db, community=community, number=number)
    if issue is None or issue.status not in (IssueState.PUBLISHED, IssueState.PUBLISHING):
        return None
    entries: dict[int, Entry] = {}
    for victory in victories.in_issue(db, community=community, number=number):
        position = victory.position or 0  # every item of a frozen issue has its position
        if position in entries:
            entries[position].also.append(victory)
        else:
            entries[position] = Entry(position, victory)
    return IssueView(issue, [entries[k] for k in sorted(entries)])


class NotFrozen(StrEnum):
    EMPTY = "empty"  # no approved items
    THIN = "thin"  # fewer than issue.min_items, and the community skips thin issues
    DONE = "done"  # this scheduled run already produced its issue


@dataclass(frozen=True)
class Frozen:
    number: int | None  # None when nothing was frozen
    items: int
    reason: NotFrozen | None = None


def freeze(
    db: Database,
    *,
    community: int,
    config: Config,
    now: dt.datetime,
    date: dt.date,
    targets: list[tuple[str, str]],
    force: bool,
    slot: str | None = None,
) -> Frozen:
    """Fix the next issue's contents and create its deliveries, in one transaction.

    After this the issue is ``publishing``: its text can no longer change, so every channel
    (and every retry after a crash) gets exactly the same issue.
    """
    with db.atomic():
        done = "SELECT 1 FROM issues WHERE community_id = ? AND slot = ?"
        if slot and list(db.query(done, [community, slot])):
            return Frozen(None, 0, NotFrozen.DONE)  # this scheduled run already produced its issue
        draft = issues.draft(db, community=community, now=iso(now))
        entries, _ = next_in_order(db, community=community, max_items=config.issue.max_items)
        if not entries:
            return Frozen(None, 0, NotFrozen.EMPTY)
        if not force and config.issue.when_thin == "skip" and len(entries) < config.issue.min_items:
            return Frozen(None, len(entries), NotFrozen.THIN)
        for entry in entries:
            for victory in (entry.victory, *entry.also):
                victories.update(
                    db,
                    victory.id,
                    issue_number=draft.number,
                    position=entry.position,
                    updated_at=iso(now),
                )
        issues.update(
            db,
            community=community,
            number=draft.number,
            status=IssueState.PUBLISHING,
            date=date.isoformat(),
            slot=slot,
        )
        deliveries.create(
            db, community=community, issue_number=draft.number, targets=targets, now=iso(now)
        )
    return Frozen(draft.number, len(entries))
