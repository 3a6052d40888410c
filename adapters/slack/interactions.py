"""Presses and forms: the review cards' buttons, the Home tab's Preview, and the editor's
modals (Reject, Edit, a slot) submitted back.

Whoever presses, the community is the one of the workspace the payload came from
(Bolt's ``context.team_id``); an action id or a modal's metadata names only an item or
a slot. ``bot.chat.forms`` checks that the person is an editor before anything changes.
"""

from __future__ import annotations

import asyncio
import logging
import re
from typing import Any

from slack_bolt.app.async_app import AsyncApp

from adapters.slack import buttons, form_views, home, modal, render
from adapters.slack.client import API_ERRORS
from adapters.slack.replies import SORRY, reply_privately
from adapters.slack.services import Services
from bot.chat import commands, forms
from bot.chat.replies import Reply
from bot.messages import fill
from bot.model import Actor, Community

log = logging.getLogger("victories.slack")

ANSWER_IN_ACK = 2.0  # seconds to wait for a form's answer before closing it without one
ERROR_LIMIT = 150  # characters of a field error shown under a modal's field
FIELD_OF = {form_views.REJECT: "reason", form_views.EDIT: "text", form_views.SLOT: "text"}


def register(app: AsyncApp, services: Services) -> None:
    @app.action(re.compile(r"^victory:"))
    async def on_card_button(ack, body: dict, action: dict, client, context, respond) -> None:
        await ack()
        pressed = buttons.parse(action.get("action_id", ""))
        user = body["user"]["id"]
        channel = (body.get("container") or {}).get("channel_id") or (
            body.get("channel") or {}
        ).get("id")
        answer = respond if body.get("response_url") else None
        try:
            community, actor = await services.who(client, context, user)
            if pressed is None:
                reply = await forms.button(services.core, community, actor, "", 0)
            else:
                reply = await forms.button(services.core, community, actor, *pressed)
            form = reply.form
            if form is not None and await form_views.open_form(
                client, community, form, trigger_id=body.get("trigger_id"), channel=channel
            ):
                return
            if _from_home(body):
                await home.publish(services, client, community, actor)
        except Exception:
            log.exception("button failed user=%s action=%r", user, action.get("action_id"))
            reply = SORRY
        # A decision shows on the card itself; only a refusal (or a form that could not
        # open) needs words, and those go to the presser alone.
        if not reply.ok or reply.form is not None:
            await reply_privately(reply, web=client, user=user, channel=channel, respond=answer)

    @app.action(buttons.PREVIEW)
    async def on_preview(ack, body: dict, client, context) -> None:
        await ack()
        user = body["user"]["id"]
        try:
            community, actor = await services.who(client, context, user)
            reply = await commands.handle(services.core, community, actor, "/victories", "preview")
        except Exception:
            log.exception("preview failed user=%s", user)
            reply = SORRY
        if reply.ok and await _show_in_modal(client, body.get("trigger_id"), reply):
            return
        # A refusal, or a preview too long for a window: it comes as a direct message.
        await reply_privately(reply, web=client, user=user)

    async def on_form(ack, body: dict, view: dict, client, context) -> None:
        user = body["user"]["id"]
        work = asyncio.ensure_future(_submitted(services, client, context, user, view))
        done, _ = await asyncio.wait({work}, timeout=ANSWER_IN_ACK)
        if work not in done:
            await ack()  # Slack gives up after 3 s; the answer follows privately
            await reply_privately(await work, web=client, user=user)
            return
        reply = work.result()
        message = reply.plain().strip()
        if not reply.ok and 0 < len(message) <= ERROR_LIMIT:
            await ack(response_action="errors", errors={_field(view, message): message})
            return
        blocks = render.message(reply.doc)["blocks"]
        title = fill("ui_done") if reply.ok else fill("ui_close")
        await ack(response_action="update", view=form_views.message_view(title, blocks))

    for callback_id in FIELD_OF:
        app.view(callback_id)(on_form)


async def _submitted(services: Services, client, context, user: str, view: dict) -> Reply:
    try:
        community, actor = await services.who(client, context, user)
        reply = await _apply(services, community, actor, view)
    except Exception:
        log.exception("form failed user=%s form=%s", user, view.get("callback_id"))
        return SORRY
    if reply.ok:  # the editor's Home tab shows the queue and the next issue as they now are
        services.core.tasks.spawn(
            home.publish(services, client, community, actor), what="home tab after a form"
        )
    return reply


async def _apply(services: Services, community: Community, actor: Actor, view: dict) -> Reply:
    about = modal.metadata(view)
    core, kind = services.core, view.get("callback_id")
    if kind == form_views.SLOT:
        slot = str(about.get("slot", ""))
        return await forms.write_slot(core, community, actor, slot, form_views.value(view, "text"))
    number = about.get("number")
    if not isinstance(number, int):
        return await forms.button(core, community, actor, "", 0)  # not ours: refused
    if kind == form_views.REJECT:
        reason = form_views.value(view, "reason").strip() or None
        return await forms.reject(core, community, actor, number, reason)
    fields = {
        "text": form_views.value(view, "text"),
        "link": form_views.value(view, "link"),
        "thanks_to": form_views.value(view, "thanks"),
        "credit": form_views.value(view, "credit"),
    }
    return await forms.copy_edit(core, community, actor, number, fields)


def _field(view: dict, message: str) -> str:
    """Which field a refusal belongs under: the edit form's link when the refusal quotes
    it (a link that is not http(s)), else the form's main field."""
    link = form_views.value(view, "link")
    if view.get("callback_id") == form_views.EDIT and link and link in message:
        return "link"
    return FIELD_OF[view["callback_id"]]


def _from_home(body: dict) -> bool:
    return (body.get("view") or {}).get("type") == "home"


async def _show_in_modal(client, trigger_id: str | None, reply: Reply) -> bool:
    blocks: list[dict[str, Any]] = [
        block for part in render.message_parts(reply.doc) for block in part["blocks"]
    ]
    if not trigger_id or not blocks or len(blocks) > 100:
        return False
    try:
        await client.views_open(
            trigger_id=trigger_id, view=form_views.message_view(fill("ui_preview_title"), blocks)
        )
    except API_ERRORS as err:
        log.warning("preview modal failed error=%r", err)
        return False
    return True
