"""``/victories`` verbs for a workspace's or server's admins: settings and linking."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from typing import TYPE_CHECKING

from bot.chat.replies import Reply, refused, says
from bot.communities.settings import KEYS, about
from bot.document import lines_document
from bot.messages import Term, reply_language, say, say_doc, speaking
from bot.model import Actor, Community, Refusal

if TYPE_CHECKING:
    from bot.core import Core

Verb = Callable[["Core", Community, Actor, str], Awaitable[Reply]]
PLATFORM_NAMES = {name: Term(f"place_{name}") for name in ("slack", "discord", "console")}


def _admin_only(verb: Verb) -> Verb:
    async def checked(core: Core, community: Community, actor: Actor, rest: str) -> Reply:
        if not core.communities.is_admin(actor, community):
            return says("not_admin", ok=False)
        try:
            return await verb(core, community, actor, rest)
        except Refusal as refusal:
            return refused(refusal)

    return checked


async def _setup(core: Core, community: Community, actor: Actor, rest: str) -> Reply:
    return Reply(say_doc("setup_guide", community=community.slug))


async def _settings(core: Core, community: Community, actor: Actor, rest: str) -> Reply:
    lines = [say("settings_heading", community=community.slug)]
    lines += [
        say("settings_line", setting=key, value=value)
        for key, value in core.communities.settings(community)
    ]
    return Reply(lines_document(*lines))


async def _set(core: Core, community: Community, actor: Actor, rest: str) -> Reply:
    key, _, value = rest.strip().partition(" ")
    key = key.lower()
    if not key:
        return says("set_usage", ok=False, keys=", ".join(KEYS))
    if not value.strip():
        if key not in KEYS:
            raise Refusal("unknown_setting", setting=key[:60], keys=", ".join(KEYS))
        now = dict(core.communities.settings(community))[key]
        return says("setting_help", setting=key, help=about(key), value=now)
    changed = await core.communities.change(community, actor, key, value)
    now = dict(core.communities.settings(changed))[key]
    # A new community.language answers in that language already (unless the admin's own
    # platform language decides their replies anyway).
    with speaking(reply_language(actor.locale, changed.config.community.language)):
        return says("setting_saved", setting=key, value=now)


async def _link(core: Core, community: Community, actor: Actor, rest: str) -> Reply:
    if rest.strip():
        joined = await core.communities.link(community, actor, rest)
        platform = PLATFORM_NAMES.get(actor.platform, actor.platform)
        return says("linked", platform=platform, community=joined.slug)
    code = await core.communities.link_code(community, actor)
    return Reply(say_doc("link_code", code=code))


async def _unlink(core: Core, community: Community, actor: Actor, rest: str) -> Reply:
    back = await core.communities.unlink(community, actor)
    platform = PLATFORM_NAMES.get(actor.platform, actor.platform)
    return says("unlinked", platform=platform, community=back.slug)


ADMIN_VERBS: dict[str, Verb] = {
    "setup": _admin_only(_setup),
    "settings": _admin_only(_settings),
    "set": _admin_only(_set),
    "link": _admin_only(_link),
    "unlink": _admin_only(_unlink),
}
