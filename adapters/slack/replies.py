"""Answering one member privately: via the command's response_url, an ephemeral, or a DM."""

from __future__ import annotations

import logging

from slack_sdk.web.async_client import AsyncWebClient

from adapters.slack import render
from adapters.slack.client import API_ERRORS
from bot.chat.replies import Reply
from bot.document import Span, lines_document

log = logging.getLogger("victories.slack")
# When something unexpected fails, the member still hears back (the details go to the log).
SORRY = Reply(
    lines_document(
        (Span("Sorry, something went wrong with that. The details are in the bot's log."),)
    ),
    ok=False,
)


async def reply_privately(
    reply: Reply, *, web: AsyncWebClient, user: str, channel: str | None = None, respond=None
) -> bool:
    """Show ``reply`` to ``user`` only. Tries, in order: ``respond`` (response_url, valid
    30 minutes), chat.postEphemeral in ``channel``, then a DM. False if all failed."""
    delivered = True
    for part in render.message_parts(reply.doc):
        delivered = (
            await _one(part, web=web, user=user, channel=channel, respond=respond) and delivered
        )
    return delivered


async def _one(part: dict, *, web: AsyncWebClient, user: str, channel: str | None, respond) -> bool:
    if respond is not None:
        try:
            answer = await respond(response_type="ephemeral", replace_original=False, **part)
            if answer.status_code == 200:
                return True
            log.info("response_url refused status=%s", answer.status_code)
        except API_ERRORS as err:
            log.info("response_url failed error=%r", err)
    if channel:
        try:
            await web.chat_postEphemeral(channel=channel, user=user, **part)
            return True
        except API_ERRORS as err:
            log.info("ephemeral failed channel=%s user=%s error=%r", channel, user, err)
    try:
        opened = await web.conversations_open(users=user)
        await web.chat_postMessage(channel=opened["channel"]["id"], **part)
        return True
    except API_ERRORS as err:
        log.warning("could not answer user=%s error=%r", user, err)
        return False
