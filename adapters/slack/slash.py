"""/victory and /victories: acknowledge at once, then relay the line to ``bot.commands``."""

from __future__ import annotations

import logging

from slack_bolt.app.async_app import AsyncApp

from adapters.slack import modal
from adapters.slack.replies import SORRY, reply_privately
from adapters.slack.services import Services
from bot import commands

log = logging.getLogger("victories.slack")

COMMANDS = ("/victory", "/victories")


def register(app: AsyncApp, services: Services) -> None:
    async def on_command(ack, body: dict, respond) -> None:
        # Slack gives up after 3 s; the database or the Web API may be slower than that.
        await ack()
        user = body["user_id"]
        name, text = body["command"], (body.get("text") or "").strip()
        if (
            name == "/victory"
            and not text
            and await modal.open_form(
                services, trigger_id=body.get("trigger_id"), channel=body.get("channel_id")
            )
        ):
            return
        try:
            actor = await services.directory.actor(user, fallback_name=body.get("user_name", ""))
            reply = await commands.handle(services.room, actor, name, text)
        except Exception:
            log.exception("command failed: %s %r", name, text[:200])
            reply = SORRY
        await reply_privately(
            reply, web=services.web, user=user, channel=body.get("channel_id"), respond=respond
        )

    for name in COMMANDS:
        app.command(name)(on_command)
