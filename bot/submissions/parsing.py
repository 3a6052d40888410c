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

_THANKS_WORDS = r"(?:thanks to|credit to|thanks|thank)"
_THANKS = re.compile(rf"(?:^|\s){_THANKS_WORDS}\s*:\s*(.+)$", re.IGNORECASE)
# At the start the name ends at a comma, semicolon or dash ("Thanks: Ana — the vote won"),
# or, with none, after the first word ("Thanks: Ana The vote won").
_THANKS_FIRST = re.compile(
    rf"^\s*{_THANKS_WORDS}\s*:\s*(?:([^,;—–]+?)\s*(?:[,;—–]|\s-\s)|(\S+)\s)\s*(\S.*)$",
    re.IGNORECASE,
)
# The credit as issues print it, typed at the end by a member who copies that style:
# "(Thanks, Diana!)", "(thanks to the Ortiz family)".
_THANKS_PRINTED = re.compile(
    rf"\s*\(\s*{_THANKS_WORDS}\s*[,:]?\s+([^()\n]{{1,80}}?)\s*[!.]?\s*\)\s*$", re.IGNORECASE
)
# Any value: an unknown one is refused with the choices (parse_credit), not kept as text.
_CREDIT = re.compile(r"(?:^|\s)credit\s*:\s*(\w[\w ]{0,30}?)\s*$", re.IGNORECASE)


def parse_credit(value: str | None, *, default: str) -> Credit:
    """A credit word as typed (any case, spaces or underscores) or the community's default."""
    if not value or not value.strip():
        return Credit(default)
    try:
        return CREDIT_WORDS[" ".join(value.strip().lower().replace("_", " ").split())]
    except KeyError:
        raise Refusal("bad_credit") from None


def parse_submission(text: str) -> Submission:
    """`<text> [link] [thanks: Name] [credit: first]` in one line; `Thanks: Name` may also
    come first."""
    credit = None
    if match := _CREDIT.search(text):
        credit, text = match.group(1), text[: match.start()]
    thanks = None
    if match := _THANKS_FIRST.match(text):
        thanks, text = (match.group(1) or match.group(2)).strip(), match.group(3)
    elif (match := _THANKS.search(text)) or (match := _THANKS_PRINTED.search(text)):
        thanks, text = match.group(1).strip(), text[: match.start()]
    rest, link = split_link(text)
    return Submission(text=rest, link=link, thanks_to=thanks, credit=credit)
