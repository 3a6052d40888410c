"""Removing a reaction falls back to the decision of the reactions still on the card."""

import pytest

from bot.model import Actor
from tests.bot.review.test_moderation import card_react, new_item, status
from tests.conftest import EDITOR, make_config

SAM = Actor(platform="console", user_id="sam", display_name="Sam Editor")


@pytest.fixture
def config():
    return make_config(
        intake={"cooldown": "0s"}, issue={"min_items": 1}, console={"moderators": ["editor", "sam"]}
    )


async def test_removing_a_reject_falls_back_to_the_approval_still_on_the_card(core, surface):
    number = await new_item(core)
    await card_react(core, EDITOR, number, "white_check_mark")
    await card_react(core, SAM, number, "x")
    assert status(core, number) == ("rejected", False)
    await card_react(core, SAM, number, "x", added=False)
    assert status(core, number) == ("approved", False)


async def test_removing_a_star_keeps_the_other_editors_approval(core):
    number = await new_item(core)
    await card_react(core, EDITOR, number, "white_check_mark")
    await card_react(core, SAM, number, "star")
    assert status(core, number) == ("approved", True)
    await card_react(core, SAM, number, "star", added=False)
    assert status(core, number) == ("approved", False)


async def test_removing_an_approval_falls_back_to_a_reject_still_there(core):
    number = await new_item(core)
    await card_react(core, SAM, number, "x")
    await card_react(core, EDITOR, number, "white_check_mark")
    assert status(core, number) == ("approved", False)
    await card_react(core, EDITOR, number, "white_check_mark", added=False)
    assert status(core, number) == ("rejected", False)


async def test_with_no_reaction_left_the_item_returns_to_review(core):
    number = await new_item(core)
    await card_react(core, EDITOR, number, "white_check_mark")
    await card_react(core, SAM, number, "x")
    await card_react(core, SAM, number, "x", added=False)
    await card_react(core, EDITOR, number, "white_check_mark", added=False)
    assert status(core, number) == ("pending", False)
