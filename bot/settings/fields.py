"""Reading the settings file: typed values, with errors naming file, key and problem."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable
from typing import Any, TypeVar, overload
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from bot.messages import ENGLISH, Term, fill
from bot.settings.reading import sexagesimal_hint

T = TypeVar("T")


class ConfigError(Exception):
    """``problem`` in English for the operator; ``term``, when the problem is a catalog
    sentence, says it again in an editor's language when a chat setting is refused."""

    def __init__(self, source: str, key: str, problem: str) -> None:
        self.term = problem if isinstance(problem, Term) else None
        problem = fill(self.term, ENGLISH, **self.term.fields) if self.term else problem
        super().__init__(f"{source}: {key}: {problem}")
        self.source, self.key, self.problem = source, key, problem


_DURATION = re.compile(r"^\s*(\d+)\s*([smhd])\s*$")
_UNITS = {"s": "seconds", "m": "minutes", "h": "hours", "d": "days"}


def parse_duration(value: object) -> dt.timedelta:
    match = _DURATION.match(str(value))
    if not match:
        raise ValueError(Term("problem_duration", value=repr(value)))
    return dt.timedelta(**{_UNITS[match.group(2)]: int(match.group(1))})


class Section:
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

    def get(self, name: str, default: T, convert: Callable[[Any], T] | None = None) -> T:
        self.used.add(name)
        if name not in self.data or self.data[name] is None:
            return default
        value = self.data[name]
        try:
            return convert(value) if convert else value
        except (ValueError, TypeError) as err:
            said = err.args[0] if err.args and isinstance(err.args[0], Term) else str(err)
            raise self.fail(name, said) from None

    @overload
    def text(self, name: str, default: str) -> str: ...
    @overload
    def text(self, name: str, default: None) -> str | None: ...
    def text(self, name: str, default: str | None) -> str | None:
        return self.get(name, default, scalar_text)

    def integer(self, name: str, default: int, low: int = 0, high: int = 10**6) -> int:
        def convert(v: object) -> int:
            if isinstance(v, bool) or not isinstance(v, int):
                raise ValueError(Term("problem_whole_number", value=repr(v)))
            if not low <= v <= high:
                raise ValueError(Term("problem_range", value=v, low=low, high=high))
            return v

        return self.get(name, default, convert)

    def choice(self, name: str, default: str, choices: tuple[str, ...]) -> str:
        def convert(v: object) -> str:
            if str(v).lower() not in choices:
                raise ValueError(Term("problem_choice", value=repr(v), choices=", ".join(choices)))
            return str(v).lower()

        return self.get(name, default, convert)

    def ids(self, name: str) -> tuple[str, ...]:
        def convert(v: object) -> tuple[str, ...]:
            if isinstance(v, (str, int)):
                v = [v]
            if not isinstance(v, list):
                raise ValueError(Term("problem_list"))
            return tuple(scalar_text(x) for x in v)

        return self.get(name, (), convert)

    def section(self, name: str) -> Section:
        self.used.add(name)
        return Section(self.source, self.key(name), self.data.get(name))

    def check_unknown(self) -> None:
        unknown = sorted(set(self.data) - self.used)
        if unknown:
            raise self.fail(
                str(unknown[0]), "unknown key (check the spelling; see victories.example.yaml)"
            )


def scalar_text(value: object) -> str:
    if isinstance(value, (dict, list, bool)):
        raise ValueError(Term("problem_single", value=repr(value)))
    return str(value)


def time_of_day(value: object) -> str:
    hint = sexagesimal_hint(value)
    if hint:
        raise ValueError(hint)
    try:
        dt.time.fromisoformat(str(value))
    except ValueError:
        raise ValueError(Term("problem_time", value=repr(value))) from None
    return str(value)


def iana_zone(value: object) -> str:
    try:
        ZoneInfo(str(value))
    except (ZoneInfoNotFoundError, ValueError):
        raise ValueError(Term("problem_zone", value=repr(value))) from None
    return str(value)


def date_list(value: object) -> tuple[dt.date, ...]:
    if not isinstance(value, list):
        raise ValueError(Term("problem_dates"))
    out = []
    for item in value:
        try:
            out.append(item if isinstance(item, dt.date) else dt.date.fromisoformat(str(item)))
        except ValueError:
            raise ValueError(Term("problem_date", value=repr(item))) from None
    return tuple(out)


def optional_duration(value: object) -> dt.timedelta | None:
    if str(value).lower() in ("off", "false", "none", "0"):
        return None
    return parse_duration(value)


def yes_or_no(value: object) -> bool:
    if isinstance(value, bool):
        return value
    word = str(value).strip().lower()
    if word in ("true", "yes", "on"):
        return True
    if word in ("false", "no", "off"):
        return False
    raise ValueError(Term("problem_yes_no", value=repr(value)))
