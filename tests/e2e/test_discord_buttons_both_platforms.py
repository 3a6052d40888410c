"""A decision or a copy-edit made with a Discord card's buttons shows on every card, the
Slack one included: `victories run` with both tokens in one process."""

from __future__ import annotations

import pytest

from tests.e2e.test_two_platforms import cards_say, discord_card
from tests.fakes.discord_events import answer_text, answers, press, slash, submit_modal
from tests.reliability.bot_process import BotProcess, until
from tests.reliability.community import Community, close_community, open_community

NEWS = "The county dropped its contract with ICE"
EDITED = "The county ended its contract with ICE after two years of organizing"


@pytest.fixture
async def community(tmp_path):
    world = await open_community(tmp_path, slack_digests=1, discord_digests=1)
    yield world
    await close_community(world)


async def test_discord_buttons_update_the_cards_on_both_platforms(community: Community):
    fake, ana, editor = community.discord, community.people["ana"], community.people["editor"]
    bot = BotProcess(community.workdir, community.env())
    await bot.start()
    await bot.ready()
    token = await slash(
        fake, ana, "victory", "share", channel_id=community.discord_general, text=NEWS
    )
    assert "#1" in answer_text((await answers(fake, token))[-1])
    await until(lambda: cards_say(community, NEWS), timeout=10, what="both cards", bot=bot)

    async def pressed(action: str) -> dict:
        token = await press(
            fake,
            editor,
            message=discord_card(community),
            custom_id=f"victory:{action}:1",
            channel_id=community.discord_review,
        )
        return (await answers(fake, token, timeout=10))[-1]

    assert "Approved" in answer_text(await pressed("approve"))
    await until(
        lambda: cards_say(community, "Approved by Eve Editor"), timeout=10, what="cards", bot=bot
    )
    modal = await pressed("edit")
    assert modal["type"] == 9
    rows = [row["components"][0] for row in modal["data"]["components"]]
    values = {i["custom_id"]: i.get("value") or "" for i in rows}
    text_input = next(i for i in rows if i.get("value") == NEWS)
    values[text_input["custom_id"]] = EDITED
    token = await submit_modal(
        fake,
        editor,
        custom_id=modal["data"]["custom_id"],
        values=values,
        channel_id=community.discord_review,
    )
    assert "edited" in answer_text((await answers(fake, token, timeout=10))[-1])
    await until(lambda: cards_say(community, EDITED), timeout=10, what="edited cards", bot=bot)
    assert await bot.stop() == 0
