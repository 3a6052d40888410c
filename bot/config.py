"""Configuration: a YAML file for the community's choices, the environment for secrets.

A bad value names the file, the key and what is wrong (``ConfigError``), before anything
starts. A missing file gives the built-in demo settings so the console bot just runs.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from pathlib import Path
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

import yaml

WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")


class ConfigError(Exception):
    def __init__(self, source: str, key: str, problem: str) -> None:
        super().__init__(f"{source}: {key}: {problem}")


@dataclass(frozen=True)
class Community:
    name: str = "Small Victories"
    timezone: str = "America/New_York"
    signature: str = "The editors"
    archive_url: str | None = None
    signup_url: str | None = None

    @property
    def zone(self) -> ZoneInfo:
        return ZoneInfo(self.timezone)


@dataclass(frozen=True)
class Schedule:
    weekday: str = "friday"
    time: str = "10:00"
    misfire_grace: dt.timedelta = dt.timedelta(hours=6)
    reminder_before: dt.timedelta | None = dt.timedelta(hours=3)
    holidays: tuple[dt.date, ...] = ()
    on_holiday: str = "next_day"  # next_day | skip


@dataclass(frozen=True)
class IssueRules:
    max_items: int = 12
    min_items: int = 3
    when_thin: str = "post"  # post | skip


@dataclass(frozen=True)
class Intake:
    max_length: int = 600
    per_user_per_day: int = 5
    cooldown: dt.timedelta = dt.timedelta(seconds=30)
    default_credit: str = "name"
    duplicate_window_days: int = 60


@dataclass(frozen=True)
class Emoji:
    approve: str = "white_check_mark"
    reject: str = "x"
    feature: str = "star"


@dataclass(frozen=True)
class Console:
    user: str = "editor"
    moderators: tuple[str, ...] = ("editor",)


@dataclass(frozen=True)
class Slack:
    review_channel: str | None = None
    digest_channels: tuple[str, ...] = ()
    moderator_users: tuple[str, ...] = ()
    moderator_usergroups: tuple[str, ...] = ()


@dataclass(frozen=True)
class Discord:
    review_channel: str | None = None
    digest_channels: tuple[str, ...] = ()
    moderator_roles: tuple[str, ...] = ()
    guild_ids: tuple[str, ...] = ()
    sync_global: bool = False


@dataclass(frozen=True)
class Archive:
    out: str | None = None
    template_dir: str | None = None
    base_url: str = "https://example.org/victories/"


@dataclass(frozen=True)
class Config:
    community: Community = field(default_factory=Community)
    schedule: Schedule = field(default_factory=Schedule)
    issue: IssueRules = field(default_factory=IssueRules)
    intake: Intake = field(default_factory=Intake)
    emoji: Emoji = field(default_factory=Emoji)
    console: Console = field(default_factory=Console)
    slack: Slack = field(default_factory=Slack)
    discord: Discord = field(default_factory=Discord)
    archive: Archive = field(default_factory=Archive)
    publish_concurrency: int = 16
    source: str = "built-in defaults"


_DURATION = re.compile(r"^\s*(\d+)\s*([smhd])\s*$")
_UNITS = {"s": "seconds", "m": "minutes", "h": "hours", "d": "days"}


def parse_duration(value: object) -> dt.timedelta:
    match = _DURATION.match(str(value))
    if not match:
        raise ValueError(f"{value!r} is not a duration like 30s, 15m, 6h or 2d")
    return dt.timedelta(**{_UNITS[match.group(2)]: int(match.group(1))})


class _Section:
    """Reads one mapping from the YAML, naming the key path in every error."""

    def __init__(self, source: str, path: str, data: object) -> None:
        if data is None:
            data = {}
        if not isinstance(data, dict):
            raise ConfigError(source, path, "must be a mapping of keys to values")
        self.source, self.path, self.data = source, path, data
        self.used: set[str] = set()

    def key(self, name: str) -> str:
        return f"{self.path}.{name}" if self.path else name

    def fail(self, name: str, problem: str) -> ConfigError:
        return ConfigError(self.source, self.key(name), problem)

    def get(self, name: str, default: object, convert=None) -> object:
        self.used.add(name)
        if name not in self.data or self.data[name] is None:
            return default
        value = self.data[name]
        try:
            return convert(value) if convert else value
        except (ValueError, TypeError) as err:
            raise self.fail(name, str(err)) from None

    def text(self, name: str, default: str | None) -> str | None:
        return self.get(name, default, lambda v: _scalar_text(v))

    def integer(self, name: str, default: int, low: int = 0, high: int = 10**6) -> int:
        def convert(v: object) -> int:
            if isinstance(v, bool) or not isinstance(v, int):
                raise ValueError(f"{v!r} is not a whole number")
            if not low <= v <= high:
                raise ValueError(f"{v} is outside {low}..{high}")
            return v

        return self.get(name, default, convert)

    def choice(self, name: str, default: str, choices: tuple[str, ...]) -> str:
        def convert(v: object) -> str:
            if str(v).lower() not in choices:
                raise ValueError(f"{v!r} is not one of {', '.join(choices)}")
            return str(v).lower()

        return self.get(name, default, convert)

    def ids(self, name: str) -> tuple[str, ...]:
        def convert(v: object) -> tuple[str, ...]:
            if isinstance(v, (str, int)):
                v = [v]
            if not isinstance(v, list):
                raise ValueError("must be a list")
            return tuple(_scalar_text(x) for x in v)

        return self.get(name, (), convert)

    def section(self, name: str) -> _Section:
        self.used.add(name)
        return _Section(self.source, self.key(name), self.data.get(name))

    def check_unknown(self) -> None:
        unknown = sorted(set(self.data) - self.used)
        if unknown:
            raise self.fail(
                str(unknown[0]), "unknown key (check the spelling; see victories.example.yaml)"
            )


def _scalar_text(value: object) -> str:
    if isinstance(value, (dict, list, bool)):
        raise ValueError(f"{value!r} should be a single value")
    return str(value)


def _time(value: object) -> str:
    try:
        dt.time.fromisoformat(str(value))
    except ValueError:
        raise ValueError(f"{value!r} is not a time like 10:00") from None
    return str(value)


def _zone(value: object) -> str:
    try:
        ZoneInfo(str(value))
    except (ZoneInfoNotFoundError, ValueError):
        raise ValueError(f"{value!r} is not an IANA time zone like America/New_York") from None
    return str(value)


def _dates(value: object) -> tuple[dt.date, ...]:
    if not isinstance(value, list):
        raise ValueError("must be a list of dates like 2026-11-26")
    out = []
    for item in value:
        try:
            out.append(item if isinstance(item, dt.date) else dt.date.fromisoformat(str(item)))
        except ValueError:
            raise ValueError(f"{item!r} is not a date like 2026-11-26") from None
    return tuple(out)


def _optional_duration(value: object) -> dt.timedelta | None:
    if str(value).lower() in ("off", "false", "none", "0"):
        return None
    return parse_duration(value)


def parse_config(data: object, *, source: str) -> Config:
    root = _Section(source, "", data)
    c = root.section("community")
    community = Community(
        name=c.text("name", Community.name),
        timezone=c.get("timezone", Community.timezone, _zone),
        signature=c.text("signature", Community.signature),
        archive_url=c.text("archive_url", None),
        signup_url=c.text("signup_url", None),
    )
    s = root.section("schedule")
    schedule = Schedule(
        weekday=s.choice("weekday", Schedule.weekday, WEEKDAYS),
        time=s.get("time", Schedule.time, _time),
        misfire_grace=s.get("misfire_grace", Schedule.misfire_grace, parse_duration),
        reminder_before=s.get("reminder_before", Schedule.reminder_before, _optional_duration),
        holidays=s.get("holidays", (), _dates),
        on_holiday=s.choice("on_holiday", Schedule.on_holiday, ("next_day", "skip")),
    )
    i = root.section("issue")
    issue = IssueRules(
        max_items=i.integer("max_items", IssueRules.max_items, 1, 200),
        min_items=i.integer("min_items", IssueRules.min_items, 0, 200),
        when_thin=i.choice("when_thin", IssueRules.when_thin, ("post", "skip")),
    )
    n = root.section("intake")
    intake = Intake(
        max_length=n.integer("max_length", Intake.max_length, 20, 2500),
        per_user_per_day=n.integer("per_user_per_day", Intake.per_user_per_day, 1, 10000),
        cooldown=n.get("cooldown", Intake.cooldown, parse_duration),
        default_credit=n.choice(
            "default_credit", Intake.default_credit, ("name", "first", "anonymous")
        ),
        duplicate_window_days=n.integer(
            "duplicate_window_days", Intake.duplicate_window_days, 0, 3650
        ),
    )
    e = root.section("emoji")
    emoji = Emoji(
        **{k: e.text(k, getattr(Emoji, k)).strip(":") for k in ("approve", "reject", "feature")}
    )
    co = root.section("console")
    console = Console(
        user=co.text("user", Console.user), moderators=co.ids("moderators") or Console.moderators
    )
    sl = root.section("slack")
    mods = sl.section("moderators")
    slack = Slack(
        review_channel=sl.text("review_channel", None),
        digest_channels=sl.ids("digest_channels"),
        moderator_users=mods.ids("users"),
        moderator_usergroups=mods.ids("usergroups"),
    )
    di = root.section("discord")
    discord = Discord(
        review_channel=di.text("review_channel", None),
        digest_channels=di.ids("digest_channels"),
        moderator_roles=di.ids("moderator_roles"),
        guild_ids=di.ids("guild_ids"),
        sync_global=bool(di.get("sync_global", False)),
    )
    a = root.section("archive")
    archive = Archive(
        out=a.text("out", None),
        template_dir=a.text("template_dir", None),
        base_url=a.text("base_url", Archive.base_url),
    )
    p = root.section("publishing")
    concurrency = p.integer("concurrency", 16, 1, 500)
    for section in (c, s, i, n, e, co, sl, mods, di, a, p, root):
        section.check_unknown()
    if issue.min_items > issue.max_items:
        raise ConfigError(source, "issue.min_items", "must not be larger than issue.max_items")
    return Config(
        community,
        schedule,
        issue,
        intake,
        emoji,
        console,
        slack,
        discord,
        archive,
        concurrency,
        source,
    )


def load_config(path: str | Path | None) -> Config:
    """Load the YAML file named, or ./victories.yaml; if that default is missing, the demo
    settings. A file named explicitly must exist."""
    if path is None:
        path = Path("victories.yaml")
        if not path.exists():
            return Config()
    path = Path(path)
    if not path.exists():
        raise ConfigError(str(path), "(file)", "does not exist")
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
    except yaml.YAMLError as err:
        raise ConfigError(str(path), "(file)", f"is not valid YAML: {err}") from None
    return parse_config(data, source=str(path))
