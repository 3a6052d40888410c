from bot.chat import commands
from bot.issues.results import PublishStatus
from bot.issues.selection import join_names
from bot.model import Actor, Submission
from bot.render.plain import render_plain
from bot.store import issues, victories
from tests.bot.helpers import approved, preview_document
from tests.conftest import EDITOR, make_config


def test_join_names():
    assert join_names(["Ana"]) == "Ana"
    assert join_names(["Ana", "Ben"]) == "Ana and Ben"
    assert join_names(["Ana", "Ben", "Cy"]) == "Ana, Ben and Cy"


async def test_featured_first_then_approval_order(core, surface):
    first = await approved(core, "First approved")
    second = await approved(core, "Second approved")
    star = await approved(core, "Featured later", featured=True)
    doc = await preview_document(core)
    items = [b for b in doc.blocks if b.kind == "item" and b.section == "victories"]
    assert [b.spans[0].text for b in items] == [
        "Featured later",
        "First approved",
        "Second approved",
    ]
    assert [b.number for b in items] == [1, 2, 3]
    assert {first, second, star} == {1, 2, 3}


async def test_overflow_waits_for_next_issue(store, clock, surface):
    from bot.core import Core

    core = Core(
        store=store,
        config=make_config(issue={"max_items": 2, "min_items": 0}, intake={"cooldown": "0s"}),
        clock=clock,
    )
    core.attach(surface)
    for text in ("one item", "two item", "three item"):
        await approved(core, text)
    assert (await core.issues.publish(core.community, force=True)).ok
    assert [v.text for v in store.call(victories.in_issue, community=1, number=1)] == [
        "one item",
        "two item",
    ]
    assert (await core.issues.publish(core.community, force=True)).ok
    assert [v.text for v in store.call(victories.in_issue, community=1, number=2)] == ["three item"]
    await core.settle()


async def test_credits_follow_the_credit_choice(core, surface):
    await approved(core, "Named credit", actor=Actor("console", "a", "Diana Prince"))
    await approved(
        core, "First name credit", actor=Actor("console", "b", "Ben Okafor"), credit="first"
    )
    await approved(core, "Anonymous credit", actor=Actor("console", "c", "Cy"), credit="anonymous")
    await approved(
        core, "Thanked someone", actor=Actor("console", "d", "Dee"), thanks_to="the tenants union"
    )
    text = render_plain(await preview_document(core))
    assert "Named credit (Thanks, Diana Prince!)" in text
    assert "First name credit (Thanks, Ben!)" in text
    assert "Anonymous credit\n" in text
    assert "Thanked someone (Thanks, the tenants union!)" in text


async def test_duplicates_merge_into_one_item_thanking_everyone(core, surface):
    ana = Actor("console", "ana", "Ana")
    ben = Actor("console", "ben", "Ben")
    await approved(core, "Judge blocks deportations", actor=ana, link="https://example.org/j")
    dup = await approved(
        core, "Court blocks the deportations", actor=ben, link="https://example.org/j/"
    )
    assert core.store.call(victories.get, dup).duplicate_of == 1
    assert (await core.issues.publish(core.community, force=True)).ok
    posted = "\n".join(surface.posts_to("#general"))
    assert "1. Judge blocks deportations https://example.org/j (Thanks, Ana and Ben!)" in posted
    assert "2." not in posted.split("victories")[1].split("Got a victory")[0]
    assert core.store.call(victories.get, dup).issue_number == 1


async def test_editorial_slots_render_in_product_order(core, surface):
    from bot.chat import commands

    await approved(core, "A victory")
    for line in (
        "note Welcome back, friends.",
        "song Bread and Roses https://example.org/song",
        "thanks To everyone who marched.",
        "action Call your rep at 555-0100 by Friday",
        "action Sign the petition https://example.org/p",
        "ps Keep going.",
        "ps Really.",
    ):
        reply = await commands.handle(core, core.community, EDITOR, "victories", line)
        assert reply.ok, reply.plain()
    text = render_plain(await preview_document(core))
    order = [
        "Issue 1",
        "Welcome back, friends.",
        "— The editors",
        "This week's victories",
        "1. A victory",
        "Song of the week",
        "Bread and Roses (https://example.org/song)",
        "Gratitude",
        "To everyone who marched.",
        "Take action",
        "1. Call your rep at 555-0100 by Friday",
        "2. Sign the petition",
        "P.S. Keep going.",
        "P.P.S. Really.",
        "Got a victory? Type /victory to share it.",
    ]
    positions = [text.index(part) for part in order]
    assert positions == sorted(positions)
    assert core.store.call(issues.get, community=1, number=1).status == "draft"


async def test_thin_week_skip_and_post(store, clock, surface):
    from bot.core import Core

    config = make_config(issue={"min_items": 3, "when_thin": "skip"}, intake={"cooldown": "0s"})
    core = Core(store=store, config=config, clock=clock)
    core.attach(surface)
    await approved(core, "Only one item")
    reply = await core.issues.publish(core.community, force=False)
    assert reply.status == PublishStatus.THIN and reply.items == 1
    assert surface.posts == []
    assert (
        await core.issues.publish(core.community, force=True)
    ).ok  # an editor's "publish now" posts anyway
    await core.settle()


async def test_nothing_approved_publishes_nothing(core, surface):
    await commands.submit(
        core, core.community, Actor("console", "x", "X"), Submission(text="pending only")
    )
    reply = await core.issues.publish(core.community, force=True)
    assert not reply.ok and reply.status == PublishStatus.EMPTY
    assert surface.posts == []
