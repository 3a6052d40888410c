"""The email edition's pages on the bot's web server: the sign-up form's POST, the
confirmation link, and the unsubscribe page.

With one community the paths are ``/subscribe``, ``/confirm/<token>`` and
``/unsubscribe/<token>``; with many, each is under the community's slug. A GET on the
unsubscribe link only shows a button (mail scanners follow links); a POST, the button's or
a mail program's RFC 8058 one-click, unsubscribes at once.
"""

from __future__ import annotations

from aiohttp import web
from markupsafe import Markup

from adapters.web import WebServer
from bot.core import Core
from bot.messages import current, fill, set_language
from bot.model import Community, Refusal

MAX_FORM = 4096  # bytes: a sign-up form is one field
_STATUS = {"email_slow_down": 429, "email_not_sent": 503, "email_off": 404}


def page(title: str, *paragraphs: Markup | str, status: int = 200) -> web.Response:
    body = Markup("\n").join(Markup("<p>{}</p>").format(p) for p in paragraphs)
    html = Markup(
        '<!doctype html>\n<html lang="{}"><head><meta charset="utf-8">'
        '<meta name="viewport" content="width=device-width, initial-scale=1">'
        '<meta name="robots" content="noindex">'
        "<title>{}</title><style>body{{font-family:system-ui,sans-serif;max-width:36rem;"
        "margin:3rem auto;padding:0 1rem;line-height:1.5}}button{{font-size:1rem;"
        "padding:.6rem 1.2rem}}</style></head><body><h1>{}</h1>\n{}\n</body></html>\n"
    ).format(current(), title, title, body)
    return web.Response(text=str(html), status=status, content_type="text/html")


def client(request: web.Request) -> str:
    """Who is signing up, for the rate limit: behind a reverse proxy on this machine, the
    address the proxy saw (the last one it added to X-Forwarded-For); else the peer."""
    peer = request.remote or "?"
    forwarded = request.headers.get("X-Forwarded-For", "")
    if peer in ("127.0.0.1", "::1") and forwarded.strip():
        return forwarded.split(",")[-1].strip()[:64]
    return peer


class EmailPages:
    def __init__(self, core: Core) -> None:
        self.core = core

    def register(self, server: WebServer) -> None:
        # Both shapes, so a link or form made before a change of mode keeps working: the
        # bare paths are the first community's.
        for prefix in ("", "/{slug}"):
            server.add_post(f"{prefix}/subscribe", self.subscribe)
            server.add_get(f"{prefix}/confirm/{{token}}", self.confirm)
            server.add_get(f"{prefix}/unsubscribe/{{token}}", self.unsubscribe_page)
            server.add_post(f"{prefix}/unsubscribe/{{token}}", self.unsubscribe)

    async def _community(self, request: web.Request) -> Community:
        """The community the page is for; the rest of the request (aiohttp gives each its
        own task, so this ends with it) speaks that community's language."""
        slug = request.match_info.get("slug")
        community = self.core.community if slug is None else None
        if slug is not None:
            community = await self.core.communities.by_slug(slug)
        if community is None:
            raise web.HTTPNotFound()
        set_language(community.language)
        return community

    async def subscribe(self, request: web.Request) -> web.Response:
        community = await self._community(request)
        name = community.config.community.name
        if request.content_length is not None and request.content_length > MAX_FORM:
            return page(name, fill("email_too_long", limit=254), status=413)
        form = await request.post()
        raw = form.get("email")
        try:
            if not isinstance(raw, str):
                raise Refusal("email_empty")
            address = await self.core.subscribers.sign_up(community, raw, client=client(request))
        except Refusal as refusal:
            status = _STATUS.get(refusal.key, 400)
            return page(name, fill(refusal.key, **refusal.fields), status=status)
        return page(name, fill("email_check_inbox", email=address))

    async def confirm(self, request: web.Request) -> web.Response:
        community = await self._community(request)
        name = community.config.community.name
        if await self.core.subscribers.confirm(community, request.match_info["token"]):
            return page(name, fill("email_confirmed", community=name))
        return page(name, fill("email_confirm_bad"), status=404)

    async def unsubscribe_page(self, request: web.Request) -> web.Response:
        community = await self._community(request)
        name = community.config.community.name
        button = Markup('<form method="post"><button type="submit">{}</button></form>').format(
            fill("email_unsubscribe_button")
        )
        return page(name, fill("email_unsubscribe_ask", community=name), button)

    async def unsubscribe(self, request: web.Request) -> web.Response:
        """The page's button and RFC 8058's one-click POST alike: no further step."""
        community = await self._community(request)
        name = community.config.community.name
        if await self.core.subscribers.unsubscribe(community, request.match_info["token"]):
            return page(name, fill("email_unsubscribed", community=name))
        return page(name, fill("email_unsubscribe_bad"), status=404)
