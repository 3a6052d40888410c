"""Approve, Feature, Reject and Edit buttons on review cards (component interactions,
type 3) and the reject and edit forms they open (modal submits, type 5), through the
real discord.py client; reactions keep working beside them (test_review)."""

from __future__ import annotations

from bot.store import victories as victory_store
from tests.adapters.discord.conftest import Bot, Server
from tests.adapters.discord.modal_forms import inputs, submit_form
from tests.fakes.discord_events import answer_text, answers, press, slash

EPHEMERAL = 64
ITEM = "The council kept the library open late\n\n> We did it together\n\nThanks, everyone"


async def share(bot: Bot, server: Server, text: str) -> dict:
    """Ana shares ``text``; the card the bot posted in the review channel."""
    await answers(
        server.fake,
        await slash(
            server.fake, server.ana, "victory", "share", channel_id=server.general, text=text
        ),
    )
    await bot.core.settle()
    return server.fake.messages[server.review][-1]


async def pressed(bot: Bot, server: Server, person, card: dict, custom_id: str) -> dict:
    token = await press(
        server.fake, person, message=card, custom_id=custom_id, channel_id=server.review
    )
    (answer,) = await answers(server.fake, token)
    await bot.core.settle()
    return answer


def snapshot(bot: Bot) -> list:
    def read(db):
        return [tuple(row) for row in db.execute("SELECT * FROM victories ORDER BY id")]

    return bot.core.store.call(read)


async def test_a_card_carries_four_buttons_with_the_item_number(bot: Bot, server: Server):
    card = await share(bot, server, "The bus line stays")
    (row,) = card["components"]
    buttons = row["components"]
    assert [b["label"] for b in buttons] == ["Approve", "Feature", "Reject", "Edit"]
    assert [b["custom_id"] for b in buttons] == [
        "victory:approve:1",
        "victory:feature:1",
        "victory:reject:1",
        "victory:edit:1",
    ]
    assert card["embeds"]  # the card itself is unchanged: an embed, reactions still count


async def test_an_editor_approves_and_features_by_button_and_the_card_updates(
    bot: Bot, server: Server
):
    fake = server.fake
    card = await share(bot, server, "The bus line stays")
    answer = await pressed(bot, server, server.editor, card, "victory:approve:1")
    assert answer["type"] == 4 and answer["data"]["flags"] & EPHEMERAL
    assert "Approved" in answer_text(answer)
    victory = await bot.core.store.run(victory_store.get, 1)
    assert victory.status.value == "approved" and not victory.featured
    (edit,) = fake.calls_to("PATCH", rf"^/channels/{server.review}/messages/{card['id']}$")
    assert "Approved" in edit.body["embeds"][0]["description"]
    assert fake.messages[server.review][0]["components"]  # the buttons stay on the card
    await pressed(bot, server, server.editor, card, "victory:feature:1")
    assert (await bot.core.store.run(victory_store.get, 1)).featured


async def test_reject_opens_a_reason_form_and_its_submission_rejects(bot: Bot, server: Server):
    fake = server.fake
    card = await share(bot, server, "Not really news")
    modal = await pressed(bot, server, server.editor, card, "victory:reject:1")
    assert set(inputs(modal)) == {"reason"}
    assert not inputs(modal)["reason"]["required"]
    token = await submit_form(
        fake, server.editor, modal, channel_id=server.review, reason="Please add a link"
    )
    (answer,) = await answers(fake, token)
    assert "Rejected" in answer_text(answer)
    victory = await bot.core.store.run(victory_store.get, 1)
    assert victory.status.value == "rejected"


async def test_edit_opens_a_prefilled_form_and_copy_edits_with_paragraphs(bot: Bot, server: Server):
    fake = server.fake
    card = await share(bot, server, "teh council kept the library open https://example.org/lib")
    modal = await pressed(bot, server, server.editor, card, "victory:edit:1")
    fields = inputs(modal)
    assert set(fields) == {"text", "link", "thanks_to", "credit"}
    assert fields["text"]["value"] == "teh council kept the library open"
    assert fields["text"]["style"] == 2  # paragraph: several lines
    assert fields["link"]["value"] == "https://example.org/lib"
    token = await submit_form(fake, server.editor, modal, channel_id=server.review, text=ITEM)
    (answer,) = await answers(fake, token)
    assert "edited" in answer_text(answer)
    await bot.core.settle()
    assert (await bot.core.store.run(victory_store.get, 1)).text == ITEM  # paragraphs kept
    edits = fake.calls_to("PATCH", rf"^/channels/{server.review}/messages/{card['id']}$")
    shown = edits[-1].body["embeds"][0]["description"]
    assert "We did it together" in shown and "Thanks, everyone" in shown
    (mine,) = await answers(
        fake, await slash(fake, server.ana, "victory", "mine", channel_id=server.general)
    )
    assert "The council kept the library open late" in answer_text(mine)


async def test_nobody_but_an_editor_changes_anything_by_button(bot: Bot, server: Server):
    """The authorization matrix for the buttons: a member, a blocked member and a bot
    press each; nothing changes and each hears why, privately, with no form opened."""
    fake = server.fake
    card = await share(bot, server, "The pool reopens")
    blocked = await answers(
        fake,
        await slash(
            fake,
            server.editor,
            "victories",
            "block",
            channel_id=server.general,
            user=f"<@{server.ben.id}>",
        ),
    )
    assert "can no longer submit" in answer_text(blocked[0])
    await bot.core.settle()
    before = snapshot(bot)
    for person in (server.ana, server.ben, fake.bot):
        for action in ("approve", "feature", "reject", "edit"):
            answer = await pressed(bot, server, person, card, f"victory:{action}:1")
            assert answer["type"] == 4, (person.name, action, answer)
            assert answer["data"]["flags"] & EPHEMERAL
            assert "Only editors" in answer_text(answer), (person.name, action)
    assert snapshot(bot) == before
    # The editor, last, gets the forms and the decisions.
    assert (await pressed(bot, server, server.editor, card, "victory:edit:1"))["type"] == 9
    assert (await pressed(bot, server, server.editor, card, "victory:reject:1"))["type"] == 9
    await pressed(bot, server, server.editor, card, "victory:approve:1")
    assert snapshot(bot) != before


async def test_an_editors_form_submitted_by_someone_else_changes_nothing(bot: Bot, server: Server):
    """Discord only sends a form's submission from the person it was shown to; were a
    member's to arrive anyway it is ignored, and the form stays open for its owner."""
    fake = server.fake
    card = await share(bot, server, "The clinic stays open")
    modal = await pressed(bot, server, server.editor, card, "victory:reject:1")
    before = snapshot(bot)
    token = await submit_form(fake, server.ana, modal, channel_id=server.review, reason="mine")
    other = token
    await bot.core.settle()
    token = await submit_form(fake, server.editor, modal, channel_id=server.review, reason="ok")
    assert "Rejected" in answer_text((await answers(fake, token))[0])
    assert other not in fake.callbacks  # the member's submission was not acted on
    victory = await bot.core.store.run(victory_store.get, 1)
    assert before != snapshot(bot) and victory.status.value == "rejected"


async def test_a_crafted_or_unknown_button_changes_nothing(bot: Bot, server: Server):
    fake = server.fake
    card = await share(bot, server, "The park is saved")
    before = snapshot(bot)
    answer = await pressed(bot, server, server.editor, card, "victory:publish:1")
    assert answer["data"]["flags"] & EPHEMERAL and "Only editors" not in answer_text(answer)
    answer = await pressed(bot, server, server.editor, card, "victory:approve:999")
    assert answer["data"]["flags"] & EPHEMERAL
    token = await press(
        fake, server.editor, message=card, custom_id="someone-else:1", channel_id=server.review
    )
    await bot.core.settle()
    assert snapshot(bot) == before
    assert token not in fake.callbacks  # not ours: left for whoever owns it


async def test_a_withdrawn_items_card_loses_its_buttons(bot: Bot, server: Server):
    """The buttons come from the card's typed number (bot.review.cards.card_number), not
    from its words: once the item can no longer change, the updated card has none."""
    fake = server.fake
    card = await share(bot, server, "The bus line stays")
    assert card["components"]
    await answers(
        fake,
        await slash(fake, server.ana, "victory", "withdraw", channel_id=server.general, number=1),
    )
    await bot.core.settle()
    (edit,) = fake.calls_to("PATCH", rf"^/channels/{server.review}/messages/{card['id']}$")
    assert edit.body["components"] == []
    assert fake.messages[server.review][0]["components"] == []
    assert "withdrawn" in edit.body["embeds"][0]["description"].lower()


async def test_the_editors_help_is_found_from_a_refusal_and_names_the_edit_button(
    bot: Bot, server: Server
):
    """Discord has no /victories help (its 25 subcommands are taken): what cannot be
    followed points to /victory help about: editing, which explains the Edit button."""
    fake = server.fake
    card = await share(bot, server, "The park is saved")
    answer = await pressed(bot, server, server.editor, card, "victory:publish:1")
    pointer = "/victory help about: Editing the newsletter"
    assert pointer in answer_text(answer) and "/victories help" not in answer_text(answer)
    token = await slash(
        fake, server.editor, "victory", "help", channel_id=server.general, about="victories"
    )
    (help_answer,) = await answers(fake, token)
    assert "Editors' commands" in answer_text(help_answer)
    assert "press Edit on its review card" in answer_text(help_answer)
