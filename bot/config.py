"""Configuration: a YAML file for the community's choices, the environment for secrets.

A bad value names the file, the key and what is wrong (``ConfigError``), before anything
starts. A missing file gives the built-in demo settings so the console bot just runs.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from pathlib import Path
from zoneinfo import ZoneInfo

import yaml

from bot.messages import Term, languages
from bot.settings.checks import check_base_url, check_emoji, zone_warnings
from bot.settings.fields import (
    ConfigError,
    Section,
    date_list,
    iana_zone,
    optional_duration,
    parse_duration,
    time_of_day,
    yes_or_no,
)
from bot.settings.reading import DuplicateKey, read_yaml

WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")


@dataclass(frozen=True)
class Community:
    name: str = "Small Victories"
    timezone: str = "America/New_York"
    signature: str = "The editors"
    archive_url: str | None = None
    signup_url: str | None = None
    language: str = "en"  # a shipped catalog: content/messages.<language>.yaml

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
    public: bool = False  # listed on the deployment's index of archives (many communities)


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
    warnings: tuple[str, ...] = ()  # accepted, but the operator should know
    # The settings as written, so a community's changes made in chat can be laid over them
    # and checked by this same parser.
    raw: dict = field(default_factory=dict, compare=False, repr=False)


def parse_config(data: object, *, source: str) -> Config:
    root = Section(source, "", data)
    c = root.section("community")
    community = Community(
        name=c.text("name", Community.name),
        timezone=c.get("timezone", Community.timezone, iana_zone),
        signature=c.text("signature", Community.signature),
        archive_url=c.text("archive_url", None),
        signup_url=c.text("signup_url", None),
        language=c.choice("language", Community.language, languages()),
    )
    s = root.section("schedule")
    schedule = Schedule(
        weekday=s.choice("weekday", Schedule.weekday, WEEKDAYS),
        time=s.get("time", Schedule.time, time_of_day),
        misfire_grace=s.get("misfire_grace", Schedule.misfire_grace, parse_duration),
        reminder_before=s.get("reminder_before", Schedule.reminder_before, optional_duration),
        holidays=s.get("holidays", (), date_list),
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
        public=a.get("public", False, yes_or_no),
    )
    p = root.section("publishing")
    concurrency = p.integer("concurrency", 16, 1, 500)
    for section in (c, s, i, n, e, co, sl, mods, di, a, p, root):
        section.check_unknown()
    if issue.min_items > issue.max_items:
        raise ConfigError(source, "issue.min_items", Term("problem_min_max"))
    check_emoji(emoji, source=source)
    check_base_url(archive.base_url, source=source)
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
        zone_warnings(community.timezone, source=source),
        dict(data) if isinstance(data, dict) else {},
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
    if path.is_dir():
        raise ConfigError(str(path), "(file)", "is a folder; name the YAML file inside it")
    try:
        data = read_yaml(path.read_text(encoding="utf-8"))
    except UnicodeDecodeError as err:
        raise ConfigError(
            str(path), "(file)", f"is not UTF-8 text (byte {err.start}); save it as UTF-8"
        ) from None
    except OSError as err:
        raise ConfigError(str(path), "(file)", f"cannot be read: {err.strerror}") from None
    except DuplicateKey as err:
        raise ConfigError(str(path), err.key, str(err)) from None
    except yaml.YAMLError as err:
        raise ConfigError(str(path), "(file)", f"is not valid YAML: {err}") from None
    return parse_config(data, source=str(path))
