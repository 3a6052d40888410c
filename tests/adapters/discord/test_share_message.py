""" "Share as a victory": the message context-menu command (an APPLICATION_COMMAND
interaction of command type 3 with ``target_id`` and ``resolved.messages``) opens the
/victory form filled in from the message; the form's submission goes through intake."""

from __future__ import annotations

from bot.store import victories as victory_store
from tests.adapters.discord.conftest import Bot, Server
from tests.adapters.discord.modal_forms import inputs, submit_form
from tests.fakes.discord_events import answer_text, answers, message_command, slash
from tests.fakes.discord_interactions import member_message

NEWS = "Our bus line is saved!! @everyone read https://example.org/bus, it's official"
MENU = "Share as a victory"


async def open_share(server: Server, person, message: dict) -> dict:
    token = await message_command(
        server.fake, person, MENU, message=message, channel_id=server.general
    )
    (modal,) = await answers(server.fake, token)
    return modal


async def count(bot: Bot) -> int:
    return bot.core.store.call(
        lambda db: db.execute("SELECT COUNT(*) FROM victories").fetchone()[0]
    )


async def test_a_members_message_is_shared_in_two_clicks(bot: Bot, server: Server):
    fake = server.fake
    message = member_message(fake, server.ben, server.general, NEWS)
    modal = await open_share(server, server.ana, message)
    assert modal["data"]["title"] == "Share a victory"
    fields = inputs(modal)
    assert fields["text"]["value"].startswith("Our bus line is saved!!")
    assert fields["link"]["value"] == "https://example.org/bus"
    assert fields["thanks_to"]["value"] == "Ben Okafor"
    token = await submit_form(fake, server.ana, modal, channel_id=server.general)
    (answer,) = await answers(fake, token)
    assert "#1" in answer_text(answer)
    await bot.core.settle()
    victory = await bot.core.store.run(victory_store.get, 1)
    assert (victory.user_id, victory.thanks_to, victory.link) == (
        server.ana.id,
        "Ben Okafor",
        "https://example.org/bus",
    )
    (card,) = fake.messages[server.review]
    shown = card["embeds"][0]["description"]
    assert "@everyone" not in shown  # never a ping, on the card either


async def test_who_may_share_a_message(bot: Bot, server: Server):
    """The matrix for the message command and its form: a member and an editor share;
    a blocked member gets the form, but its submission is refused; a bot (which Discord
    never lets use a command) is refused before any form opens."""
    fake = server.fake
    blocked = await slash(
        fake, server.editor, "victories", "block", channel_id=server.general, user=server.ben.id
    )
    assert "can no longer submit" in answer_text((await answers(fake, blocked))[0])
    message = member_message(fake, server.ana, server.general, "The clinic stays open")
    refused = await open_share(server, fake.bot, message)
    assert refused["type"] == 4 and "shared by people" in answer_text(refused)
    for person, stored in ((server.ben, False), (server.ana, True), (server.editor, True)):
        before = await count(bot)
        modal = await open_share(server, person, message)
        token = await submit_form(fake, person, modal, channel_id=server.general)
        (answer,) = await answers(fake, token)
        await bot.core.settle()
        assert (await count(bot) == before + 1) is stored, (person.name, answer_text(answer))
        assert answer["data"]["flags"] & 64
    assert await count(bot) == 2


async def test_an_empty_or_hostile_message_is_refused_kindly(bot: Bot, server: Server):
    fake = server.fake
    empty = member_message(fake, server.ben, server.general, "")
    modal = await open_share(server, server.ana, empty)
    assert inputs(modal)["text"].get("value") in (None, "")
    hostile = member_message(fake, server.ben, server.general, "x" * 5000 + " <@&123> \x00")
    modal = await open_share(server, server.ana, hostile)
    assert len(inputs(modal)["text"]["value"]) <= 4000
    token = await submit_form(fake, server.ana, modal, channel_id=server.general)
    (answer,) = await answers(fake, token)
    assert answer["type"] == 4 and answer_text(answer)


async def test_a_message_of_several_paragraphs_keeps_them(bot: Bot, server: Server):
    fake = server.fake
    text = "The tenants won.\n\n> Nobody gets evicted this winter\n\nThanks to the union."
    modal = await open_share(
        server, server.ana, member_message(fake, server.ben, server.general, text)
    )
    assert inputs(modal)["text"]["value"] == text and inputs(modal)["text"]["style"] == 2
    token = await submit_form(fake, server.ana, modal, channel_id=server.general)
    assert "#1" in answer_text((await answers(fake, token))[0])
    assert (await bot.core.store.run(victory_store.get, 1)).text == text


async def test_the_form_takes_as_much_as_the_server_allows(bot: Bot, server: Server):
    """A server that allows longer victories (intake.max_length) gets the whole message
    in the form, not the default 600 characters."""
    fake = server.fake
    admin = fake.add_person("Ada Admin", permissions=1 << 5)  # Manage Server
    token = await slash(
        fake,
        admin,
        "victories",
        "set",
        channel_id=server.general,
        key="intake.max_length",
        value="1000",
    )
    assert "Saved" in answer_text((await answers(fake, token))[0])
    long = "The tenants won. " * 50  # 850 characters
    modal = await open_share(
        server, server.ana, member_message(fake, server.ben, server.general, long)
    )
    assert inputs(modal)["text"]["value"] == long.strip()
    token = await submit_form(fake, server.ana, modal, channel_id=server.general)
    assert "#1" in answer_text((await answers(fake, token))[0])
    assert (await bot.core.store.run(victory_store.get, 1)).text == long.strip()
