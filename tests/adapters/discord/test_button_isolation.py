"""A button's id names an item number, never a community: the community is the server
the press (or autocomplete) came from, so a crafted id cannot reach another server's
items (issue 13's isolation, for issue 15's buttons)."""

from __future__ import annotations

from tests.adapters.discord.conftest import Bot, Server
from tests.adapters.discord.test_shards import second  # noqa: F401  (a fixture)
from tests.fakes.discord_events import answer_text, answers, autocomplete, press, slash
from tests.fakes.discord_guilds import FakeGuild


async def statuses(bot: Bot, guild_id: str) -> list[tuple[int, str]]:
    community = await bot.core.communities.for_place("discord", guild_id)
    rows = bot.core.store.call(
        lambda db: db.execute(
            "SELECT number, status FROM victories WHERE community_id = ? ORDER BY number",
            (community.id,),
        ).fetchall()
    )
    return [tuple(row) for row in rows]


async def test_a_crafted_button_acts_only_in_the_server_it_was_pressed_in(
    make_bot,
    server: Server,
    second: FakeGuild,  # noqa: F811
):
    fake, news = server.fake, second.channels[0]["id"]
    async with make_bot() as bot:
        # This server is the configured community; the second becomes one of its own.
        await bot.core.communities.for_place("discord", fake.guild_id)
        bot.core.communities.many = True
        shares = ((server.ana, server.general, "Here"), (server.ana, news, "There"))
        shares += ((server.ben, news, "There again"),)  # a new server has a share cooldown
        for person, channel, text in shares:
            token = await slash(fake, person, "victory", "share", channel_id=channel, text=text)
            assert "#" in answer_text((await answers(fake, token))[0]), (person.name, channel)
        await bot.core.settle()
        (card,) = fake.messages[server.review]
        there = await statuses(bot, second.id)
        for custom_id in ("victory:approve:2", "victory:reject:2", "victory:edit:2"):
            token = await press(
                fake, server.editor, message=card, custom_id=custom_id, channel_id=server.review
            )
            (answer,) = await answers(fake, token)
            assert answer["type"] == 4 and answer["data"]["flags"] & 64  # no form for B's #2
        token = await press(
            fake,
            server.editor,
            message=card,
            custom_id="victory:approve:1",
            channel_id=server.review,
        )
        assert "Approved" in answer_text((await answers(fake, token))[0])
        await bot.core.settle()
        assert await statuses(bot, fake.guild_id) == [(1, "approved")]
        assert await statuses(bot, second.id) == there  # the other server's #1 and #2 untouched
        offered = await autocomplete(
            fake, server.editor, "victories", "approve", channel_id=server.general, focused="number"
        )
        assert [c["name"] for c in offered] == ["#1 Here"]  # never the other server's items
