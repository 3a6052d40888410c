"""Spotting items that report the same news: same link, or near-identical text.

A suspected duplicate is flagged on the review card, never refused: two members sharing
the same good news are both thanked when it runs.
"""

from __future__ import annotations

import re
from difflib import SequenceMatcher
from urllib.parse import parse_qsl, urlencode, urlsplit

_WORD = re.compile(r"[^\w]+", re.UNICODE)
_TRACKING = ("utm_", "fbclid", "gclid", "mc_cid", "mc_eid", "ref_src")
SIMILAR = 0.9


def normal_link(url: str | None) -> str | None:
    """The link without scheme, www., tracking parameters, fragment or trailing slash."""
    if not url:
        return None
    parts = urlsplit(url)
    host = (parts.hostname or "").lower().removeprefix("www.")
    query = [(k, v) for k, v in parse_qsl(parts.query) if not k.lower().startswith(_TRACKING)]
    path = parts.path.rstrip("/")
    return host + path + (f"?{urlencode(sorted(query))}" if query else "")


def normal_text(text: str) -> str:
    return " ".join(_WORD.sub(" ", text.casefold()).split())


def similar(a: str, b: str) -> bool:
    if not a or not b:
        return False
    matcher = SequenceMatcher(None, a, b, autojunk=False)
    return (
        matcher.real_quick_ratio() >= SIMILAR
        and matcher.quick_ratio() >= SIMILAR
        and matcher.ratio() >= SIMILAR
    )


def pick(*, exact: list[dict], recent: list[dict], norm_text: str) -> int | None:
    """The id of the item this one most likely repeats, if any."""
    if exact:
        return exact[0]["id"]
    for row in recent:
        if similar(norm_text, row["norm_text"]):
            return row["id"]
    return None
