"""Finding an issue's date in a title or a date line, however the newsletter wrote it."""

from __future__ import annotations

import calendar
import datetime as dt
import re

_MONTHS = {name.lower(): number for number, name in enumerate(calendar.month_name) if name}
_MONTHS |= {name.lower(): number for number, name in enumerate(calendar.month_abbr) if name}
_MONTHS["sept"] = 9
_MONTH = "|".join(sorted(_MONTHS, key=len, reverse=True))
_DAY = r"(?P<day>\d{1,2})(?:st|nd|rd|th)?"
_PATTERNS = (
    re.compile(r"(?P<year>\d{4})-(?P<month>\d{1,2})-(?P<day>\d{1,2})"),
    re.compile(rf"\b(?P<month>{_MONTH})\.?\s+{_DAY},?\s+(?P<year>\d{{4}})\b", re.IGNORECASE),
    re.compile(rf"\b{_DAY}\s+(?P<month>{_MONTH})\.?,?\s+(?P<year>\d{{4}})\b", re.IGNORECASE),
    re.compile(r"\b(?P<year>\d{4})/(?P<month>\d{1,2})/(?P<day>\d{1,2})\b"),
)
_WEEKDAY = re.compile(
    r"\b(?:" + "|".join(calendar.day_name) + "|" + "|".join(calendar.day_abbr) + r")\b\.?,?",
    re.IGNORECASE,
)


def find_date(text: str) -> tuple[dt.date, tuple[int, int]] | None:
    """The first real date in ``text`` and where it was, e.g. "March 3rd, 2025" or "2025-03-03"."""
    for pattern in _PATTERNS:
        for match in pattern.finditer(text):
            month = match.group("month")
            number = int(month) if month.isdigit() else _MONTHS[month.lower().rstrip(".")]
            try:
                day = dt.date(int(match.group("year")), number, int(match.group("day")))
            except ValueError:
                continue
            return day, match.span()
    return None


def only_date(text: str) -> dt.date | None:
    """The date when ``text`` says nothing else (a weekday and punctuation are allowed)."""
    found = find_date(text)
    if found is None:
        return None
    start, end = found[1]
    rest = _WEEKDAY.sub("", text[:start] + text[end:])
    return found[0] if not re.sub(r"[\s,.()\[\]*_—–-]", "", rest) else None
