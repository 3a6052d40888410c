"""The core as adapters see it: one service per feature, sharing the store, the clock,
the connected surfaces and the background work.

Adapters translate platform input into calls on these services (through ``bot.chat`` for
typed commands) and render what they answer; the services are the only way into the
database.
"""

from __future__ import annotations

from functools import cached_property
from typing import TYPE_CHECKING

from bot.background import Tasks
from bot.clock import Clock, SystemClock
from bot.communities.installations import Installations
from bot.communities.service import Communities
from bot.config import Config
from bot.issues.service import Issues
from bot.model import Actor, Community
from bot.review.moderation import is_moderator
from bot.review.outreach import Outreach
from bot.review.service import Review
from bot.store.database import Store
from bot.submissions.service import Submissions
from bot.surfaces import Surface

if TYPE_CHECKING:  # email's code loads with its first use: a bot without email never does
    from bot.email.edition import Edition
    from bot.email.setup import EmailSetup
    from bot.email.subscribers import Subscribers


class Core:
    def __init__(
        self,
        *,
        store: Store,
        config: Config,
        clock: Clock | None = None,
        secret_key: str | None = None,
    ) -> None:
        self.store = store
        self.clock = clock or SystemClock()
        self.communities = Communities(store=store, clock=self.clock, default=config)
        self.installations = Installations(store=store, clock=self.clock, secret_key=secret_key)
        self.surfaces: dict[str, Surface] = {}
        self.tasks = Tasks()
        self.outreach = Outreach(store=store, surfaces=self.surfaces, tasks=self.tasks)
        self.submissions = Submissions(
            store=store, clock=self.clock, outreach=self.outreach, tasks=self.tasks
        )
        self.review = Review(store=store, clock=self.clock, outreach=self.outreach)
        self.issues = Issues(
            store=store,
            clock=self.clock,
            outreach=self.outreach,
            surfaces=self.surfaces,
            tasks=self.tasks,
        )
        self.email: EmailSetup | None = None  # the email edition: off until enable_email

    @cached_property
    def subscribers(self) -> Subscribers:
        """Email readers (with email off, each call refuses and says so)."""
        from bot.email.subscribers import Subscribers

        subscribers = Subscribers(store=self.store, clock=self.clock)
        subscribers.setup = self.email
        return subscribers

    @cached_property
    def edition(self) -> Edition:
        from bot.email.edition import Edition

        edition = Edition(
            store=self.store, clock=self.clock, outreach=self.outreach, tasks=self.tasks
        )
        edition.setup = self.email
        return edition

    def enable_email(self, setup: EmailSetup) -> None:
        """Readers may subscribe (SMTP_URL set), and every published issue is emailed."""
        self.email = self.subscribers.setup = self.edition.setup = setup
        self.issues.after_publish.append(self.edition.published)

    @property
    def community(self) -> Community:
        """The deployment's first community: the one victories.yaml configures."""
        return self.communities.default()

    @property
    def config(self) -> Config:
        """The community's settings (adapters read their platform's section here)."""
        return self.community.config

    def attach(self, surface: Surface) -> None:
        self.surfaces[surface.name] = surface

    def is_moderator(self, actor: Actor) -> bool:
        return is_moderator(actor, self.community.config)

    async def resume(self) -> None:
        """At start-up: finish any interrupted fan-out and post cards that never went out."""
        for community in await self.communities.every():
            await self.issues.resume(community)
            if self.email is not None:
                await self.edition.resume(community)
            await self.outreach.repost_missing(community)

    async def settle(self) -> None:
        """Wait for background work (cards, notices) to finish; at shutdown and in tests."""
        await self.tasks.settle()
