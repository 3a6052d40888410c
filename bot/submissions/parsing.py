"""What a member typed, read once: the one-line `/victory` form and the credit vocabulary.

Every surface (the one-line command, Slack's form, Discord's options) names credit with the
words below, so "none" means anonymous everywhere and an unknown word is refused everywhere.
"""

from __future__ import annotations

import re

from bot.model import Credit, Refusal, Submission
from bot.sanitize import split_link

CREDIT_WORDS = {
    "name": Credit.NAME,
    "full": Credit.NAME,
    "full name": Credit.NAME,
    "first": Credit.FIRST,
    "first name": Credit.FIRST,
    "firstname": Credit.FIRST,
    "anonymous": Credit.ANONYMOUS,
    "anon": Credit.ANONYMOUS,
    "none": Credit.ANONYMOUS,
}
CREDIT_LABELS = {Credit.NAME: "name", Credit.FIRST: "first name", Credit.ANONYMOUS: "anonymous"}

_THANKS = re.compile(r"(?:^|\s)(?:thanks|thanks to|thank|credit to)\s*:\s*(.+)$", re.IGNORECASE)
_CREDIT = re.compile(
    r"(?:^|\s)credit\s*:\s*("
    + "|".join(sorted((re.escape(word) for word in CREDIT_WORDS), key=len, reverse=True))
    + r")\s*$",
    re.IGNORECASE,
)


def parse_credit(value: str | None, *, default: str) -> Credit:
    """A credit word as typed (any case, spaces or underscores) or the community's default."""
    if not value or not value.strip():
        return Credit(default)
    try:
        return CREDIT_WORDS[" ".join(value.strip().lower().replace("_", " ").split())]
    except KeyError:
        raise Refusal("bad_credit") from None


def parse_submission(text: str) -> Submission:
    """`<text> [link] [thanks: Name] [credit: first]` in one line."""
    credit = None
    if match := _CREDIT.search(text):
        credit, text = match.group(1), text[: match.start()]
    thanks = None
    if match := _THANKS.search(text):
        thanks, text = match.group(1).strip(), text[: match.start()]
    rest, link = split_link(text)
    return Submission(text=rest, link=link, thanks_to=thanks, credit=credit)
