"""A member the bot has never seen is answered without waiting for Slack's users.info:
their item is stored under the handle the slash command carries, and their real name is
looked up after the answer, before the item's review card is posted."""

from __future__ import annotations

from bot.store import victories as victory_store
from tests.adapters.slack.conftest import MEMBER, REVIEW


async def stored_names(core) -> list[str]:
    return [v.display_name for v in await core.store.run(victory_store.queue, community=1)]


async def test_answer_does_not_wait_for_the_name_and_the_card_has_it(http_bot):
    http_bot.api.delay("users.info", 2.0)  # longer than the answer may take to ride the ack
    assert await http_bot.command("The union vote won", user_name="ana") == 200
    (receipt,) = http_bot.api.responses  # the ack carried it: users.info was not awaited
    assert receipt["via"] == "ack" and "#1" in receipt["text"]
    await http_bot.core.settle()
    assert await stored_names(http_bot.core) == ["Ana Lopez"]
    (card,) = http_bot.api.posts(REVIEW)  # one card, posted once the name was known
    assert "Ana Lopez" in str(card["blocks"])
    assert not http_bot.api.calls_to("chat.update")
    assert [c.args.get("user") for c in http_bot.api.calls_to("users.info")] == [MEMBER]


async def test_a_known_member_is_not_looked_up_again(http_bot):
    await http_bot.command("The union vote won")
    await http_bot.core.settle()
    await http_bot.command("The pool reopened", name="r2")
    await http_bot.core.settle()
    assert len(http_bot.api.calls_to("users.info")) == 1
    assert await stored_names(http_bot.core) == ["Ana Lopez", "Ana Lopez"]


async def test_without_users_info_the_handle_stays_and_is_harmless(http_bot):
    http_bot.api.refuse("users.info", "user_not_found")
    await http_bot.command("The union vote won", user_name="<!channel> @everyone\u202e")
    assert "#1" in await http_bot.reply()
    await http_bot.core.settle()
    [name] = await stored_names(http_bot.core)
    assert "\u202e" not in name
    (card,) = http_bot.api.posts(REVIEW)  # still posted, exactly once
    assert "<!channel>" not in str(card["blocks"]) + card["text"]


async def test_an_app_found_by_the_look_up_has_its_share_withdrawn_before_any_card(http_bot):
    # Slack lets only people run slash commands; should an app ever get one through, the
    # core's rule (victories come from people) still holds once it is looked up.
    http_bot.api.add_user("U_APP", "Helper App", is_bot=True)
    assert await http_bot.command("Buy followers now", user="U_APP", user_name="helper") == 200
    await http_bot.core.settle()
    [item] = await http_bot.core.store.run(
        lambda db: list(db.query("SELECT status, user_id FROM victories"))
    )
    assert item == {"status": "withdrawn", "user_id": "U_APP"}
    assert http_bot.api.posts(REVIEW) == []  # no moderator ever saw it
    # Known now: its next share is refused outright.
    await http_bot.command("Buy followers again", user="U_APP", name="r2")
    assert "shared by people" in await http_bot.reply("r2")
