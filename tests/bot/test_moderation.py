from bot.model import Actor, Decision, Status
from bot.review import moderation
from bot.store import audit, victories
from tests.conftest import EDITOR, MEMBER, make_config


async def card_react(room, actor, number, emoji, added=True):
    return await room.react(
        actor=actor,
        platform="console",
        channel="#review",
        message_id=f"card-{number}",
        emoji=emoji,
        added=added,
    )


async def new_item(room, text="The school board voted yes"):
    from bot.model import Submission

    reply = await room.submit(MEMBER, Submission(text=text))
    assert reply.ok
    await room.settle()
    return max(int(k.split("-")[1]) for k in room.surfaces["console"].cards)


def status(room, number):
    item = room.store.call(victories.get, number)
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


async def test_approve_reject_feature_and_undo_by_reaction(room, surface):
    number = await new_item(room)
    await card_react(room, EDITOR, number, "white_check_mark")
    assert status(room, number) == ("approved", False)
    await card_react(room, EDITOR, number, "star")
    assert status(room, number) == ("approved", True)
    await card_react(room, EDITOR, number, "star", added=False)
    assert status(room, number) == ("approved", False)
    await card_react(room, EDITOR, number, "white_check_mark", added=False)
    assert status(room, number) == ("pending", False)
    await card_react(room, EDITOR, number, "x")
    assert status(room, number) == ("rejected", False)
    await card_react(room, EDITOR, number, "x", added=False)
    assert status(room, number) == ("pending", False)
    actions = [row["action"] for row in room.store.call(audit.of_victory, number)]
    assert actions == [
        "submit",
        "approve",
        "feature",
        "undo-feature",
        "undo-approve",
        "reject",
        "undo-reject",
    ]
    await room.settle()
    assert "Waiting for review" in surface.cards[f"card-{number}"].plain()


async def test_feature_alone_approves_and_its_removal_returns_to_review(room):
    number = await new_item(room)
    await card_react(room, EDITOR, number, "star")
    assert status(room, number) == ("approved", True)
    await card_react(room, EDITOR, number, "star", added=False)
    assert status(room, number) == ("pending", False)


async def test_non_moderator_reactions_change_nothing(room, surface):
    number = await new_item(room)
    sam = Actor("console", "sam", "Sam")
    reply = await card_react(room, sam, number, "white_check_mark")
    assert not reply.ok
    assert status(room, number) == ("pending", False)
    assert [r["action"] for r in room.store.call(audit.of_victory, number)] == ["submit"]


async def test_other_emoji_and_unknown_messages_are_ignored(room):
    number = await new_item(room)
    assert await card_react(room, EDITOR, number, "tada") is None
    assert (
        await room.react(
            actor=EDITOR,
            platform="console",
            channel="#review",
            message_id="not-a-card",
            emoji="x",
            added=True,
        )
        is None
    )
    assert status(room, number) == ("pending", False)


async def test_decisions_notify_the_submitter_with_reason_and_update_cards(room, surface):
    number = await new_item(room)
    reply = await room.decide(EDITOR, number, Decision.REJECT, reason="Not local news")
    assert reply.ok
    await room.settle()
    user, notice = surface.notices[-1]
    assert user == "ana"
    assert "wasn't accepted" in notice.plain() and "Not local news" in notice.plain()
    assert "Rejected by Editor Eve" in surface.cards[f"card-{number}"].plain()


async def test_unknown_item_gets_a_clear_refusal(room):
    reply = await room.decide(EDITOR, 999, Decision.APPROVE)
    assert not reply.ok and "no victory #999" in reply.plain()


async def test_published_items_cannot_change(room):
    number = await new_item(room)
    await card_react(room, EDITOR, number, "white_check_mark")
    assert (await room.publish(force=True)).ok
    reply = await card_react(room, EDITOR, number, "white_check_mark", added=False)
    assert not reply.ok and "already ran in Issue 1" in reply.plain()
    assert room.store.call(victories.get, number).status == Status.APPROVED
