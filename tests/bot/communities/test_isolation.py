"""Nothing of one community can be seen, decided, edited, published or exported through
another: every member and editor verb, reaction and guessed number, aimed across."""

from __future__ import annotations

from pathlib import Path

import pytest

from bot.archive.export import export_site
from bot.archive.refresh import refresh_site
from bot.chat import commands
from bot.core import Core
from bot.issues.results import PublishStatus
from bot.issues.selection import _next_entries
from bot.model import Actor, Community, Decision, Refusal, Status, Submission
from bot.render.plain import render_plain
from bot.store import cards, deliveries, victories
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


# The hot paths of issue 18 (paged compose, duplicates of chosen items, the retry job's
# check, card records in bulk, the archive refresh) stay inside one community too.


def files_of(root: Path) -> dict[str, bytes]:
    return {p.relative_to(root).as_posix(): p.read_bytes() for p in root.rglob("*") if p.is_file()}


async def approve(core, community, actor, text: str) -> int:
    number = await submit(core, community, actor, text)
    await core.review.decide(community, EDITOR, number, Decision.APPROVE)
    return number


async def test_paged_compose_reads_only_its_own_backlog(two):
    core, _, a, b = two
    for k in range(60):  # more than a page of A's items ahead of B's
        await approve(core, a, Actor("console", f"m{k}", f"Member {k}"), f"Branch {k} saved")
    await approve(core, b, BEN, "Bridge repaired")
    entries, overflow = await core.store.run(_next_entries, community=b.id, max_items=12)
    assert [entry.victory.text for entry in entries] == ["Bridge repaired"]
    assert overflow == 0
    assert await core.store.run(victories.count_ready, community=a.id) == 60
    ids = {v.id for v in await core.store.run(victories.ready, community=a.id)}
    assert await core.store.run(victories.ready_by_ids, community=b.id, ids=ids) == []


async def test_a_card_of_another_community_is_not_recorded(two):
    core, _, a, b = two
    await submit(core, b, BEN, "Bridge repaired")
    await core.settle()
    item = await core.store.run(victories.by_number, community=b.id, number=1)
    rows = [("console", "#x", "m-cross", item.id, a.id), ("console", "#x", "m-own", item.id, b.id)]
    await core.store.run(cards.add_many, rows)
    recorded = {card["message_id"] for card in await core.store.run(cards.of_victory, item.id)}
    assert "m-own" in recorded and "m-cross" not in recorded


async def test_the_retry_job_and_the_refresh_see_only_their_community(two, tmp_path):
    core, _, a, b = two
    await approve(core, a, ANA, "Library saved")
    await core.issues.publish(a, force=True)
    out, full = tmp_path / "refreshed", tmp_path / "full"
    for number, text in enumerate(("Bridge repaired", "Park reopened"), start=1):
        await approve(core, b, BEN, text)
        await core.issues.publish(b, force=True)
        # The first writes B's site whole, the second only what B's issue 2 changed.
        await refresh_site(core.store, community=b.id, config=b.config, out=out, number=number)
    await core.settle()
    for community in (a, b):
        assert not await core.store.run(deliveries.any_unfinished, community=community.id)
    core.store.call(export_site, community=b.id, config=b.config, out=full)
    site = files_of(out)
    assert site == files_of(full)
    assert "issues/2/index.html" in site
    assert not any(b"Library saved" in content for content in site.values())
