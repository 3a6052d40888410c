"""The App Home tab: an admin sees the setup guide and the settings in force, a member
how to share a victory. Published with ``views.publish`` whenever the tab is opened."""

from __future__ import annotations

from slack_bolt.app.async_app import AsyncApp

from adapters.slack import render
from adapters.slack.services import Services
from bot.document import Document, lines_document
from bot.messages import reply_language, say, say_doc, speaking
from bot.model import Actor, Community


def register(app: AsyncApp, services: Services) -> None:
    @app.event("app_home_opened")
    async def app_home_opened(event: dict, client, context) -> None:
        if event.get("tab") != "home" or not event.get("user"):
            return
        community, actor = await services.who(client, context, event["user"])
        # The tab is the member's own: their Slack language, else the community's.
        with speaking(reply_language(actor.locale, community.language)):
            page = _page(services, community, actor)
        blocks = render.message(page)["blocks"]
        await client.views_publish(user_id=actor.user_id, view={"type": "home", "blocks": blocks})


def _page(services: Services, community: Community, actor: Actor) -> Document:
    core = services.core
    if core.communities.is_admin(actor, community):
        settings = [
            say("settings_line", setting=key, value=value)
            for key, value in core.communities.settings(community)
        ]
        guide = say_doc("setup_guide", community=community.slug)
        heading = say("settings_heading", community=community.slug)
        return Document(guide.blocks + lines_document(heading, *settings).blocks)
    return say_doc("help_victory")
