"""Small pieces of what editors and members type: item numbers and user mentions."""

from __future__ import annotations

import re

from bot.model import Refusal

# A user as a chat client inserts it: Discord's <@123> or <@!123>, Slack's <@U123|name>.
MENTION = re.compile(r"^<@!?(\w+)(?:\|[^>]*)?>$")


def number(value: str) -> int:
    """An item or issue number as typed ("12" or "#12")."""
    cleaned = value.strip().lstrip("#")
    if not cleaned.isdigit() or len(cleaned) > 9:
        raise Refusal("bad_number", value=value[:20])
    return int(cleaned)
