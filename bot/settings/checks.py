"""Checks across keys of victories.yaml that a single field cannot make on its own."""

from __future__ import annotations

import datetime as dt
from typing import Protocol
from urllib.parse import urlsplit
from zoneinfo import ZoneInfo

from bot.messages import Term
from bot.settings.fields import ConfigError

# Names without a place that tzdata still ships: each is one fixed offset all year.
_NO_PLACE_OK = {"UTC", "Etc/UTC", "GMT", "Etc/GMT", "Universal", "Zulu"}


class _Emoji(Protocol):
    @property
    def approve(self) -> str: ...
    @property
    def reject(self) -> str: ...
    @property
    def feature(self) -> str: ...


def check_emoji(emoji: _Emoji, *, source: str) -> None:
    """One reaction cannot mean two decisions."""
    seen: dict[str, str] = {}
    for decision in ("approve", "reject", "feature"):
        name = getattr(emoji, decision)
        if name in seen:
            raise ConfigError(
                source,
                f"emoji.{decision}",
                Term("problem_emoji", value=repr(name), other=seen[name]),
            )
        seen[name] = decision


def check_base_url(url: str, *, source: str) -> None:
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https") or not parts.netloc:
        raise ConfigError(
            source,
            "archive.base_url",
            Term("problem_base_url", value=repr(url)),
        )


def zone_warnings(zone: str, *, source: str) -> tuple[str, ...]:
    """A zone like EST or Etc/GMT+5 never changes for daylight saving: the issue would go out
    an hour off for half the year. Accepted (some mean it), but said."""
    if zone in _NO_PLACE_OK or ("/" in zone and not zone.startswith("Etc/")):
        return ()
    tz = ZoneInfo(zone)
    winter, summer = (dt.datetime(2026, m, 1, tzinfo=tz).utcoffset() for m in (1, 7))
    if winter != summer:  # EST5EDT and friends do change
        return ()
    return (
        f"{source}: community.timezone: {zone!r} is a fixed offset with no daylight saving; "
        "use a place such as America/New_York unless that is what you mean",
    )
