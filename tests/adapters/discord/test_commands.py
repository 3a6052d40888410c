"""/victory and /victories through dispatched INTERACTION_CREATE events."""

from __future__ import annotations

from dataclasses import replace

from bot.store import victories as victory_store
from tests.adapters.discord.conftest import Bot, Server
from tests.adapters.discord.modal_forms import inputs, submit_form
from tests.fakes.discord_events import answer_text, answers, slash

EPHEMERAL = 64


async def test_victory_with_options_gives_a_private_receipt_and_posts_a_card(
    bot: Bot, server: Server
):
    fake = server.fake
    token = await slash(
        fake,
        server.ana,
        "victory",
        "share",
        channel_id=server.general,
        text="The council voted to end the ICE contract",
        link="https://example.org/news",
        thanks_to="Diana",
        credit="first",
    )
    (answer,) = await answers(fake, token)
    assert answer["type"] == 4 and answer["data"]["flags"] & EPHEMERAL
    assert "#1" in answer_text(answer)
    await bot.core.settle()
    victory = await bot.core.store.run(victory_store.get, 1)
    assert (victory.link, victory.thanks_to, victory.credit.value) == (
        "https://example.org/news",
        "Diana",
        "first",
    )
    assert (victory.platform, victory.user_id, victory.display_name) == (
        "discord",
        server.ana.id,
        "Ana Lopez",
    )
    (card,) = fake.messages[server.review]
    assert "The council voted to end the ICE contract" in card["embeds"][0]["description"]


async def test_victory_alone_opens_a_form_and_its_submission_is_stored(bot: Bot, server: Server):
    fake = server.fake
    token = await slash(
        fake,
        server.ana,
        "victory",
        "share",
        channel_id=server.general,
        link="https://example.org/judge",
    )
    (modal,) = await answers(fake, token)
    assert modal["type"] == 9
    assert len(modal["data"]["components"]) <= 5
    assert inputs(modal)["link"]["value"] == "https://example.org/judge"
    token = await submit_form(
        fake,
        server.ana,
        modal,
        channel_id=server.general,
        text="A judge blocked the deportations",
        credit="anonymous",
    )
    (answer,) = await answers(fake, token)
    assert answer["type"] == 4 and answer["data"]["flags"] & EPHEMERAL
    assert "#1" in answer_text(answer)
    victory = await bot.core.store.run(victory_store.get, 1)
    assert (victory.text, victory.credit.value) == ("A judge blocked the deportations", "anonymous")


async def test_victory_words_go_through_the_core_commands(bot: Bot, server: Server):
    fake = server.fake
    await answers(
        fake,
        await slash(
            fake,
            server.ana,
            "victory",
            "share",
            channel_id=server.general,
            text="The union vote won",
        ),
    )
    (mine,) = await answers(
        fake, await slash(fake, server.ana, "victory", "mine", channel_id=server.general)
    )
    assert "The union vote won" in answer_text(mine)
    (edit,) = await answers(
        fake,
        await slash(
            fake,
            server.ana,
            "victory",
            "edit",
            channel_id=server.general,
            number=1,
            text="The union vote won 80-20",
        ),
    )
    assert "#1" in answer_text(edit)
    (withdraw,) = await answers(
        fake,
        await slash(fake, server.ben, "victory", "withdraw", channel_id=server.general, number=1),
    )
    assert "someone else" in answer_text(withdraw)
    (help_,) = await answers(
        fake, await slash(fake, server.ana, "victory", "help", channel_id=server.general)
    )
    assert "/victory" in answer_text(help_)
    assert (await bot.core.store.run(victory_store.get, 1)).text == "The union vote won 80-20"


async def test_editors_command_works_for_moderators_and_is_refused_for_others(
    bot: Bot, server: Server
):
    fake = server.fake
    (refused,) = await answers(
        fake,
        await slash(
            fake, server.ana, "victories", "note", channel_id=server.general, text="A good week."
        ),
    )
    assert "Only editors" in answer_text(refused)
    (saved,) = await answers(
        fake,
        await slash(
            fake, server.editor, "victories", "note", channel_id=server.general, text="A good week."
        ),
    )
    assert "Saved" in answer_text(saved)
    (help_,) = await answers(
        fake,
        await slash(
            fake, server.ana, "victory", "help", channel_id=server.general, about="victories"
        ),
    )
    assert "Only editors" not in answer_text(help_)


async def test_manage_server_counts_only_when_no_role_is_configured(
    make_bot, server: Server, discord_config
):
    fake = server.fake
    manager = fake.add_person("Mia Manager", permissions=1 << 5)
    async with make_bot():
        (answer,) = await answers(
            fake,
            await slash(fake, manager, "victories", "status", channel_id=server.general),
        )
        assert "Only editors" in answer_text(answer)  # roles are configured
    no_roles = replace(discord_config, discord=replace(discord_config.discord, moderator_roles=()))
    async with make_bot(no_roles):
        (answer,) = await answers(
            fake,
            await slash(fake, manager, "victories", "status", channel_id=server.general),
        )
        assert "Next issue" in answer_text(answer)


async def test_slow_work_is_deferred_then_answered(make_bot, server: Server):
    fake = server.fake
    async with make_bot(defer_after=0.0):
        token = await slash(
            fake,
            server.ana,
            "victory",
            "share",
            channel_id=server.general,
            text="The library stays open",
        )
        deferred, followup = await answers(fake, token, count=2)
    assert deferred["type"] == 5 and deferred["data"]["flags"] & EPHEMERAL
    assert followup["type"] == "followup" and "#1" in answer_text(followup)
