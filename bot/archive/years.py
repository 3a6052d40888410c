"""The archive's year pages: which page an issue is listed on, and in what order.

An issue is listed under the year of its date. An imported back catalogue may have
issues without one: they are listed together on a page of their own ("Undated"), last,
rather than under a guessed year (the moment they were imported is not when they went out).
"""

from __future__ import annotations

from collections.abc import Iterable

from bot.messages import fill

UNDATED = "undated"  # the key (and address, years/undated/) of the issues without a date


def year_of(date: str | None) -> str:
    return date[:4] if date else UNDATED


def year_order(years: Iterable[str]) -> list[str]:
    """Newest year first, issues without a date last."""
    found = set(years)
    return sorted(found - {UNDATED}, reverse=True) + [UNDATED] * (UNDATED in found)


def year_label(year: str, lang: str) -> str:
    return fill("site_undated", lang) if year == UNDATED else year
