"""The publication calendar: local times across DST, holidays, skips and moves."""

import datetime as dt
from itertools import islice

from bot.clock import iso
from bot.issues import calendar
from tests.conftest import make_config

UTC = dt.UTC


def runs(config, after, n=3):
    return list(islice(calendar.regular_runs(config, after=after), n))


def test_friday_ten_oclock_new_york_across_both_dst_changes():
    config = make_config()
    autumn = runs(config, dt.datetime(2026, 10, 20, tzinfo=UTC))
    assert autumn == [
        dt.datetime(2026, 10, 23, 14, tzinfo=UTC),
        dt.datetime(2026, 10, 30, 14, tzinfo=UTC),
        dt.datetime(2026, 11, 6, 15, tzinfo=UTC),
    ]  # EDT, EDT, then EST
    spring = runs(config, dt.datetime(2027, 3, 6, tzinfo=UTC), 2)
    assert spring == [
        dt.datetime(2027, 3, 12, 15, tzinfo=UTC),
        dt.datetime(2027, 3, 19, 14, tzinfo=UTC),
    ]
    for moment in autumn + spring:
        local = moment.astimezone(config.community.zone)
        assert (local.weekday(), local.hour, local.minute) == (4, 10, 0)


def test_a_time_inside_the_spring_gap_moves_forward_not_away():
    config = make_config(schedule={"weekday": "sunday", "time": "02:30"})
    (gap_day,) = runs(config, dt.datetime(2027, 3, 13, tzinfo=UTC), 1)
    assert gap_day.astimezone(config.community.zone).date() == dt.date(2027, 3, 14)


def test_holidays_move_to_the_next_day_or_skip():
    moved = make_config(schedule={"holidays": ["2026-11-27"]})
    assert runs(moved, dt.datetime(2026, 11, 25, tzinfo=UTC), 1) == [
        dt.datetime(2026, 11, 28, 15, tzinfo=UTC)
    ]
    skipped = make_config(schedule={"holidays": ["2026-11-27"], "on_holiday": "skip"})
    assert runs(skipped, dt.datetime(2026, 11, 25, tzinfo=UTC), 1) == [
        dt.datetime(2026, 12, 4, 15, tzinfo=UTC)
    ]


def test_skip_and_move_are_remembered_and_used_once(store):
    config = make_config()
    now = dt.datetime(2026, 11, 25, 17, tzinfo=UTC)
    store.call(calendar.ensure_started, community=1, now=now)
    friday = dt.datetime(2026, 11, 27, 15, tzinfo=UTC)
    assert store.call(calendar.next_plan, community=1, config=config, now=now).due == friday
    store.call(calendar.skip_next, community=1, config=config, now=now)
    plan = store.call(calendar.next_plan, community=1, config=config, now=now)
    assert plan.skipped and plan.due == friday
    store.call(calendar.mark_handled, plan, community=1)
    assert store.call(
        calendar.next_plan, community=1, config=config, now=now
    ).due == friday + dt.timedelta(days=7)
    early = dt.datetime(2026, 12, 2, 14, tzinfo=UTC)  # Wednesday before the next Friday
    store.call(calendar.move_next, community=1, config=config, now=now, when=early)
    plan = store.call(calendar.next_plan, community=1, config=config, now=now)
    assert plan.moved and plan.due == early and plan.replaces == friday + dt.timedelta(days=7)
    store.call(calendar.mark_handled, plan, community=1)
    after = store.call(calendar.next_plan, community=1, config=config, now=now)
    assert after.due == friday + dt.timedelta(days=14) and not after.moved
    assert iso(after.due).startswith("2026-12-11")
