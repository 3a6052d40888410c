"""Readers by email: double opt-in sign-up, confirmation, unsubscribing, editors' adds,
imports and exports, and the counts editors may see (never the addresses).

A sign-up stores a pending reader and mails a confirmation link; only the link confirms.
An unconfirmed reader is forgotten after 7 days; an unsubscribed one keeps only a hash of
the address, so an import cannot bring them back (only their own sign-up can).
"""

from __future__ import annotations

import datetime as dt
import logging
from collections import defaultdict, deque
from dataclasses import dataclass

from bot.clock import Clock, iso
from bot.email import letters, tokens
from bot.email.addresses import address_hash, checked_address
from bot.email.mailer import PermanentFailure, TemporaryFailure
from bot.email.setup import EmailSetup
from bot.model import Community, Refusal, SubscriberState
from bot.store import subscribers as rows
from bot.store.database import Store

log = logging.getLogger("victories.email")
PENDING_FOR = dt.timedelta(days=7)
# Sign-ups allowed per window: per client (IP address) and per address signed up.
PER_CLIENT, PER_ADDRESS, WINDOW = 5, 3, dt.timedelta(hours=1)


@dataclass(frozen=True)
class Counts:
    confirmed: int
    pending: int
    unsubscribed: int
    bouncing: int


@dataclass(frozen=True)
class Imported:
    added: int
    already: int  # subscribed or pending already
    left: int  # unsubscribed before: not brought back
    refused: int  # not an address we can use


class _Limiter:
    def __init__(self, clock: Clock) -> None:
        self.clock = clock
        self._seen: dict[str, deque[dt.datetime]] = defaultdict(deque)

    def allow(self, key: str, limit: int) -> bool:
        now, seen = self.clock.now(), self._seen[key]
        while seen and now - seen[0] > WINDOW:
            seen.popleft()
        if len(seen) >= limit:
            return False
        seen.append(now)
        return True


class Subscribers:
    def __init__(self, *, store: Store, clock: Clock) -> None:
        self.store, self.clock = store, clock
        self.setup: EmailSetup | None = None  # set when SMTP_URL is: the edition is on
        self._limits = _Limiter(clock)

    @property
    def on(self) -> bool:
        return self.setup is not None

    def _setup(self) -> EmailSetup:
        if self.setup is None:
            raise Refusal("email_off")
        return self.setup

    async def _address(self, raw: str) -> str:
        return await checked_address(raw, check_dns=self._setup().check_dns)

    async def sign_up(self, community: Community, raw: str, *, client: str) -> str:
        """A reader asks for the newsletter: store them pending and mail the link. Returns
        the normalized address (to show them back). Refuses bad input and floods."""
        setup = self._setup()
        if not self._limits.allow(f"client:{client}", PER_CLIENT):
            raise Refusal("email_slow_down")
        address = await self._address(raw)
        digest = address_hash(address)
        if not self._limits.allow(f"address:{community.id}:{digest}", PER_ADDRESS):
            raise Refusal("email_slow_down")
        await self._expire(community)
        reader, changed = await self.store.run(
            rows.upsert,
            community=community.id,
            email=address,
            email_hash=digest,
            state=SubscriberState.PENDING,
            now=iso(self.clock.now()),
            revive_unsubscribed=True,
        )
        if changed:  # already confirmed: say the same, send nothing (no address probing)
            await self._send_confirmation(setup, community, reader)
        return address

    async def _send_confirmation(
        self, setup: EmailSetup, community: Community, reader: rows.Subscriber
    ) -> None:
        message = letters.confirmation_letter(setup, community, reader=reader)
        try:
            await setup.mailer.send(message)
        except (TemporaryFailure, PermanentFailure, OSError) as err:
            log.warning(
                "confirmation not sent community=%s reader=%s error=%r",
                community.slug,
                reader.id,
                err,
            )
            raise Refusal("email_not_sent") from None
        log.info("confirmation sent community=%s reader=%s", community.slug, reader.id)

    async def add(self, community: Community, raw: str) -> None:
        """An editor adds a reader: the same double opt-in as the form (no client limit)."""
        setup = self._setup()
        address = await self._address(raw)
        await self._expire(community)
        reader, changed = await self.store.run(
            rows.upsert,
            community=community.id,
            email=address,
            email_hash=address_hash(address),
            state=SubscriberState.PENDING,
            now=iso(self.clock.now()),
            revive_unsubscribed=False,
        )
        if reader.state == SubscriberState.UNSUBSCRIBED:
            raise Refusal("email_left_before")
        if changed:
            await self._send_confirmation(setup, community, reader)

    async def _reader(
        self, community: Community, token: str, purpose: str
    ) -> rows.Subscriber | None:
        setup = self._setup()
        named = tokens.parse(token)
        if named is None or named[0] != community.id:
            return None
        reader = await self.store.run(rows.get, community=community.id, subscriber=named[1])
        if reader is None:
            return None
        ok = setup.signer.verify(
            purpose,
            token,
            community=community.id,
            subscriber=reader.id,
            email_hash=reader.email_hash,
        )
        return reader if ok else None

    async def confirm(self, community: Community, token: str) -> bool:
        """Opening the link confirms (once; again is fine). False: unknown or expired."""
        reader = await self._reader(community, token, tokens.CONFIRM)
        if reader is None or reader.state == SubscriberState.UNSUBSCRIBED:
            return False
        if reader.state == SubscriberState.PENDING:
            created = dt.datetime.fromisoformat(reader.created_at)
            if self.clock.now() - created > PENDING_FOR:
                return False
            await self._set(reader, SubscriberState.CONFIRMED)
            log.info("reader confirmed community=%s reader=%s", community.slug, reader.id)
        return True

    async def unsubscribe(self, community: Community, token: str) -> bool:
        """At once, for the link's own reader; only the address's hash is kept."""
        reader = await self._reader(community, token, tokens.UNSUBSCRIBE)
        if reader is None:
            return False
        if reader.state != SubscriberState.UNSUBSCRIBED:
            await self._set(reader, SubscriberState.UNSUBSCRIBED)
            log.info("reader unsubscribed community=%s reader=%s", community.slug, reader.id)
        return True

    async def _set(self, reader: rows.Subscriber, state: SubscriberState) -> None:
        await self.store.run(
            rows.set_state, subscriber=reader.id, state=state, now=iso(self.clock.now())
        )

    async def _expire(self, community: Community) -> None:
        before = iso(self.clock.now() - PENDING_FOR)
        await self.store.run(rows.expire_pending, community=community.id, before=before)

    async def import_addresses(
        self, community: Community, addresses: list[str], *, confirmed: bool
    ) -> Imported:
        """An audience from another service. ``confirmed``: its consent was collected
        there, so no confirmation is mailed; otherwise each gets the double opt-in."""
        added = already = left = refused = 0
        state = SubscriberState.CONFIRMED if confirmed else SubscriberState.PENDING
        for raw in addresses:
            try:
                address = await checked_address(raw)
            except Refusal:
                refused += 1
                continue
            reader, changed = await self.store.run(
                rows.upsert,
                community=community.id,
                email=address,
                email_hash=address_hash(address),
                state=state,
                now=iso(self.clock.now()),
                revive_unsubscribed=False,
            )
            if reader.state == SubscriberState.UNSUBSCRIBED:
                left += 1
            elif changed:
                added += 1
                if not confirmed and self.setup is not None:
                    await self._send_confirmation(self.setup, community, reader)
            else:
                already += 1
        return Imported(added, already, left, refused)

    async def export(self, community: Community) -> list[str]:
        """The confirmed readers' addresses (for the operator's command line only)."""
        readers = await self.store.run(rows.confirmed, community=community.id)
        return [reader.email for reader in readers if reader.email]

    async def counts(self, community: Community) -> Counts:
        await self._expire(community)
        found = await self.store.run(rows.counts, community=community.id)
        return Counts(
            confirmed=found.get(SubscriberState.CONFIRMED, 0),
            pending=found.get(SubscriberState.PENDING, 0),
            unsubscribed=found.get(SubscriberState.UNSUBSCRIBED, 0),
            bouncing=found.get(SubscriberState.SUSPENDED, 0),
        )
