"""Outreach: what the core's decisions look like on every surface.

A new item gets a card in each review channel; a decision on any platform refreshes every
card; the member hears about it on their own platform. A surface that fails is logged and
skipped: the database is the truth, and start-up posts any card that never went out.
"""

from __future__ import annotations

import asyncio
import logging

from bot.background import Tasks
from bot.document import Document, lines_document
from bot.messages import current, reply_language, say, say_doc, speaking
from bot.model import Community, Victory
from bot.review.cards import card_document
from bot.store import cards
from bot.store import victories as victory_store
from bot.store.batching import Batcher
from bot.store.database import Store
from bot.surfaces import Surface

log = logging.getLogger("victories.outreach")

# A card posted on a platform, waiting to be recorded: where, which message, which item.
PostedCard = tuple[Community, str, str, str, Victory]
RECORD_LINGER = 0.05  # seconds a posted card waits for others to be recorded with


class Outreach:
    def __init__(self, *, store: Store, surfaces: dict[str, Surface], tasks: Tasks) -> None:
        self.store = store
        self.surfaces = surfaces  # shared with the core: attach() adds to it
        self.tasks = tasks  # background work the core waits for at shutdown
        self._posters: dict[str, Batcher[tuple[Community, str, int, float], None]] = {}
        self.record_delays: tuple[float, ...] = (1.0, 5.0, 30.0)  # seconds between tries
        # Posted cards are recorded many at a time (group commit): a commit per card
        # kept the one database thread syncing the disk while submissions waited. Cards
        # are posted one by one, so in a burst each group held about one card unless it
        # waits a moment (P1 under py-spy: a third of the database thread's time was
        # their commits); a card on its own is still recorded at once.
        self._posted: Batcher[PostedCard, None] = Batcher(
            self._record,
            tasks=tasks,
            what="recording posted cards",
            max_batch=500,
            linger=RECORD_LINGER,
        )

    async def tell_moderators(self, community: Community, message: Document) -> None:
        for surface in self.surfaces.values():
            channel = surface.review_channel_for(community)
            if not channel:
                continue
            try:
                await surface.tell_moderators(
                    channel=channel, message=message, community=community.id
                )
            except Exception:
                log.exception("could not reach moderators on %s", surface.name)

    def queue_cards(self, community: Community, victory_id: int) -> None:
        """Post the item's card on every review channel, after the ones already waiting.

        One poster per platform, in submission order: a review channel takes about one
        message a second, so a burst of submissions queues here instead of as a crowd of
        requests that the platform turns away and that all retry.
        """
        for surface in self.surfaces.values():
            channel = surface.review_channel_for(community)
            if not channel:
                continue
            if surface.name not in self._posters:
                self._posters[surface.name] = Batcher(
                    self._poster_for(surface), tasks=self.tasks, what=f"cards on {surface.name}"
                )
            queued = asyncio.get_running_loop().time()
            self._posters[surface.name].put_nowait((community, channel, victory_id, queued))

    def _poster_for(self, surface: Surface):
        async def post(cards: list[tuple[Community, str, int, float]]) -> list[None]:
            for community, channel, victory_id, queued in cards:
                # Members waiting for a receipt come first (P1: cards took a tenth of the
                # bot's time); a card waits a moment at most from when it was queued.
                await self.tasks.lull.wait(since=queued)
                try:  # one card's failure must not strand the cards queued behind it
                    await self.post_card(community, surface, channel, victory_id)
                except Exception:
                    log.exception("card failed victory=%s platform=%s", victory_id, surface.name)
            return [None] * len(cards)

        return post

    async def repost_missing(self, community: Community) -> None:
        """Post every card that never went out (after a crash or an outage), and return
        once they are recorded: start-up is not done before."""
        posted = []
        for surface in self.surfaces.values():
            channel = surface.review_channel_for(community)
            if channel:
                for victory_id in await self.store.run(
                    cards.missing, community=community.id, platform=surface.name
                ):
                    card = await self._post(community, surface, channel, victory_id)
                    if card is not None:
                        posted.append(card)
        await asyncio.gather(*(self._posted.put(card) for card in posted))

    async def post_card(
        self, community: Community, surface: Surface, channel: str, victory_id: int
    ) -> None:
        card = await self._post(community, surface, channel, victory_id)
        if card is not None:
            # Not awaited: the poster goes on to the next card while this one's record
            # joins the next group commit (a crash before it only means start-up posts
            # the card again, as after a crash between post and record before).
            self._posted.put_nowait(card)

    async def _post(
        self, community: Community, surface: Surface, channel: str, victory_id: int
    ) -> PostedCard | None:
        victory = await self.store.run(victory_store.get, victory_id)
        if victory is None:
            return None
        try:
            with speaking(community.language):  # what a surface adds (buttons) too
                posted = await surface.post_card(
                    channel=channel,
                    victory_id=victory_id,
                    card=card_document(victory, lang=community.language),
                    community=community.id,
                )
        except Exception:
            log.exception("card not posted victory=%s platform=%s", victory_id, surface.name)
            return None
        if not posted:
            return None
        channel, message_id = posted
        return (community, surface.name, channel, message_id, victory)

    async def _record(self, posted: list[PostedCard]) -> list[None]:
        """Remember which message is each item's card, trying again while the database is
        busy; if it never works, the editors learn that reactions on them won't count."""
        rows = [
            (platform, channel, message_id, victory.id, community.id)
            for community, platform, channel, message_id, victory in posted
        ]
        failure: Exception | None = None
        for delay in (*self.record_delays, None):
            try:
                await self.store.run(cards.add_many, rows)
                return [None] * len(posted)
            except Exception as err:
                failure = err
                if delay is not None:
                    await asyncio.sleep(delay)
        for community, platform, channel, message_id, victory in posted:
            log.error(
                "card posted but not recorded victory=%s platform=%s channel=%s message=%s",
                victory.id,
                platform,
                channel,
                message_id,
                exc_info=failure,
            )
            await self.tell_moderators(
                community,
                say_doc("card_not_recorded", community.language, number=victory.number),
            )
        return [None] * len(posted)

    def refresh_later(self, victory: Victory, *, lang: str | None = None) -> None:
        """Redraw the item's cards, in ``lang``: the community's language."""
        self.tasks.spawn(
            self.refresh_cards(victory, lang=lang), what=f"refreshing cards of #{victory.id}"
        )

    def notify_later(self, victory: Victory, message: Document) -> None:
        self.tasks.spawn(self.notify(victory, message), what=f"notice for #{victory.id}")

    def item_changed(self, community: int, platform: str, user_id: str) -> None:
        """Tell every surface an item changed (for lists beyond the cards: Slack's Home)."""
        for surface in self.surfaces.values():
            try:
                surface.item_changed(community=community, platform=platform, user_id=user_id)
            except Exception:
                log.exception("item change not passed on platform=%s", surface.name)

    def issue_changed(self, community: int) -> None:
        """Tell every surface the next issue changed (Slack's Home shows it to editors)."""
        for surface in self.surfaces.values():
            try:
                surface.issue_changed(community=community)
            except Exception:
                log.exception("issue change not passed on platform=%s", surface.name)

    async def refresh_cards(self, victory: Victory, *, lang: str | None = None) -> None:
        fresh = await self.store.run(victory_store.get, victory.id) or victory
        self.item_changed(fresh.community_id, fresh.platform, fresh.user_id)
        for card in await self.store.run(cards.of_victory, victory.id):
            surface = self.surfaces.get(card["platform"])
            if surface is None:
                continue
            try:
                with speaking(lang or current()):  # what a surface adds (buttons) too
                    await surface.update_card(
                        channel=card["channel"],
                        message_id=card["message_id"],
                        card=card_document(fresh, lang=lang),
                        community=fresh.community_id,
                    )
            except Exception:
                log.exception("card not updated victory=%s platform=%s", victory.id, surface.name)

    async def notice_decision(self, victory: Victory, key: str, *, community: str) -> None:
        """Tell the member, in their language if known, else ``community``'s."""
        lang = member_language(victory, community)
        paragraphs = [say(key, lang, number=victory.number)]
        if key == "notice_rejected" and victory.reason:
            paragraphs.append(say("notice_reason", lang, reason=victory.reason))
        await self.notify(victory, lines_document(*paragraphs))

    async def notify(self, victory: Victory, message: Document) -> None:
        surface = self.surfaces.get(victory.platform)
        if surface is None:
            return
        try:
            delivered = await surface.notify(
                user_id=victory.user_id, message=message, community=victory.community_id
            )
        except Exception:
            log.warning(
                "notice failed victory=%s user=%s", victory.id, victory.user_id, exc_info=True
            )
            delivered = False
        log.info(
            "notice victory=%s user=%s:%s delivered=%s",
            victory.id,
            victory.platform,
            victory.user_id,
            delivered,
        )


def member_language(victory: Victory, community: str) -> str:
    """The language of later notices to whoever shared ``victory``: the platform locale
    they had then, when we speak it, else the community's."""
    return reply_language(victory.locale, community)
