"""Reading a modal the bot opened and submitting it by the core's field names."""

from __future__ import annotations

from bot.chat import labels
from tests.fakes import discord_payloads as p
from tests.fakes.discord_api import FakeDiscord
from tests.fakes.discord_events import submit_modal


def inputs(modal: dict) -> dict[str, dict]:
    """The modal's text inputs by the core's field name (``text``, ``link``, ``thanks_to``,
    ``credit``, ``reason``; a slot's one input is ``slot``)."""
    assert modal["type"] == 9, modal
    by_label = {
        row["components"][0]["label"]: row["components"][0] for row in modal["data"]["components"]
    }
    return {
        name: by_label[labels.field(name)]
        for name in labels.FIELDS
        if labels.field(name) in by_label
    }


async def submit_form(
    fake: FakeDiscord, person: p.Person, modal: dict, *, channel_id: str, **values: str
) -> str:
    """Submit ``modal`` as ``person`` with ``values`` by field name; other inputs keep
    what the bot put in them."""
    fields = inputs(modal)
    assert set(values) <= set(fields), (set(values), set(fields))
    typed = {i["custom_id"]: values.get(name, i.get("value") or "") for name, i in fields.items()}
    return await submit_modal(
        fake, person, custom_id=modal["data"]["custom_id"], values=typed, channel_id=channel_id
    )
