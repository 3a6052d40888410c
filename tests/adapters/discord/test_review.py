"""Review cards decided by reactions (raw gateway events), across a restart."""

from __future__ import annotations

import discord
import pytest

from adapters.discord.reactions import emoji_name
from bot.store import victories as victory_store
from tests.adapters.discord.conftest import Bot, Server, handled
from tests.fakes.discord_events import answers, react, slash

APPROVE, REJECT, FEATURE = "\u2705", "\u274c", "\u2b50"


async def _submit(bot: Bot, server: Server, text: str) -> str:
    """Submit as Ana; return the card's message id."""
    await answers(
        server.fake,
        await slash(
            server.fake, server.ana, "victory", "share", channel_id=server.general, text=text
        ),
    )
    await bot.core.settle()
    return server.fake.messages[server.review][-1]["id"]


async def _status(bot: Bot, number: int):
    victory = await bot.core.store.run(victory_store.get, number)
    return victory.status.value, victory.featured


async def _reacted(bot: Bot, server: Server, person, card: str, emoji: str, *, added=True):
    event = "raw_reaction_add" if added else "raw_reaction_remove"
    await handled(
        bot,
        event,
        react(
            server.fake, person, channel_id=server.review, message_id=card, emoji=emoji, added=added
        ),
    )


def _card_text(server: Server, card: str) -> str:
    message = next(m for m in server.fake.messages[server.review] if m["id"] == card)
    return message["embeds"][0]["description"]


async def test_moderator_reactions_decide_and_removal_undoes(bot: Bot, server: Server):
    card = await _submit(bot, server, "The tenants won their rent strike")
    await _reacted(bot, server, server.editor, card, APPROVE)
    assert await _status(bot, 1) == ("approved", False)
    assert "Approved by Eve Editor" in _card_text(server, card)
    await _reacted(bot, server, server.editor, card, FEATURE)
    assert await _status(bot, 1) == ("approved", True)
    await _reacted(bot, server, server.editor, card, FEATURE, added=False)
    await _reacted(bot, server, server.editor, card, APPROVE, added=False)
    assert await _status(bot, 1) == ("pending", False)
    # The removal event carries no member: the adapter looked the editor up over REST.
    assert server.fake.calls_to("GET", rf"/members/{server.editor.id}$")
    await _reacted(bot, server, server.editor, card, REJECT)
    assert await _status(bot, 1) == ("rejected", False)
    assert "Rejected by Eve Editor" in _card_text(server, card)


async def test_reactions_of_non_moderators_and_other_emoji_are_ignored(bot: Bot, server: Server):
    card = await _submit(bot, server, "The clinic stays open")
    edits = len(server.fake.calls_to("PATCH", r"/messages/"))
    await _reacted(bot, server, server.ben, card, APPROVE)
    await _reacted(bot, server, server.ana, card, FEATURE)
    await _reacted(bot, server, server.editor, card, "\U0001f389")  # not a review emoji
    assert await _status(bot, 1) == ("pending", False)
    assert len(server.fake.calls_to("PATCH", r"/messages/")) == edits


async def test_the_guild_owner_moderates_only_without_configured_roles(bot: Bot, server: Server):
    card = await _submit(bot, server, "The bus line is saved")
    await _reacted(bot, server, server.owner, card, APPROVE)
    assert await _status(bot, 1) == ("pending", False)  # a role is configured: owner isn't it


async def test_a_card_from_before_a_restart_can_still_be_decided(make_bot, server: Server):
    async with make_bot() as first:
        card = await _submit(first, server, "The school board listened")
    async with make_bot() as second:
        assert second.surface.client.user is not None
        await _reacted(second, server, server.editor, card, APPROVE)
        assert await _status(second, 1) == ("approved", False)
    assert "Approved by Eve Editor" in _card_text(server, card)
    assert len(server.fake.identified) == 2


async def test_approval_and_rejection_reach_the_member_by_dm_and_closed_dms_are_fine(
    bot: Bot, server: Server
):
    card = await _submit(bot, server, "The wage theft case was won")
    await _reacted(bot, server, server.editor, card, APPROVE)
    (dm,) = [c for c, user in server.fake.dm_channels.items() if user == server.ana.id]
    assert "approved" in server.fake.messages[dm][-1]["content"]
    server.fake.closed_dms.add(server.ana.id)
    await _reacted(bot, server, server.editor, card, APPROVE, added=False)
    await _reacted(bot, server, server.editor, card, REJECT)
    assert await _status(bot, 1) == ("rejected", False)
    refused = server.fake.calls_to("POST", rf"/channels/{dm}/messages")[-1]
    assert refused.status == 403


@pytest.mark.parametrize(
    ("emoji", "name"),
    [
        (discord.PartialEmoji(name="\u2705"), "white_check_mark"),
        (discord.PartialEmoji(name="\u2b50\ufe0f"), "star"),
        (discord.PartialEmoji(name="\u274c"), "x"),
        (discord.PartialEmoji(name="approve", id=123), "approve"),
        (discord.PartialEmoji(name="\U0001f389"), None),
    ],
)
def test_emoji_are_named_as_the_configuration_names_them(emoji, name):
    assert emoji_name(emoji) == name
