"""Linking a Slack workspace with a Discord server into one community, by a one-time
code an admin on one platform hands to an admin on the other; and splitting them again."""

from __future__ import annotations

import datetime as dt
import hashlib
import secrets

from bot.clock import Clock, iso
from bot.model import Actor, Community, Refusal
from bot.store import audit
from bot.store import communities as rows
from bot.store.database import Store

CODE_LIFETIME = dt.timedelta(minutes=10)
DEFAULT_ID = 1


class Linking:
    store: Store
    clock: Clock
    _places: dict[tuple[str, str], int]  # Communities' place cache: moved here, kept true

    def _check_admin(self, actor: Actor, community: Community) -> None:
        raise NotImplementedError

    async def get(self, id: int) -> Community | None:
        raise NotImplementedError

    async def link_code(self, community: Community, actor: Actor) -> str:
        """A one-time code (96 random bits) an admin on the other platform types within
        ten minutes to join their workspace or server to this community."""
        self._check_admin(actor, community)
        code = secrets.token_urlsafe(12)
        expires = iso(self.clock.now() + CODE_LIFETIME)
        await self.store.run(
            rows.add_code,
            code_hash=_hash(code),
            community=community.id,
            platform=actor.platform,
            expires_at=expires,
        )
        return code

    async def link(self, community: Community, actor: Actor, code: str) -> Community:
        """Join the actor's workspace or server to the community that made ``code``."""
        self._check_admin(actor, community)
        found = await self.store.run(
            rows.take_code, code_hash=_hash(code.strip()), now=iso(self.clock.now())
        )
        if found is None:
            raise Refusal("link_bad_code")
        target_id, _ = found
        if target_id == community.id:
            raise Refusal("link_same")
        target = await self.get(target_id)
        assert target is not None
        now = iso(self.clock.now())

        def join(db) -> None:
            with db.atomic():
                rows.attach(
                    db,
                    community=target_id,
                    platform=actor.platform,
                    place=actor.place,
                    previous=community.id,
                )
                for side in (community.id, target_id):
                    audit.log(
                        db,
                        community=side,
                        actor=actor,
                        at=now,
                        action="link",
                        detail=f"{actor.platform}:{actor.place} -> {target.slug}",
                    )

        await self.store.run(join)
        self._places[actor.platform, actor.place] = target_id
        return target

    async def unlink(self, community: Community, actor: Actor) -> Community:
        """Split the actor's workspace or server off again; every item stays where it is."""
        self._check_admin(actor, community)
        record = await self.store.run(rows.place_record, platform=actor.platform, place=actor.place)
        if record is None or not record["previous_community_id"]:
            raise Refusal("not_linked")
        back = record["previous_community_id"]
        now = iso(self.clock.now())

        def split(db) -> None:
            with db.atomic():
                rows.attach(db, community=back, platform=actor.platform, place=actor.place)
                audit.log(
                    db,
                    community=community.id,
                    actor=actor,
                    at=now,
                    action="unlink",
                    detail=f"{actor.platform}:{actor.place}",
                )

        await self.store.run(split)
        self._places[actor.platform, actor.place] = back
        restored = await self.get(back)
        assert restored is not None
        return restored


def _hash(code: str) -> str:
    return hashlib.sha256(code.encode()).hexdigest()
