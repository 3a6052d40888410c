"""The "Share as a victory" message shortcut: any message becomes a pre-filled /victory form.

Slack sends the message as it stores it (mrkdwn with <links|labels>, <@U…> mentions and
&amp;-escaped text); the form shows it as plain text, the way a member would type it, and
the submission then goes through intake like any other.
"""

from __future__ import annotations

import html
import logging
import re

from slack_bolt.app.async_app import AsyncApp

from adapters.slack import form_views
from adapters.slack.replies import SORRY, reply_privately
from adapters.slack.services import Services
from bot.chat import forms

log = logging.getLogger("victories.slack")

CALLBACK_ID = "share_victory"  # as in manifest.yaml's shortcuts
_ENTITY = re.compile(r"<([^<>]*)>")


def _entity(match: re.Match[str]) -> str:
    inside = match[1]
    target, _, label = inside.partition("|")
    if target.startswith(("@", "#")):  # a user or a channel: its name, or its id
        return target[0] + (label or target[1:])
    if target.startswith("!"):  # <!channel>, <!subteam^S1|@team>: words only, no ping
        return label or "@" + target[1:].split("^")[0]
    if label and label != target:
        return f"{label} {target}"  # no brackets: they would stick to the link
    return target


def plain_text(mrkdwn: str) -> str:
    """A Slack message's text as someone would type it: entities as words, &amp; as &."""
    return html.unescape(_ENTITY.sub(_entity, mrkdwn or ""))


def register(app: AsyncApp, services: Services) -> None:
    @app.shortcut(CALLBACK_ID)
    async def share_victory(ack, body: dict, client, context) -> None:
        await ack()  # the trigger_id is valid 3 s from the press: open the form right away
        user = body["user"]["id"]
        message = body.get("message") or {}
        channel = (body.get("channel") or {}).get("id")
        try:
            community, sharer = await services.who(client, context, user)
            author = await _author(services, client, context, message)
            limit = community.config.intake.max_length
            text = plain_text(message.get("text", ""))
            reply = forms.share(sharer, text, author, limit=limit)
            form = reply.form
            if form is None:  # a bot: the core refuses it before any form opens
                await reply_privately(reply, web=client, user=user)
                return
            if await form_views.open_form(
                client, community, form, trigger_id=body.get("trigger_id"), channel=channel
            ):
                return
            log.info("share form did not open user=%s", user)
        except Exception:
            log.exception("share shortcut failed user=%s", user)
        await reply_privately(SORRY, web=client, user=user, channel=channel)


async def _author(services: Services, client, context, message: dict) -> str:
    """Who wrote the message: a person's name, or a bot's own name."""
    if message.get("user"):
        _, author = await services.who(client, context, message["user"])
        return author.display_name
    return str((message.get("bot_profile") or {}).get("name") or message.get("username") or "")
