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
from bot.chat import forms, labels
from bot.chat.replies import Form
from bot.messages import fill, speaking
from bot.model import Community
from bot.submissions.intake import MAX_NAME

log = logging.getLogger("victories.slack")

REJECT, EDIT, SLOT = "victory_reject", "victory_edit", "victory_slot"
CALLBACKS = {"reject": REJECT, "edit": EDIT, "slot": SLOT}
TITLE_LIMIT = 24  # characters of a modal's title, submit and close
REASON_LIMIT = forms.MAX_REASON
THANKS_LIMIT = MAX_NAME


def _plain(text: str, limit: int = 3000) -> dict[str, str]:
    return {"type": "plain_text", "text": text if len(text) <= limit else text[: limit - 1] + "…"}


def _modal(form: Form, metadata: dict, blocks: list[dict]) -> dict[str, Any]:
    return {
        "type": "modal",
        "callback_id": CALLBACKS[form.kind],
        "title": _plain(labels.form_title(form), TITLE_LIMIT),
        "submit": _plain(labels.word("save"), TITLE_LIMIT),
        "close": _plain(labels.word("cancel"), TITLE_LIMIT),
        "private_metadata": json.dumps(metadata),
        "blocks": blocks,
    }


def _text_input(
    block_id: str, field: str, *, limit: int, value: str = "", multiline: bool, optional: bool
) -> dict[str, Any]:
    element: dict[str, Any] = {
        "type": "plain_text_input",
        "multiline": multiline,
        "max_length": limit,
    }
    # Paragraphs and quotations are kept in a multi-line field: say how to write them.
    hint = fill("slot_form_hint") if multiline else ""
    return modal.input_block(
        block_id, labels.field(field), modal.initial(element, value), optional=optional, hint=hint
    )


def reject_view(number: int) -> dict[str, Any]:
    form = Form("reject", number=number)
    reason = _text_input("reason", "reason", limit=REASON_LIMIT, multiline=True, optional=True)
    view = _modal(form, {"number": number}, [reason])
    view["submit"] = _plain(labels.button("reject"), TITLE_LIMIT)
    return view


def edit_view(number: int, prefill: Mapping[str, str], *, max_length: int) -> dict[str, Any]:
    options = modal.credit_options()
    credit = options.get(prefill.get("credit") or "", options["name"])
    blocks = [
        _text_input(
            "text",
            "text",
            limit=min(max_length, modal.SLACK_INPUT_LIMIT),
            value=prefill.get("text", ""),
            multiline=True,
            optional=False,
        ),
        modal.input_block(
            "link",
            labels.field("link"),
            modal.initial({"type": "url_text_input"}, prefill.get("link")),
            optional=True,
        ),
        _text_input(
            "thanks",
            "thanks_to",
            limit=THANKS_LIMIT,
            value=prefill.get("thanks_to", ""),
            multiline=False,
            optional=True,
        ),
        modal.input_block(
            "credit",
            fill("ui_field_credit_choice"),
            {"type": "radio_buttons", "options": list(options.values()), "initial_option": credit},
        ),
    ]
    return _modal(Form("edit", number=number), {"number": number}, blocks)


def slot_view(slot: str, prefill: Mapping[str, str]) -> dict[str, Any]:
    text = _text_input(
        "text",
        "slot",
        limit=modal.SLACK_INPUT_LIMIT,
        value=prefill.get("text", ""),
        multiline=True,
        optional=True,  # an empty slot form clears the slot
    )
    return _modal(Form("slot", slot=slot), {"slot": slot}, [text])


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
    with speaking(community.language):
        view = view_for(form, community, channel=channel)
    if not trigger_id or view is None:
        return False
    try:
        await client.views_open(trigger_id=trigger_id, view=view)
    except API_ERRORS as err:
        log.warning("views.open failed form=%s error=%r", form.kind, err)
        return False
    return True


def value(view: dict, block_id: str) -> str:
    """A submitted field's value ("" when left empty)."""
    return modal.field_value(view.get("state", {}).get("values", {}), block_id) or ""
