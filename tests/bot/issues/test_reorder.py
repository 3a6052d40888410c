"""``/victories move <n> <position>``: the editor's order of the next issue, shown in the
preview and kept when it is published; later approvals follow it, featured ones first."""

from __future__ import annotations

from bot.chat import commands
from bot.model import Actor, Decision, Submission
from bot.render.plain import render_plain
from bot.store import audit, victories
from tests.bot.helpers import approved, preview_document
from tests.conftest import EDITOR, MEMBER


async def order(core) -> list[str]:
    view = await core.issues.preview(core.community)
    return [entry.victory.text for entry in view.entries]


async def typed(core, actor, line):
    reply = await commands.handle(core, core.community, actor, "victories", line)
    await core.settle()
    return reply


async def test_a_move_shows_in_the_preview_and_is_kept_at_publish(core):
    a = await approved(core, "Alpha won")
    b = await approved(core, "Bravo won", featured=True)
    c = await approved(core, "Charlie won")
    assert await order(core) == ["Bravo won", "Alpha won", "Charlie won"]
    reply = await typed(core, EDITOR, f"move {c} 1")
    assert reply.ok and f"#{c} is now #1" in reply.plain()
    assert await order(core) == ["Charlie won", "Bravo won", "Alpha won"]
    preview = render_plain(await preview_document(core))
    assert (
        preview.index("1. Charlie won") < preview.index("2. Bravo won") < preview.index("3. Alpha")
    )
    shown = (await typed(core, EDITOR, "preview")).plain()
    assert "1. Charlie won" in shown
    assert (await typed(core, EDITOR, f"move #{a} 2")).ok
    assert await order(core) == ["Charlie won", "Alpha won", "Bravo won"]
    (row,) = [r for r in core.store.call(audit.of_community, community=1) if r["action"] == "move"][
        :1
    ]
    assert row["detail"] == "3 -> 2" and row["user_id"] == "editor"
    result = await core.issues.publish(core.community, force=True)
    assert result.ok
    positions = {
        v.text: v.position
        for v in core.store.call(victories.in_issue, community=1, number=result.issue)
    }
    assert positions == {"Charlie won": 1, "Alpha won": 2, "Bravo won": 3}
    assert b  # featured, yet the editor's order put it last


async def test_later_approvals_follow_the_editors_order_featured_ones_first(core):
    await approved(core, "Alpha won")
    b = await approved(core, "Bravo won")
    assert (await typed(core, EDITOR, f"move {b} 1")).ok
    await approved(core, "Delta won")
    await approved(core, "Echo won", featured=True)
    assert await order(core) == ["Echo won", "Bravo won", "Alpha won", "Delta won"]


async def test_an_item_taken_back_loses_its_place(core):
    a = await approved(core, "Alpha won")
    b = await approved(core, "Bravo won")
    assert (await typed(core, EDITOR, f"move {b} 1")).ok
    assert (await typed(core, EDITOR, f"reject {b} not now")).ok
    assert (await typed(core, EDITOR, f"approve {b}")).ok
    assert await order(core) == ["Alpha won", "Bravo won"]  # approved again: back in line
    assert a


async def test_moves_that_cannot_be_done_are_refused_with_the_reason(core):
    a = await approved(core, "Alpha won")
    await approved(core, "Bravo won")
    reply = await typed(core, EDITOR, f"move {a} 3")
    assert not reply.ok and "from 1 to 2" in reply.plain()
    reply = await typed(core, EDITOR, f"move {a} 0")
    assert not reply.ok and "from 1 to 2" in reply.plain()
    pending = await core.submissions.submit(
        core.community, Actor("console", "p", "P"), Submission("Pending")
    )
    reply = await typed(core, EDITOR, f"move {pending.number} 1")
    assert not reply.ok and "isn't in the next issue" in reply.plain()
    assert not (await typed(core, EDITOR, "move 99 1")).ok
    for line in ("move", f"move {a}", "move x 1", f"move {a} 1 2"):
        reply = await typed(core, EDITOR, line)
        assert not reply.ok and "/victories move <number> <position>" in reply.plain(), line
    member = await typed(core, MEMBER, f"move {a} 2")
    assert not member.ok and "Only editors" in member.plain()
    assert await order(core) == ["Alpha won", "Bravo won"]


async def test_a_move_in_one_community_leaves_the_other_alone(core):
    a1 = await approved(core, "Alpha won")
    await approved(core, "Bravo won")
    other = await core.communities.for_place("console", "riverside", create=True)
    for text in ("River one", "River two"):
        receipt = await core.submissions.submit(
            other, Actor("console", text, text), Submission(text)
        )
        await core.review.decide(other, EDITOR, receipt.number, Decision.APPROVE)
    assert (await core.issues.reorder(other, EDITOR, 2, 1)) == 1
    assert await order(core) == ["Alpha won", "Bravo won"]
    view = await core.issues.preview(other)
    assert [e.victory.text for e in view.entries] == ["River two", "River one"]
    assert a1 == 1


async def test_help_lists_move_and_queue(core):
    text = (await typed(core, EDITOR, "help")).plain()
    assert "/victories move <number> <position>" in text and "/victories queue [page]" in text
