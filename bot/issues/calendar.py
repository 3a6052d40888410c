"""The publication calendar: when the next issue is due, with holidays, skips and moves.

Pure date arithmetic plus a few remembered values in the ``state`` table, so a restart
never forgets a skip, a moved issue or which scheduled run was already handled.
Times are computed in the community's IANA zone, so 10:00 stays 10:00 across DST.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from dataclasses import dataclass

from bot import messages
from bot.clock import iso
from bot.config import WEEKDAYS, Config
from bot.store import state
from bot.store.sqlite import Database

LAST = "schedule.last_slot"  # the latest scheduled run already handled (published/skipped/missed)
SKIP = "schedule.skip"  # a regular run to skip
MOVE = "schedule.move"  # "<when>|<regular run it replaces>"


@dataclass(frozen=True)
class Plan:
    due: dt.datetime  # when to publish (UTC)
    replaces: dt.datetime  # the regular run this plan stands for (UTC)
    moved: bool = False
    skipped: bool = False
    dropped_move: dt.datetime | None = None  # skipping cancelled a move to this time


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


def _read(db: Database, key: str, *, community: int) -> dt.datetime | None:
    value = state.get(db, key, community=community)
    return dt.datetime.fromisoformat(value) if value else None


def ensure_started(db: Database, *, community: int, now: dt.datetime) -> None:
    """On first start, nothing before now is owed."""
    if state.get(db, LAST, community=community) is None:
        state.put(db, LAST, iso(now), community=community)


def next_plan(db: Database, *, community: int, config: Config, now: dt.datetime) -> Plan:
    last = _read(db, LAST, community=community) or now
    regular = next(regular_runs(config, after=last))
    move = state.get(db, MOVE, community=community)
    if move:
        when, replaces = (dt.datetime.fromisoformat(part) for part in move.split("|"))
        if replaces >= regular:
            return Plan(due=when, replaces=replaces, moved=True)
    skip = _read(db, SKIP, community=community)
    return Plan(due=regular, replaces=regular, skipped=skip == regular)


def next_issue_date(db: Database, *, community: int, config: Config, now: dt.datetime) -> dt.date:
    """The date the next issue will carry: its due day in the community's zone."""
    plan = next_plan(db, community=community, config=config, now=now)
    return plan.due.astimezone(config.community.zone).date()


def mark_handled(db: Database, plan: Plan, *, community: int) -> None:
    with db.atomic():
        state.put(db, LAST, iso(max(plan.due, plan.replaces)), community=community)
        if plan.moved:
            state.put(db, MOVE, None, community=community)
        if plan.skipped:
            state.put(db, SKIP, None, community=community)


def skip_next(db: Database, *, community: int, config: Config, now: dt.datetime) -> Plan:
    """Skip the next run; a move editors made for it goes too (``dropped_move`` says so)."""
    plan = next_plan(db, community=community, config=config, now=now)
    with db.atomic():
        state.put(db, MOVE, None, community=community)
        state.put(db, SKIP, iso(plan.replaces), community=community)
    dropped = plan.due if plan.moved else None
    return Plan(due=plan.replaces, replaces=plan.replaces, skipped=True, dropped_move=dropped)


def unskip(db: Database, *, community: int, config: Config, now: dt.datetime) -> Plan | None:
    """Take back a skip; None when no issue is being skipped."""
    plan = next_plan(db, community=community, config=config, now=now)
    if not plan.skipped:
        return None
    state.put(db, SKIP, None, community=community)
    return Plan(due=plan.due, replaces=plan.replaces)


def move_next(
    db: Database, *, community: int, config: Config, now: dt.datetime, when: dt.datetime
) -> Plan:
    """Publish the next issue at ``when`` instead of its regular time (e.g. before a holiday)."""
    plan = next_plan(db, community=community, config=config, now=now)
    with db.atomic():
        state.put(db, SKIP, None, community=community)
        state.put(db, MOVE, f"{iso(when)}|{iso(plan.replaces)}", community=community)
    return Plan(due=when, replaces=plan.replaces, moved=True)


def local(config: Config, moment: dt.datetime) -> str:
    """A moment in the community's zone, in the language being spoken: 'Friday,
    November 27 at 10:00 EST', 'viernes 27 de noviembre a las 10:00 EST'."""
    return messages.moment(moment.astimezone(config.community.zone))
