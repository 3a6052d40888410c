from bot.issues.selection import join_names
from bot.model import Actor, Submission
from bot.store import issues, victories
from tests.bot.helpers import approved
from tests.conftest import EDITOR, make_config


def test_join_names():
    assert join_names(["Ana"]) == "Ana"
    assert join_names(["Ana", "Ben"]) == "Ana and Ben"
    assert join_names(["Ana", "Ben", "Cy"]) == "Ana, Ben and Cy"


async def test_featured_first_then_approval_order(room, surface):
    first = await approved(room, "First approved")
    second = await approved(room, "Second approved")
    star = await approved(room, "Featured later", featured=True)
    doc = await room.preview()
    items = [b for b in doc.blocks if b.kind == "item" and b.section == "victories"]
    assert [b.spans[0].text for b in items] == [
        "Featured later",
        "First approved",
        "Second approved",
    ]
    assert [b.number for b in items] == [1, 2, 3]
    assert {first, second, star} == {1, 2, 3}


async def test_overflow_waits_for_next_issue(store, clock, surface):
    from bot.newsroom import Newsroom

    room = Newsroom(
        store=store,
        config=make_config(issue={"max_items": 2, "min_items": 0}, intake={"cooldown": "0s"}),
        clock=clock,
    )
    room.attach(surface)
    for text in ("one item", "two item", "three item"):
        await approved(room, text)
    assert (await room.publish(force=True)).ok
    assert [v.text for v in store.call(victories.in_issue, 1)] == ["one item", "two item"]
    assert (await room.publish(force=True)).ok
    assert [v.text for v in store.call(victories.in_issue, 2)] == ["three item"]
    await room.settle()


async def test_credits_follow_the_credit_choice(room, surface):
    await approved(room, "Named credit", actor=Actor("console", "a", "Diana Prince"))
    await approved(
        room, "First name credit", actor=Actor("console", "b", "Ben Okafor"), credit="first"
    )
    await approved(room, "Anonymous credit", actor=Actor("console", "c", "Cy"), credit="anonymous")
    await approved(
        room, "Thanked someone", actor=Actor("console", "d", "Dee"), thanks_to="the tenants union"
    )
    text = (await room.preview()).plain()
    assert "Named credit (Thanks, Diana Prince!)" in text
    assert "First name credit (Thanks, Ben!)" in text
    assert "Anonymous credit\n" in text
    assert "Thanked someone (Thanks, the tenants union!)" in text


async def test_duplicates_merge_into_one_item_thanking_everyone(room, surface):
    ana = Actor("console", "ana", "Ana")
    ben = Actor("console", "ben", "Ben")
    await approved(room, "Judge blocks deportations", actor=ana, link="https://example.org/j")
    dup = await approved(
        room, "Court blocks the deportations", actor=ben, link="https://example.org/j/"
    )
    assert room.store.call(victories.get, dup).duplicate_of == 1
    assert (await room.publish(force=True)).ok
    posted = "\n".join(surface.posts_to("#general"))
    assert "1. Judge blocks deportations https://example.org/j (Thanks, Ana and Ben!)" in posted
    assert "2." not in posted.split("victories")[1].split("Got a victory")[0]
    assert room.store.call(victories.get, dup).issue_number == 1


async def test_editorial_slots_render_in_product_order(room, surface):
    from bot.chat import commands

    await approved(room, "A victory")
    for line in (
        "note Welcome back, friends.",
        "song Bread and Roses https://example.org/song",
        "thanks To everyone who marched.",
        "action Call your rep at 555-0100 by Friday",
        "action Sign the petition https://example.org/p",
        "ps Keep going.",
        "ps Really.",
    ):
        reply = await commands.handle(room, EDITOR, "victories", line)
        assert reply.ok, reply.plain()
    text = (await room.preview()).plain()
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
    assert room.store.call(issues.get, 1).status == "draft"


async def test_thin_week_skip_and_post(store, clock, surface):
    from bot.newsroom import Newsroom

    config = make_config(issue={"min_items": 3, "when_thin": "skip"}, intake={"cooldown": "0s"})
    room = Newsroom(store=store, config=config, clock=clock)
    room.attach(surface)
    await approved(room, "Only one item")
    reply = await room.publish(force=False)
    assert "skipped" in reply.plain()
    assert surface.posts == []
    assert (await room.publish(force=True)).ok  # an editor's "publish now" posts anyway
    await room.settle()


async def test_nothing_approved_publishes_nothing(room, surface):
    await room.submit(Actor("console", "x", "X"), Submission(text="pending only"))
    reply = await room.publish(force=True)
    assert not reply.ok and "no approved victories" in reply.plain()
    assert surface.posts == []
