"""Communities: which one a workspace or server belongs to, their settings in chat, and
linking a Slack workspace with a Discord server into one community."""

from __future__ import annotations

import re
from collections.abc import Awaitable, Callable

from bot.clock import Clock, iso
from bot.communities import settings as chat_settings
from bot.communities.linking import DEFAULT_ID, Linking
from bot.config import Config
from bot.model import DEFAULT_COMMUNITY, Actor, Community, Refusal
from bot.store import audit
from bot.store import communities as rows
from bot.store.database import Store


class Communities(Linking):
    def __init__(self, *, store: Store, clock: Clock, default: Config) -> None:
        self.store, self.clock = store, clock
        self.file_config = default  # victories.yaml: the default community's base
        self.many = False  # set by the composition root: a new place gets its own community
        # Told of every community that appears or changes (the scheduler re-plans it).
        self.listeners: list[Callable[[Community], Awaitable[object]]] = []
        self._known: dict[int, Community] = {}
        # (platform, workspace or server) -> community id: read on every request, changed
        # only by for_place, link and unlink (all here), which keep it current.
        self._places: dict[tuple[str, str], int] = {}
        self._installers: dict[int, str | None] = {}
        self._remember(DEFAULT_ID, DEFAULT_COMMUNITY, {}, None)

    # -- finding one ------------------------------------------------------------------
    def default(self) -> Community:
        return self._known[DEFAULT_ID]

    async def load(self) -> None:
        """Read every community's settings (at start-up)."""
        for row in await self.store.run(rows.every):
            self._remember_row(row)

    def _remember_row(self, row: dict) -> Community:
        return self._remember(
            row["id"], row["slug"], row["settings"], row.get("installer"), bool(row["paused"])
        )

    def _remember(
        self, id: int, slug: str, overrides: dict, installer: str | None, paused: bool = False
    ) -> Community:
        base = self.file_config if id == DEFAULT_ID else Config()
        try:
            config = chat_settings.effective(base, overrides)
        except Refusal:
            config = base  # a setting the file no longer allows: fall back, never crash
        community = Community(id=id, slug=slug, config=config, paused=paused)
        self._known[id], self._installers[id] = community, installer
        return community

    async def get(self, id: int) -> Community | None:
        if id not in self._known:
            row = await self.store.run(rows.get, id)
            if row is None:
                return None
            self._remember_row(row)
        return self._known[id]

    async def knows(self, platform: str, place: str) -> bool:
        """Whether a workspace or server already belongs to a community."""
        return await self.store.run(rows.by_place, platform=platform, place=place) is not None

    async def places(self, community: Community) -> list[tuple[str, str]]:
        """Where the community lives: (platform, workspace or server id) pairs."""
        return await self.store.run(rows.places, community=community.id)

    async def by_slug(self, slug: str) -> Community | None:
        """The community named ``slug`` (in a web path or a command line), if any."""
        row = await self.store.run(rows.by_slug, slug)
        return await self.get(row["id"]) if row else None

    async def count(self) -> int:
        return await self.store.run(rows.count)

    async def every(self) -> list[Community]:
        await self.load()
        return list(self._known.values())

    async def for_place(
        self, platform: str, place: str, *, name: str = "", create: bool | None = None
    ) -> Community:
        """The community a workspace or server belongs to; a new one is created for it when
        this deployment serves many, else it joins the default community."""
        found = self._places.get((platform, place))
        if found is None:
            found = await self.store.run(rows.by_place, platform=platform, place=place)
        if found is not None:
            community = await self.get(found)
            if community is not None:
                self._places[platform, place] = found
                return community
        new = self.many if create is None else create
        target = await self._new(name or place) if new else DEFAULT_ID
        await self.store.run(rows.attach, community=target, platform=platform, place=place)
        self._places[platform, place] = target
        community = await self.get(target)
        assert community is not None
        if new:
            await self._tell(community)
        return community

    async def place_of(self, community: Community, platform: str) -> str | None:
        """The community's workspace or server on ``platform`` (None: not there)."""
        return dict(await self.places(community)).get(platform)

    async def _tell(self, community: Community) -> None:
        for listener in self.listeners:
            await listener(community)

    async def _new(self, name: str) -> int:
        slug = re.sub(r"[^a-z0-9]+", "-", name.lower()).strip("-")[:40] or "community"
        base, n = slug, 2
        while await self.store.run(rows.by_slug, slug) is not None:
            slug, n = f"{base}-{n}", n + 1
        return await self.store.run(rows.create, slug=slug, now=iso(self.clock.now()), settings={})

    async def installed(self, community: Community, *, installer: str) -> Community:
        """The app was (re)installed: the installer is an admin, and posting resumes."""

        def save(db) -> None:
            with db.atomic():
                rows.set_installer(db, community=community.id, user_id=installer)
                rows.set_paused(db, community=community.id, paused=False)

        await self.store.run(save)
        self._known.pop(community.id, None)
        found = await self.get(community.id)
        assert found is not None
        await self._tell(found)
        return found

    async def paused(self, community: Community, *, paused: bool = True) -> Community:
        """Uninstalled, tokens revoked or the server left: stop posting, keep everything."""
        await self.store.run(rows.set_paused, community=community.id, paused=paused)
        self._known.pop(community.id, None)
        found = await self.get(community.id)
        assert found is not None
        await self._tell(found)
        return found

    # -- admins -------------------------------------------------------------------------
    def is_admin(self, actor: Actor, community: Community) -> bool:
        """Who may change a community's settings: the platform's own admins (Slack
        workspace admins and owners, Discord Manage Server), the installer, and on the
        console its editors."""
        if actor.is_bot:
            return False
        if actor.platform == "console":
            return actor.user_id in community.config.console.moderators
        installer = self._installers.get(community.id)
        return actor.is_admin or (installer is not None and actor.user_id == installer)

    def _check_admin(self, actor: Actor, community: Community) -> None:
        if not self.is_admin(actor, community):
            raise Refusal("not_admin")

    # -- settings -----------------------------------------------------------------------
    def settings(self, community: Community) -> list[tuple[str, str]]:
        return chat_settings.current(community.config)

    async def change_many(
        self, community: Community, actor: Actor, changes: dict[str, str]
    ) -> tuple[Community, list[str], dict[str, Refusal]]:
        """Set several keys at once (the setup form), each checked as ``change`` checks it,
        and saved all together or not at all. Returns the community, the keys whose value
        changed, and each refused key's refusal (then nothing is saved)."""
        self._check_admin(actor, community)
        row = await self.store.run(rows.get, community.id)
        assert row is not None
        base = self.file_config if community.id == DEFAULT_ID else Config()
        overrides, refused = row["settings"], {}
        for key, raw in changes.items():
            if key in chat_settings.KEYS and chat_settings.unchanged(community.config, key, raw):
                continue
            try:
                overrides, _ = chat_settings.apply(base, overrides, key, raw)
            except Refusal as refusal:
                refused[key] = refusal
        before = dict(chat_settings.current(community.config))
        after = dict(chat_settings.current(chat_settings.effective(base, overrides)))
        changed = [key for key in changes if before.get(key) != after.get(key)]
        if refused or not changed:
            return community, [], refused
        details = [f"{key} = {changes[key].strip()[:200]}" for key in changed]
        saved = await self._save_settings(community, actor, row, overrides, details)
        return saved, changed, {}

    async def change(self, community: Community, actor: Actor, key: str, raw: str) -> Community:
        """Set one key, checked as the settings file would be. Raises ``Refusal``."""
        self._check_admin(actor, community)
        row = await self.store.run(rows.get, community.id)
        assert row is not None
        base = self.file_config if community.id == DEFAULT_ID else Config()
        overrides, _ = chat_settings.apply(base, row["settings"], key, raw)
        details = [f"{key} = {raw.strip()[:200]}"]
        return await self._save_settings(community, actor, row, overrides, details)

    async def _save_settings(
        self, community: Community, actor: Actor, row: dict, overrides: dict, details: list[str]
    ) -> Community:
        """Store the chat overrides with one audit entry per change, then tell the surfaces."""
        now = iso(self.clock.now())

        def save(db) -> None:
            with db.atomic():
                rows.put_settings(db, community=community.id, settings=overrides)
                for detail in details:
                    audit.log(
                        db, community=community.id, actor=actor, at=now, action="set", detail=detail
                    )

        await self.store.run(save)
        saved = self._remember(
            community.id, community.slug, overrides, row.get("installer"), bool(row["paused"])
        )
        await self._tell(saved)
        return saved
