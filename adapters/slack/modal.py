"""The /victory form: a modal with text, link, thanks-to and credit, submitted to intake.

The form only collects fields; ``Core.submit`` checks them like any other submission.
"""

from __future__ import annotations

import json
import logging
from collections.abc import Mapping
from typing import Any

from slack_bolt.app.async_app import AsyncApp
from slack_sdk.web.async_client import AsyncWebClient

from adapters.slack.client import API_ERRORS
from adapters.slack.replies import SORRY, reply_privately
from adapters.slack.services import Services
from bot.chat import commands, labels
from bot.chat.replies import Form
from bot.messages import fill, speaking
from bot.model import Community, Submission

log = logging.getLogger("victories.slack")

CALLBACK_ID = "victory_form"
# How an item may credit its sharer: the value intake takes, and its label key.
CREDITS = (
    ("name", "ui_credit_name"),
    ("first", "ui_credit_first"),
    ("anonymous", "ui_credit_anonymous"),
)
SLACK_INPUT_LIMIT = 3000  # the most a plain_text_input accepts


def _plain(text: str) -> dict[str, Any]:
    return {"type": "plain_text", "text": text}


def input_block(
    block_id: str, label: str, element: dict, *, optional: bool = False, hint: str = ""
) -> dict[str, Any]:
    block = {
        "type": "input",
        "block_id": block_id,
        "label": _plain(label),
        "optional": optional,
        "element": {**element, "action_id": "value"},
    }
    if hint:  # shown under the field, e.g. how to write paragraphs and quotations
        block["hint"] = _plain(hint)
    return block


def initial(element: dict[str, Any], value: str | None) -> dict[str, Any]:
    """``element`` showing ``value`` at first (cut to what the field accepts)."""
    if not value:
        return element
    if element["type"] == "url_text_input":
        # Slack refuses a view whose URL field starts with anything but a web link.
        return (
            {**element, "initial_value": value}
            if value.startswith(("http://", "https://"))
            else element
        )
    return {**element, "initial_value": value[: element.get("max_length", SLACK_INPUT_LIMIT)]}


def credit_options() -> dict[str, dict[str, Any]]:
    return {value: {"text": _plain(fill(key)), "value": value} for value, key in CREDITS}


def form_view(
    *,
    max_length: int,
    default_credit: str,
    channel: str | None,
    prefill: Mapping[str, str] | None = None,
) -> dict[str, Any]:
    """The member's form; ``prefill`` (field name -> value) fills it in, e.g. from a
    message shared with the "Share as a victory" shortcut."""
    prefill = prefill or {}
    options = credit_options()
    return {
        "type": "modal",
        "callback_id": CALLBACK_ID,
        "title": _plain(labels.form_title(Form("victory"))),
        "submit": _plain(fill("ui_share")),
        "close": _plain(labels.word("cancel")),
        # Where to show the receipt: the channel the member typed /victory in.
        "private_metadata": json.dumps({"channel": channel}),
        "blocks": [
            input_block(
                "text",
                labels.field("text"),
                initial(
                    {
                        "type": "plain_text_input",
                        "multiline": True,  # several paragraphs: blank lines are kept
                        "max_length": min(max_length, SLACK_INPUT_LIMIT),
                    },
                    prefill.get("text"),
                ),
                hint=fill("slot_form_hint"),
            ),
            input_block(
                "link",
                labels.field("link"),
                initial({"type": "url_text_input"}, prefill.get("link")),
                optional=True,
            ),
            input_block(
                "thanks",
                labels.field("thanks_to"),
                initial({"type": "plain_text_input", "max_length": 80}, prefill.get("thanks_to")),
                optional=True,
            ),
            input_block(
                "credit",
                fill("ui_field_credit_choice"),
                {
                    "type": "radio_buttons",
                    "options": list(options.values()),
                    "initial_option": options.get(
                        prefill.get("credit") or default_credit, options["name"]
                    ),
                },
            ),
        ],
    }


async def open_form(
    client: AsyncWebClient,
    community: Community,
    *,
    trigger_id: str | None,
    channel: str | None,
    prefill: Mapping[str, str] | None = None,
) -> bool:
    """Open the form; False if Slack refused (the trigger lasts only 3 s and is single-use)."""
    if not trigger_id:
        return False
    intake = community.config.intake
    with speaking(community.language):  # opening must not wait for users.info's locale
        view = form_view(
            max_length=intake.max_length,
            default_credit=intake.default_credit,
            channel=channel,
            prefill=prefill,
        )
    try:
        await client.views_open(trigger_id=trigger_id, view=view)
    except API_ERRORS as err:
        log.warning("views.open failed error=%r", err)
        return False
    return True


def field_value(values: dict, block_id: str) -> str | None:
    field = (values.get(block_id) or {}).get("value") or {}
    if field.get("type") == "radio_buttons" or "selected_option" in field:
        return (field.get("selected_option") or {}).get("value")
    return field.get("value")


def submission_from(view: dict) -> Submission:
    values = view["state"]["values"]
    return Submission(
        text=field_value(values, "text") or "",
        link=field_value(values, "link"),
        thanks_to=field_value(values, "thanks"),
        credit=field_value(values, "credit"),
    )


def metadata(view: dict) -> dict[str, Any]:
    """What a submitted modal is about; {} if its metadata is not ours."""
    try:
        found = json.loads(view.get("private_metadata") or "{}")
    except ValueError:
        return {}
    return found if isinstance(found, dict) else {}


def register(app: AsyncApp, services: Services) -> None:
    @app.view(CALLBACK_ID)
    async def on_submit(ack, body: dict, view: dict, client, context) -> None:
        # Close the form at once; the receipt or refusal follows as an ephemeral message.
        await ack()
        user = body["user"]
        channel = metadata(view).get("channel")
        try:
            community, actor = await services.who(
                client, context, user["id"], fallback_name=user.get("name", "")
            )
            reply = await commands.submit(services.core, community, actor, submission_from(view))
        except Exception:
            log.exception("form submission failed user=%s", user["id"])
            reply = SORRY
        await reply_privately(reply, web=client, user=user["id"], channel=channel)
