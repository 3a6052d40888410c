"""The publication calendar: when the next issue is due, with holidays, skips and moves.

Pure date arithmetic plus a few remembered values in the ``state`` table, so a restart
never forgets a skip, a moved issue or which scheduled run was already handled.
Times are computed in the community's IANA zone, so 10:00 stays 10:00 across DST.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from dataclasses import dataclass

from sqlite_utils import Database

from bot.clock import iso
from bot.config import WEEKDAYS, Config
from bot.store import state

LAST = "schedule.last_slot"  # the latest scheduled run already handled (published/skipped/missed)
SKIP = "schedule.skip"  # a regular run to skip
MOVE = "schedule.move"  # "<when>|<regular run it replaces>"


@dataclass(frozen=True)
class Plan:
    due: dt.datetime  # when to publish (UTC)
    replaces: dt.datetime  # the regular run this plan stands for (UTC)
    moved: bool = False
    skipped: bool = False


def regular_runs(config: Config, *, after: dt.datetime) -> Iterator[dt.datetime]:
    """Regular publication times strictly after ``after``, holidays applied (UTC)."""
    zone = config.community.zone
    hour, minute = (int(part) for part in config.schedule.time.split(":")[:2])
    weekday = WEEKDAYS.index(config.schedule.weekday)
    day = after.astimezone(zone).date() - dt.timedelta(days=1)
    while True:
        day += dt.timedelta(days=1)
        if day.weekday() != weekday:
            continue
        run_day = day
        if run_day in config.schedule.holidays:
            if config.schedule.on_holiday == "skip":
                continue
            while run_day in config.schedule.holidays:
                run_day += dt.timedelta(days=1)
        moment = dt.datetime.combine(run_day, dt.time(hour, minute), tzinfo=zone)
        # A time inside a DST gap does not exist; round-tripping through UTC moves it forward.
        moment = moment.astimezone(dt.UTC)
        if moment > after:
            yield moment


def _read(db: Database, key: str) -> dt.datetime | None:
    value = state.get(db, key)
    return dt.datetime.fromisoformat(value) if value else None


def ensure_started(db: Database, *, now: dt.datetime) -> None:
    """On first start, nothing before now is owed."""
    if state.get(db, LAST) is None:
        state.put(db, LAST, iso(now))


def next_plan(db: Database, *, config: Config, now: dt.datetime) -> Plan:
    last = _read(db, LAST) or now
    regular = next(regular_runs(config, after=last))
    move = state.get(db, MOVE)
    if move:
        when, replaces = (dt.datetime.fromisoformat(part) for part in move.split("|"))
        if replaces >= regular:
            return Plan(due=when, replaces=replaces, moved=True)
    skip = _read(db, SKIP)
    return Plan(due=regular, replaces=regular, skipped=skip == regular)


def next_issue_date(db: Database, *, config: Config, now: dt.datetime) -> dt.date:
    """The date the next issue will carry: its due day in the community's zone."""
    return next_plan(db, config=config, now=now).due.astimezone(config.community.zone).date()


def mark_handled(db: Database, plan: Plan) -> None:
    with db.atomic():
        state.put(db, LAST, iso(max(plan.due, plan.replaces)))
        if plan.moved:
            state.put(db, MOVE, None)
        if plan.skipped:
            state.put(db, SKIP, None)


def skip_next(db: Database, *, config: Config, now: dt.datetime) -> Plan:
    plan = next_plan(db, config=config, now=now)
    with db.atomic():
        state.put(db, MOVE, None)
        state.put(db, SKIP, iso(plan.replaces))
    return Plan(due=plan.replaces, replaces=plan.replaces, skipped=True)


def unskip(db: Database, *, config: Config, now: dt.datetime) -> Plan | None:
    """Take back a skip; None when no issue is being skipped."""
    plan = next_plan(db, config=config, now=now)
    if not plan.skipped:
        return None
    state.put(db, SKIP, None)
    return Plan(due=plan.due, replaces=plan.replaces)


def move_next(db: Database, *, config: Config, now: dt.datetime, when: dt.datetime) -> Plan:
    """Publish the next issue at ``when`` instead of its regular time (e.g. before a holiday)."""
    plan = next_plan(db, config=config, now=now)
    with db.atomic():
        state.put(db, SKIP, None)
        state.put(db, MOVE, f"{iso(when)}|{iso(plan.replaces)}")
    return Plan(due=when, replaces=plan.replaces, moved=True)


def local(config: Config, moment: dt.datetime) -> str:
    """A moment as the community reads it: 'Friday, November 27 at 10:00 EST'."""
    there = moment.astimezone(config.community.zone)
    return f"{there:%A}, {there:%B} {there.day} at {there:%H:%M %Z}"
