"""The editor's forms as Slack modals: Reject (a reason), Edit (copy-edit an item) and
a slot of the next issue (note, thanks, action, P.S.), several paragraphs each.

``open_form(client, community, form, ...)`` opens the modal for the core's ``Form``.
A modal's private_metadata holds only what the form is about (the item's number or the
slot's name), never the community: that always comes from the workspace that submits.
"""

from __future__ import annotations

import json
import logging
from collections.abc import Mapping
from typing import Any

from slack_sdk.web.async_client import AsyncWebClient

from adapters.slack import modal
from adapters.slack.client import API_ERRORS
from bot.chat.replies import Form
from bot.issues.editorial import SLOT_NAMES
from bot.messages import fill
from bot.model import Community

log = logging.getLogger("victories.slack")

REJECT, EDIT, SLOT = "victory_reject", "victory_edit", "victory_slot"
TITLE_LIMIT = 24  # characters of a modal's title, submit and close
REASON_LIMIT = 500
THANKS_LIMIT = 80


def _plain(text: str, limit: int = 3000) -> dict[str, str]:
    return {"type": "plain_text", "text": text if len(text) <= limit else text[: limit - 1] + "…"}


def _modal(callback_id: str, title: str, metadata: dict, blocks: list[dict]) -> dict[str, Any]:
    return {
        "type": "modal",
        "callback_id": callback_id,
        "title": _plain(title, TITLE_LIMIT),
        "submit": _plain(fill("ui_save"), TITLE_LIMIT),
        "close": _plain(fill("ui_cancel"), TITLE_LIMIT),
        "private_metadata": json.dumps(metadata),
        "blocks": blocks,
    }


def _text_input(
    block_id: str, label_key: str, *, limit: int, value: str = "", multiline: bool, optional: bool
) -> dict[str, Any]:
    element: dict[str, Any] = {
        "type": "plain_text_input",
        "multiline": multiline,
        "max_length": limit,
    }
    return modal.input_block(block_id, fill(label_key), modal.initial(element, value), optional=optional)


def reject_view(number: int) -> dict[str, Any]:
    reason = _text_input(
        "reason", "ui_reject_reason", limit=REASON_LIMIT, multiline=True, optional=True
    )
    view = _modal(REJECT, fill("ui_reject_title", number=number), {"number": number}, [reason])
    view["submit"] = _plain(fill("ui_reject"), TITLE_LIMIT)
    return view


def edit_view(number: int, prefill: Mapping[str, str], *, max_length: int) -> dict[str, Any]:
    options = modal.credit_options()
    credit = options.get(prefill.get("credit") or "", options["name"])
    blocks = [
        _text_input(
            "text",
            "ui_field_text",
            limit=min(max_length, modal.SLACK_INPUT_LIMIT),
            value=prefill.get("text", ""),
            multiline=True,
            optional=False,
        ),
        modal.input_block(
            "link",
            fill("ui_field_link"),
            modal.initial({"type": "url_text_input"}, prefill.get("link")),
            optional=True,
        ),
        _text_input(
            "thanks",
            "ui_field_thanks",
            limit=THANKS_LIMIT,
            value=prefill.get("thanks_to", ""),
            multiline=False,
            optional=True,
        ),
        modal.input_block(
            "credit",
            fill("ui_field_credit"),
            {"type": "radio_buttons", "options": list(options.values()), "initial_option": credit},
        ),
    ]
    return _modal(EDIT, fill("ui_edit_title", number=number), {"number": number}, blocks)


def slot_view(slot: str, prefill: Mapping[str, str]) -> dict[str, Any]:
    text = _text_input(
        "text",
        "ui_slot_text",
        limit=modal.SLACK_INPUT_LIMIT,
        value=prefill.get("text", ""),
        multiline=True,
        optional=False,
    )
    title = fill("ui_slot_title", slot=SLOT_NAMES.get(slot, slot))
    return _modal(SLOT, title, {"slot": slot}, [text])


def message_view(title: str, blocks: list[dict]) -> dict[str, Any]:
    """A modal that only shows something (a preview, or the answer to a submitted form)."""
    return {
        "type": "modal",
        "title": _plain(title, TITLE_LIMIT),
        "close": _plain(fill("ui_close"), TITLE_LIMIT),
        "blocks": blocks,
    }


def view_for(form: Form, community: Community, *, channel: str | None) -> dict[str, Any] | None:
    intake = community.config.intake
    if form.kind == "reject":
        return reject_view(form.number)
    if form.kind == "edit":
        return edit_view(form.number, form.prefill, max_length=intake.max_length)
    if form.kind == "slot":
        return slot_view(form.slot, form.prefill)
    if form.kind == "victory":
        return modal.form_view(
            max_length=intake.max_length,
            default_credit=intake.default_credit,
            channel=channel,
            prefill=form.prefill,
        )
    return None


async def open_form(
    client: AsyncWebClient,
    community: Community,
    form: Form,
    *,
    trigger_id: str | None,
    channel: str | None = None,
) -> bool:
    """Open ``form``; False if it could not be (no or an expired trigger, an unknown kind):
    the caller then shows the reply's text instead."""
    view = view_for(form, community, channel=channel)
    if not trigger_id or view is None:
        return False
    try:
        await client.views_open(trigger_id=trigger_id, view=view)
    except API_ERRORS as err:
        log.warning("views.open failed form=%s error=%r", form.kind, err)
        return False
    return True


def metadata(view: dict) -> dict[str, Any]:
    """What a submitted modal is about; {} if its metadata is not ours."""
    try:
        found = json.loads(view.get("private_metadata") or "{}")
    except ValueError:
        return {}
    return found if isinstance(found, dict) else {}


def value(view: dict, block_id: str) -> str:
    """A submitted field's value ("" when left empty)."""
    return modal.field_value(view.get("state", {}).get("values", {}), block_id) or ""
