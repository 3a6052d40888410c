import pytest

from bot.chat import commands
from bot.model import Actor, Decision, Refusal, Status
from bot.render.plain import render_plain
from bot.review import moderation
from bot.store import audit, victories
from tests.conftest import EDITOR, MEMBER, make_config


async def card_react(core, actor, number, emoji, added=True):
    return await commands.react(
        core,
        core.community,
        actor=actor,
        platform="console",
        channel="#review",
        message_id=f"card-{number}",
        emoji=emoji,
        added=added,
    )


async def new_item(core, text="The school board voted yes"):
    from bot.model import Submission

    reply = await commands.submit(core, core.community, MEMBER, Submission(text=text))
    assert reply.ok
    await core.settle()
    return max(int(k.split("-")[1]) for k in core.surfaces["console"].cards)


def status(core, number):
    item = core.store.call(victories.get, number)
    return item.status.value, item.featured


def test_moderator_policy_per_platform():
    config = make_config(
        slack={"moderators": {"users": ["U1"], "usergroups": ["S9"]}},
        discord={"moderator_roles": ["444"]},
    )
    assert moderation.is_moderator(Actor("slack", "U1"), config)
    assert moderation.is_moderator(Actor("slack", "U2", groups=frozenset({"S9"})), config)
    assert not moderation.is_moderator(Actor("slack", "U2", groups=frozenset({"S1"})), config)
    assert moderation.is_moderator(Actor("discord", "7", groups=frozenset({"444"})), config)
    assert not moderation.is_moderator(Actor("discord", "7", is_admin=True), config)
    no_roles = make_config()
    assert moderation.is_moderator(Actor("discord", "7", is_admin=True), no_roles)
    assert not moderation.is_moderator(Actor("discord", "7"), no_roles)
    assert not moderation.is_moderator(Actor("slack", "U1", is_bot=True), config)
    assert moderation.is_moderator(Actor("console", "editor"), no_roles)
    assert not moderation.is_moderator(Actor("console", "sam"), no_roles)


async def test_approve_reject_feature_and_undo_by_reaction(core, surface):
    number = await new_item(core)
    await card_react(core, EDITOR, number, "white_check_mark")
    assert status(core, number) == ("approved", False)
    await card_react(core, EDITOR, number, "star")
    assert status(core, number) == ("approved", True)
    await card_react(core, EDITOR, number, "star", added=False)
    assert status(core, number) == ("approved", False)
    await card_react(core, EDITOR, number, "white_check_mark", added=False)
    assert status(core, number) == ("pending", False)
    await card_react(core, EDITOR, number, "x")
    assert status(core, number) == ("rejected", False)
    await card_react(core, EDITOR, number, "x", added=False)
    assert status(core, number) == ("pending", False)
    actions = [row["action"] for row in core.store.call(audit.of_victory, number)]
    assert actions == [
        "submit",
        "approve",
        "feature",
        "undo-feature",
        "undo-approve",
        "reject",
        "undo-reject",
    ]
    await core.settle()
    assert "Waiting for review" in render_plain(surface.cards[f"card-{number}"])


async def test_feature_alone_approves_and_its_removal_returns_to_review(core):
    number = await new_item(core)
    await card_react(core, EDITOR, number, "star")
    assert status(core, number) == ("approved", True)
    await card_react(core, EDITOR, number, "star", added=False)
    assert status(core, number) == ("pending", False)


async def test_non_moderator_reactions_change_nothing(core, surface):
    number = await new_item(core)
    sam = Actor("console", "sam", "Sam")
    reply = await card_react(core, sam, number, "white_check_mark")
    assert not reply.ok
    assert status(core, number) == ("pending", False)
    assert [r["action"] for r in core.store.call(audit.of_victory, number)] == ["submit"]


async def test_other_emoji_and_unknown_messages_are_ignored(core):
    number = await new_item(core)
    assert await card_react(core, EDITOR, number, "tada") is None
    assert (
        await commands.react(
            core,
            core.community,
            actor=EDITOR,
            platform="console",
            channel="#review",
            message_id="not-a-card",
            emoji="x",
            added=True,
        )
        is None
    )
    assert status(core, number) == ("pending", False)


async def test_decisions_notify_the_submitter_with_reason_and_update_cards(core, surface):
    number = await new_item(core)
    reply = await core.review.decide(
        core.community, EDITOR, number, Decision.REJECT, reason="Not local news"
    )
    assert reply.victory.status == Status.REJECTED and reply.notice == "notice_rejected"
    await core.settle()
    user, notice = surface.notices[-1]
    assert user == "ana"
    assert "wasn't accepted" in render_plain(notice) and "Not local news" in render_plain(notice)
    assert "Rejected by Editor Eve" in render_plain(surface.cards[f"card-{number}"])


async def test_unknown_item_gets_a_clear_refusal(core):
    with pytest.raises(Refusal) as refused:
        await core.review.decide(core.community, EDITOR, 999, Decision.APPROVE)
    assert refused.value.key == "unknown_item" and refused.value.fields == {"number": 999}


async def test_published_items_cannot_change(core):
    number = await new_item(core)
    await card_react(core, EDITOR, number, "white_check_mark")
    assert (await core.issues.publish(core.community, force=True)).ok
    reply = await card_react(core, EDITOR, number, "white_check_mark", added=False)
    assert not reply.ok and "already ran in Issue 1" in reply.plain()
    assert core.store.call(victories.get, number).status == Status.APPROVED
