"""Nothing of one community can be seen, decided, edited, published or exported through
another: every member and editor verb, reaction and guessed number, aimed across."""

from __future__ import annotations

import pytest

from bot.chat import commands
from bot.core import Core
from bot.issues.results import PublishStatus
from bot.model import Actor, Community, Decision, Refusal, Status, Submission
from bot.render.plain import render_plain
from bot.store import victories
from tests.conftest import EDITOR
from tests.fakes.surface import RecordingSurface

ANA = Actor("console", "ana", "Ana Lopez")
BEN = Actor("console", "ben", "Ben Okafor")


class PerCommunitySurface(RecordingSurface):
    """Each community reviews and posts in its own channels, as on a real platform."""

    def review_channel_for(self, community: Community) -> str | None:
        return f"#{community.slug}-review"

    def digest_channels_for(self, community: Community) -> tuple[str, ...]:
        return (f"#{community.slug}-news",)


@pytest.fixture
async def two(store, config, clock):
    surface = PerCommunitySurface()
    core = Core(store=store, config=config, clock=clock)
    core.attach(surface)
    a = core.community
    b = await core.communities.for_place("console", "riverside", create=True)
    b = await core.communities.change(b, EDITOR, "intake.cooldown", "0s")
    yield core, surface, a, b
    await core.settle()


async def submit(core: Core, community: Community, actor: Actor, text: str) -> int:
    receipt = await core.submissions.submit(community, actor, Submission(text=text))
    return receipt.number


async def test_each_community_numbers_its_own_items_and_issues(two):
    core, surface, a, b = two
    assert b.id != a.id and b.slug == "riverside"
    assert await submit(core, a, ANA, "Library saved") == 1
    assert await submit(core, b, BEN, "Bridge repaired") == 1
    assert await submit(core, b, BEN, "Park reopened") == 2
    await core.settle()
    assert sorted(surface.card_channels.values()) == [
        "#default-review",
        "#riverside-review",
        "#riverside-review",
    ]
    for community in (a, b):
        await core.review.decide(community, EDITOR, 1, Decision.APPROVE)
    published_a = await core.issues.publish(a, force=True)
    assert published_a.status == PublishStatus.PUBLISHED and published_a.issue == 1
    posts: dict[str, str] = {}
    for channel, _, part in surface.posts:
        posts[channel] = posts.get(channel, "") + part + "\n"
    assert set(posts) == {"#default-news"}
    assert "Library saved" in posts["#default-news"] and "Bridge" not in posts["#default-news"]
    published_b = await core.issues.publish(b, force=True)
    assert published_b.issue == 1  # B's own first issue, not A's second
    b_text = "\n".join(part for channel, _, part in surface.posts if channel == "#riverside-news")
    assert "Bridge repaired" in b_text and "Library" not in b_text
    assert "Park reopened" not in b_text  # still pending in B


async def test_a_decision_by_number_reaches_only_its_own_community(two):
    core, _, a, b = two
    await submit(core, a, ANA, "Library saved")
    await submit(core, b, BEN, "Bridge repaired")
    await core.review.decide(b, EDITOR, 1, Decision.REJECT)
    mine = {
        c.id: v
        for c in (a, b)
        for v in [await core.store.run(victories.by_number, community=c.id, number=1)]
    }
    assert mine[a.id].status == Status.PENDING and mine[b.id].status == Status.REJECTED
    with pytest.raises(Refusal) as guessed:
        await core.review.decide(a, EDITOR, 2, Decision.APPROVE)  # B has no #2 either
    assert guessed.value.key == "unknown_item"


async def test_a_reaction_on_another_communitys_card_decides_nothing(two):
    core, surface, a, b = two
    await submit(core, b, BEN, "Bridge repaired")
    await core.settle()
    (message_id,) = surface.cards
    outcome = await core.review.react(
        a,
        actor=EDITOR,
        platform="console",
        channel="#riverside-review",
        message_id=message_id,
        emoji="white_check_mark",
        added=True,
    )
    assert outcome is None
    item = await core.store.run(victories.by_number, community=b.id, number=1)
    assert item.status == Status.PENDING


async def test_members_verbs_and_editors_views_stay_inside(two):
    core, _, a, b = two
    await submit(core, a, ANA, "Library saved")
    await submit(core, b, ANA, "Bridge repaired")  # the same person in both
    reply = await commands.handle(core, b, ANA, "victory", "withdraw 1")
    assert reply.ok
    assert (await core.store.run(victories.by_number, community=a.id, number=1)).status == (
        Status.PENDING
    )
    assert [v.text for v in await core.submissions.mine(a, ANA)] == ["Library saved"]
    assert [v.text for v in await core.review.queue(a, EDITOR)] == ["Library saved"]
    assert await core.review.queue(b, EDITOR) == []
    preview = render_plain((await commands.handle(core, b, EDITOR, "victories", "preview")).doc)
    assert "Library" not in preview


async def test_a_block_holds_only_where_it_was_made(two):
    core, _, a, b = two
    await core.review.block(a, EDITOR, platform="console", user_id="ana")
    with pytest.raises(Refusal) as blocked:
        await submit(core, a, ANA, "Library saved")
    assert blocked.value.key == "blocked"
    assert await submit(core, b, ANA, "Bridge repaired") == 1


async def test_the_calendar_is_each_communitys_own(two):
    core, _, a, b = two
    await core.issues.skip(b)
    assert (await core.issues.next_issue(b)).skipped
    assert not (await core.issues.next_issue(a)).skipped
