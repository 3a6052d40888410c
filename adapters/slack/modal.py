"""The /victory form: a modal with text, link, thanks-to and credit, submitted to intake.

The form only collects fields; ``Core.submit`` checks them like any other submission.
"""

from __future__ import annotations

import json
import logging
from typing import Any

from slack_bolt.app.async_app import AsyncApp
from slack_sdk.web.async_client import AsyncWebClient

from adapters.slack.client import API_ERRORS
from adapters.slack.replies import SORRY, reply_privately
from adapters.slack.services import Services
from bot.chat import commands
from bot.messages import ENGLISH, fill
from bot.model import Community, Submission

log = logging.getLogger("victories.slack")

CALLBACK_ID = "victory_form"
CREDITS = ("name", "first", "anonymous")  # each labelled by the catalog's form_credit_<value>
SLACK_INPUT_LIMIT = 3000  # the most a plain_text_input accepts


def _plain(text: str) -> dict[str, Any]:
    return {"type": "plain_text", "text": text}


def _input(block_id: str, label: str, element: dict, *, optional: bool = False) -> dict[str, Any]:
    return {
        "type": "input",
        "block_id": block_id,
        "label": _plain(label),
        "optional": optional,
        "element": {**element, "action_id": "value"},
    }


def form_view(
    *, max_length: int, default_credit: str, channel: str | None, lang: str = ENGLISH
) -> dict[str, Any]:
    """The form in ``lang``: the community's (opening it must not wait for users.info)."""
    options = {
        value: {"text": _plain(fill(f"form_credit_{value}", lang)), "value": value}
        for value in CREDITS
    }
    return {
        "type": "modal",
        "callback_id": CALLBACK_ID,
        "title": _plain(fill("form_title", lang)),
        "submit": _plain(fill("form_share", lang)),
        "close": _plain(fill("form_cancel", lang)),
        # Where to show the receipt: the channel the member typed /victory in.
        "private_metadata": json.dumps({"channel": channel}),
        "blocks": [
            _input(
                "text",
                fill("form_text", lang),
                {
                    "type": "plain_text_input",
                    "multiline": True,
                    "max_length": min(max_length, SLACK_INPUT_LIMIT),
                },
            ),
            _input("link", fill("form_link", lang), {"type": "url_text_input"}, optional=True),
            _input(
                "thanks",
                fill("form_thanks", lang),
                {"type": "plain_text_input", "max_length": 80},
                optional=True,
            ),
            _input(
                "credit",
                fill("form_credit_as", lang),
                {
                    "type": "radio_buttons",
                    "options": list(options.values()),
                    "initial_option": options.get(default_credit, options["name"]),
                },
            ),
        ],
    }


async def open_form(
    client: AsyncWebClient, community: Community, *, trigger_id: str | None, channel: str | None
) -> bool:
    """Open the form; False if Slack refused (the trigger lasts only 3 s and is single-use)."""
    if not trigger_id:
        return False
    intake = community.config.intake
    view = form_view(
        max_length=intake.max_length,
        default_credit=intake.default_credit,
        channel=channel,
        lang=community.language,
    )
    try:
        await client.views_open(trigger_id=trigger_id, view=view)
    except API_ERRORS as err:
        log.warning("views.open failed error=%r", err)
        return False
    return True


def _value(values: dict, block_id: str) -> str | None:
    field = (values.get(block_id) or {}).get("value") or {}
    if field.get("type") == "radio_buttons" or "selected_option" in field:
        return (field.get("selected_option") or {}).get("value")
    return field.get("value")


def submission_from(view: dict) -> Submission:
    values = view["state"]["values"]
    return Submission(
        text=_value(values, "text") or "",
        link=_value(values, "link"),
        thanks_to=_value(values, "thanks"),
        credit=_value(values, "credit"),
    )


def register(app: AsyncApp, services: Services) -> None:
    @app.view(CALLBACK_ID)
    async def on_submit(ack, body: dict, view: dict, client, context) -> None:
        # Close the form at once; the receipt or refusal follows as an ephemeral message.
        await ack()
        user = body["user"]
        try:
            channel = json.loads(view.get("private_metadata") or "{}").get("channel")
        except ValueError:
            channel = None
        try:
            community, actor = await services.who(
                client, context, user["id"], fallback_name=user.get("name", "")
            )
            reply = await commands.submit(services.core, community, actor, submission_from(view))
        except Exception:
            log.exception("form submission failed user=%s", user["id"])
            reply = SORRY
        await reply_privately(reply, web=client, user=user["id"], channel=channel)
