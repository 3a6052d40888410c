"""/victory and /victories: acknowledge at once, then relay the line to ``bot.chat.commands``."""

from __future__ import annotations

import asyncio
import logging

from slack_bolt.app.async_app import AsyncApp

from adapters.slack import form_views, modal, render, setup_form
from adapters.slack.replies import SORRY, reply_privately
from adapters.slack.services import Services
from bot.chat import commands
from bot.chat.replies import Reply

log = logging.getLogger("victories.slack")

COMMANDS = ("/victory", "/victories")
ANSWER_IN_ACK = 1.0  # seconds to wait for the answer before acking without it


def register(app: AsyncApp, services: Services) -> None:
    async def on_command(ack, body: dict, respond, client, context) -> None:
        user = body["user_id"]
        name, text = body["command"], (body.get("text") or "").strip()
        if name == "/victories" and text.lower() == "setup":  # a form, for an admin
            await ack()  # first: the trigger_id and Slack's 3 s start now
            await setup_form.open_setup(services, client, context, body, respond)
            return
        acked = name == "/victory" and not text  # the form needs its trigger_id at once
        if acked:
            await ack()
            community = await services.workspaces.community_for(context.team_id)
            if await modal.open_form(
                client,
                community,
                trigger_id=body.get("trigger_id"),
                channel=body.get("channel_id"),
            ):
                return

        # Slack gives up after 3 s. A quick answer rides on the ack itself (one round trip,
        # and the receipt shows at once); a slow one follows via response_url, after an
        # empty ack at ANSWER_IN_ACK (one timer, no task to wait on).
        def too_slow() -> None:
            nonlocal acked
            acked = True
            services.core.tasks.spawn(ack(), what="slack ack of a slow command")

        loop = asyncio.get_running_loop()
        timer = None if acked else loop.call_later(ANSWER_IN_ACK, too_slow)
        try:
            reply = await _answer(services, client, context, body, name, text)
        finally:
            if timer is not None:
                timer.cancel()
        if not acked:
            parts = render.message_parts(reply.doc) if reply.form is None else []
            if len(parts) == 1:
                await ack(response_type="ephemeral", **parts[0])
                return
            await ack()
        if reply.form is not None:
            # e.g. /victories note with no text: a multi-line form; its usage line otherwise.
            community = await services.workspaces.community_for(context.team_id)
            if await form_views.open_form(
                client,
                community,
                reply.form,
                trigger_id=body.get("trigger_id"),
                channel=body.get("channel_id"),
            ):
                return
        await reply_privately(
            reply, web=client, user=user, channel=body.get("channel_id"), respond=respond
        )

    for name in COMMANDS:
        app.command(name)(on_command)


async def _answer(services: Services, client, context, body: dict, name: str, text: str) -> Reply:
    # A member's own verbs (/victory) need no admin flag, only a name: a member never seen
    # is answered under their handle (user_name), and looked up after the answer (see
    # bot.submissions.late_names). Only people can run slash commands.
    user, handle = body["user_id"], body.get("user_name", "")
    later = (
        name == "/victory"
        and commands.is_share(text)
        and not services.directory.knows(context.team_id or "", user)
    )
    late_names = services.core.submissions.late_names
    try:
        community, actor = await services.who(
            client, context, user, fallback_name=handle, look_up=not later
        )
        if later:

            async def look_up():
                return (await services.who(client, context, user, fallback_name=handle))[1]

            late_names.name_later(actor, look_up)
        try:
            return await commands.handle(services.core, community, actor, name, text)
        finally:
            if later:  # stored or not, the look-up is no longer pending
                late_names.forget(actor)
    except Exception:
        log.exception("command failed: %s %r", name, text[:200])
        return SORRY
