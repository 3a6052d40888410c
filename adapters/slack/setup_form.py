"""/victories setup on Slack: a modal with the settings a new community needs.

An admin's `/victories setup` opens it (views.open with the command's trigger_id); anyone
else gets the usual refusal from the text command. Each field is a setting key (its
block_id), filled in as it is now; a submission goes through the same checks as
`/victories set` (``Communities.change_many``): a refused field is shown under that field
(response_action "errors") and nothing is saved; otherwise every changed key is saved and
audit logged at once, and the admin is told what changed.
"""

from __future__ import annotations

import json
import logging
from typing import Any

from slack_bolt.app.async_app import AsyncApp
from slack_sdk.web.async_client import AsyncWebClient

from adapters.slack import modal
from adapters.slack.client import API_ERRORS
from adapters.slack.replies import SORRY, reply_privately
from adapters.slack.services import Services
from adapters.slack.zones import ZONES, zone, zones_matching
from bot.chat import commands
from bot.chat.replies import Reply
from bot.config import WEEKDAYS
from bot.document import lines_document
from bot.messages import fill, say, say_doc
from bot.model import Community, Refusal

log = logging.getLogger("victories.slack")

CALLBACK_ID = "setup_form"
GROUP_OPTIONS = 100  # the most options a select offers
# Which element's state holds the answer, by the element's type.
ANSWERS = {
    "plain_text_input": "value",
    "conversations_select": "selected_conversation",
    "multi_conversations_select": "selected_conversations",
    "multi_users_select": "selected_users",
    "multi_static_select": "selected_options",
    "static_select": "selected_option",
    "external_select": "selected_option",
    "timepicker": "selected_time",
}


def _plain(text: str) -> dict[str, Any]:
    return {"type": "plain_text", "text": text[:75]}  # Slack's limit for option labels


def _input(
    key: str, label: str, element: dict, *, optional: bool = False, action_id: str = "value"
) -> dict[str, Any]:
    return {
        "type": "input",
        "block_id": key,
        "label": _plain(fill(label)),
        "optional": optional,
        "element": {
            **{k: v for k, v in element.items() if v not in (None, [])},
            "action_id": action_id,
        },
    }


def setup_view(community: Community, groups: list[dict], *, channel: str | None) -> dict:
    """The form, filled in with the community's settings in force."""
    config = community.config
    slack = config.slack
    days = {day: {"text": _plain(day.capitalize()), "value": day} for day in WEEKDAYS}
    group_options = [{"text": _plain(g.get("name") or g["id"]), "value": g["id"]} for g in groups][
        :GROUP_OPTIONS
    ]
    blocks = [
        _input(
            "community.name",
            "setup_form_name",
            {"type": "plain_text_input", "max_length": 80, "initial_value": config.community.name},
        ),
        _input(
            "community.timezone",
            "setup_form_timezone",
            {
                "type": "external_select",  # ~600 IANA zones: Slack asks as the admin types
                "min_query_length": 1,
                "initial_option": zone(config.community.timezone),
            },
            action_id=ZONES,
        ),
        _input(
            "slack.review_channel",
            "setup_form_review",
            {"type": "conversations_select", "initial_conversation": slack.review_channel},
        ),
        _input(
            "slack.digest_channels",
            "setup_form_digests",
            {
                "type": "multi_conversations_select",
                "initial_conversations": list(slack.digest_channels),
            },
            optional=True,
        ),
        _input(
            "slack.moderators.users",
            "setup_form_editors",
            {"type": "multi_users_select", "initial_users": list(slack.moderator_users)},
            optional=True,
        ),
    ]
    if group_options:  # user groups need a paid plan; without any, no picker
        chosen = [o for o in group_options if o["value"] in slack.moderator_usergroups]
        blocks.append(
            _input(
                "slack.moderators.usergroups",
                "setup_form_editor_groups",
                {
                    "type": "multi_static_select",
                    "options": group_options,
                    "initial_options": chosen,
                },
                optional=True,
            )
        )
    blocks += [
        _input(
            "schedule.weekday",
            "setup_form_weekday",
            {
                "type": "static_select",
                "options": list(days.values()),
                "initial_option": days.get(config.schedule.weekday),
            },
        ),
        _input(
            "schedule.time",
            "setup_form_time",
            {"type": "timepicker", "initial_time": config.schedule.time},
        ),
    ]
    return {
        "type": "modal",
        "callback_id": CALLBACK_ID,
        "title": _plain(fill("setup_form_title")),
        "submit": _plain(fill("setup_form_save")),
        "private_metadata": json.dumps({"channel": channel}),
        "blocks": blocks,
    }


def changes_from(view: dict) -> dict[str, str]:
    """Each field's answer as `/victories set` would take it (IDs separated by spaces)."""
    changes = {}
    for key, block in view["state"]["values"].items():
        element = next(iter(block.values()), None) or {}  # one element a block
        answer = element.get(ANSWERS.get(element.get("type", ""), "value"))
        if isinstance(answer, dict):
            answer = answer.get("value")
        elif isinstance(answer, list):
            answer = " ".join(a["value"] if isinstance(a, dict) else a for a in answer)
        changes[key] = answer or ""
    return changes


async def _groups(client: AsyncWebClient) -> list[dict]:
    try:
        return list((await client.usergroups_list())["usergroups"])
    except API_ERRORS as err:  # a free workspace has none (paid_only): no picker then
        log.info("usergroups.list failed error=%r", err)
        return []


async def open_setup(services: Services, client, context, body: dict, respond) -> None:
    """Open the form for an admin (the command is already acknowledged); anyone else gets
    the text command's answer, which is the refusal."""
    user, channel = body["user_id"], body.get("channel_id")
    try:
        community, actor = await services.who(
            client, context, user, fallback_name=body.get("user_name", "")
        )
        if not services.core.communities.is_admin(actor, community):
            reply = await commands.handle(services.core, community, actor, "/victories", "setup")
        else:
            with commands.replying_to(actor, community):  # the admin's Slack language
                view = setup_view(community, await _groups(client), channel=channel)
            try:
                await client.views_open(trigger_id=body.get("trigger_id"), view=view)
                return
            except API_ERRORS as err:  # the trigger lasts 3 s: the written guide instead
                log.warning("views.open failed error=%r", err)
                with commands.replying_to(actor, community):
                    reply = Reply(say_doc("setup_guide", community=community.slug))
    except Exception:
        log.exception("setup form failed user=%s", user)
        reply = SORRY
    await reply_privately(reply, web=client, user=user, channel=channel, respond=respond)


def register(app: AsyncApp, services: Services) -> None:
    @app.options(ZONES)
    async def on_zones(ack, payload: dict) -> None:
        await ack(options=zones_matching(str(payload.get("value") or "")[:64]))

    @app.view(CALLBACK_ID)
    async def on_submit(ack, body: dict, view: dict, client, context) -> None:
        user = body["user"]
        channel = modal.metadata(view).get("channel")
        try:
            community, actor = await services.who(
                client, context, user["id"], fallback_name=user.get("name", "")
            )
            saved, changed, refused = await services.core.communities.change_many(
                community, actor, changes_from(view)
            )
        except Refusal as refusal:  # no longer an admin
            await ack()
            reply = Reply(lines_document(say(refusal.key, **refusal.fields)), ok=False)
        except Exception:
            log.exception("setup form failed user=%s", user["id"])
            await ack()
            reply = SORRY
        else:
            with commands.replying_to(actor, saved):  # the admin's language, else the new one
                errors = {key: fill(r.key, **r.fields)[:150] for key, r in refused.items()}
                reply = Reply(_confirmation(services, saved, changed))
            if refused:
                await ack(response_action="errors", errors=errors)
                return
            await ack()
        await reply_privately(reply, web=client, user=user["id"], channel=channel)


def _confirmation(services: Services, community: Community, changed: list[str]):
    if not changed:
        return lines_document(say("setup_unchanged", community=community.slug))
    now = dict(services.core.communities.settings(community))
    lines = [say("setup_saved", community=community.slug)]
    lines += [say("settings_line", setting=key, value=now[key]) for key in changed]
    return lines_document(*lines)
