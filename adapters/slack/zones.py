"""The setup form's time-zone picker: Slack asks for options as the admin types."""

from __future__ import annotations

from typing import Any
from zoneinfo import available_timezones

ZONES = "timezone"  # the action_id Slack names when it asks for time-zone options
MOST = 100  # the most options Slack shows


def zone(name: str) -> dict[str, Any]:
    return {"text": {"type": "plain_text", "text": name[:75]}, "value": name}


def zones_matching(typed: str) -> list[dict[str, Any]]:
    """The IANA zones whose name contains what the admin typed (spaces as _)."""
    wanted = typed.strip().lower().replace(" ", "_")
    found = sorted(z for z in available_timezones() if wanted in z.lower())
    return [zone(name) for name in found[:MOST]]
