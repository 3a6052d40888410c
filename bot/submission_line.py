"""`/victory <text> [link] [thanks: Name] [credit: first]`: one typed line, as fields."""

from __future__ import annotations

import re

from bot.model import Submission
from bot.sanitize import split_link

_THANKS_WORDS = r"(?:thanks|thanks to|thank|credit to)"
_THANKS = re.compile(rf"(?:^|\s){_THANKS_WORDS}\s*:\s*(.+)$", re.IGNORECASE)
# At the start the name ends at a comma, semicolon or dash ("Thanks: Ana — the vote won"),
# or, with none, after the first word ("Thanks: Ana The vote won").
_THANKS_FIRST = re.compile(
    rf"^\s*{_THANKS_WORDS}\s*:\s*(?:([^,;—–]+?)\s*(?:[,;—–]|\s-\s)|(\S+)\s)\s*(\S.*)$",
    re.IGNORECASE,
)
# Any value: an unknown one is refused with the choices, not kept as part of the text.
_CREDIT = re.compile(r"(?:^|\s)credit\s*:\s*(\w[\w ]{0,30}?)\s*$", re.IGNORECASE)


def parse_submission(text: str) -> Submission:
    credit = None
    if match := _CREDIT.search(text):
        credit, text = match.group(1), text[: match.start()]
    thanks = None
    if match := _THANKS_FIRST.match(text):
        thanks, text = (match.group(1) or match.group(2)).strip(), match.group(3)
    elif match := _THANKS.search(text):
        thanks, text = match.group(1).strip(), text[: match.start()]
    rest, link = split_link(text)
    return Submission(text=rest, link=link, thanks_to=thanks, credit=credit)
