"""The buttons and forms every platform relays (bot.chat.forms), on the real core and a
real SQLite database: who may press what (editor, member, blocked member, bot), what a
copy-edit keeps in the audit log, and that a number always means the asking community's
item."""

from __future__ import annotations

import json

import pytest

from bot.chat import commands, forms
from bot.chat.replies import Form
from bot.messages import fill
from bot.model import Actor, Decision, Status, Submission
from bot.render.plain import render_plain
from bot.store import audit, victories
from tests.conftest import EDITOR, MEMBER, OTHER

BOT = Actor("console", "editor", "Editor Eve", is_bot=True)  # an editor's id, but a bot


async def submit(core, text="The library stays open", actor=OTHER, **fields) -> int:
    receipt = await core.submissions.submit(core.community, actor, Submission(text=text, **fields))
    await core.settle()
    return receipt.number


def someone(i: int) -> Actor:
    return Actor("console", f"member-{i}", f"Member {i}")


async def blocked_member(core) -> Actor:
    await core.review.block(core.community, EDITOR, platform="console", user_id=MEMBER.user_id)
    return MEMBER


def item(core, number):
    return core.store.call(victories.by_number, community=core.community.id, number=number)


async def every_forms_call(core, actor, number):
    """Each editor action of bot.chat.forms, as ``actor``; returns the replies."""
    c = core.community
    replies = [await forms.button(core, c, actor, action, number) for action in forms.ACTIONS]
    replies.append(await forms.reject(core, c, actor, number, "spam"))
    replies.append(await forms.copy_edit(core, c, actor, number, {"text": "Changed"}))
    replies.append(await forms.write_slot(core, c, actor, "note", "A note"))
    replies.append(await forms.queue(core, c, actor))
    replies.append(await forms.slot_form(core, c, actor, "note"))
    for typed in (f"move {number} 1", "queue", "note"):  # the typed verbs of the desk
        replies.append(await commands.handle(core, c, actor, "victories", typed))
    return replies


@pytest.mark.parametrize("who", ["member", "blocked", "bot"])
async def test_nobody_but_an_editor_changes_anything_through_buttons_or_forms(core, who):
    number = await submit(core)
    actor = {"member": MEMBER, "bot": BOT}.get(who) or await blocked_member(core)
    before = core.store.call(audit.of_community, community=core.community.id)
    for reply in await every_forms_call(core, actor, number):
        assert not reply.ok and reply.form is None
        assert "Only editors" in reply.plain()
        assert reply.private
    assert await forms.pending_choices(core, core.community, actor, "") == []
    after = item(core, number)
    assert (after.status, after.text) == (Status.PENDING, "The library stays open")
    assert core.store.call(audit.of_community, community=core.community.id) == before
    draft = await core.issues.next_issue(core.community)
    assert draft.filled_slots == []


async def test_an_editor_may_use_every_button_and_form(core):
    number = await submit(core)
    c = core.community
    approve = await forms.button(core, c, EDITOR, "approve", number)
    assert approve.ok and item(core, number).status == Status.APPROVED
    feature = await forms.button(core, c, EDITOR, "feature", number)
    assert feature.ok and item(core, number).featured
    reject = await forms.button(core, c, EDITOR, "reject", number)
    assert reject.ok and reject.form == Form("reject", number=number)
    assert f"/victories reject {number}" in reject.plain()  # what the console shows
    edit = await forms.button(core, c, EDITOR, "edit", number)
    assert edit.form == Form(
        "edit",
        number=number,
        prefill={
            "text": "The library stays open",
            "link": "",
            "thanks_to": "",
            "credit": "name",
        },
    )
    rejected = await forms.reject(core, c, EDITOR, number, "  Not a victory yet  ")
    assert rejected.ok
    assert (item(core, number).status, item(core, number).reason) == (
        Status.REJECTED,
        "Not a victory yet",
    )
    unknown = await forms.button(core, c, EDITOR, "delete", number)
    assert not unknown.ok and "delete" in unknown.plain()


async def test_buttons_on_a_published_or_withdrawn_item_are_refused(core):
    gone = await submit(core, "Withdrawn news")
    await core.submissions.withdraw(core.community, OTHER, gone)
    for action in ("edit", "reject", "approve"):
        reply = await forms.button(core, core.community, EDITOR, action, gone)
        assert not reply.ok and reply.form is None, action
    reply = await forms.copy_edit(core, core.community, EDITOR, gone, {"text": "New"})
    assert not reply.ok and item(core, gone).text == "Withdrawn news"
    missing = await forms.button(core, core.community, EDITOR, "edit", 99)
    assert not missing.ok and "#99" in missing.plain()


async def test_published_items_cannot_be_copy_edited(core):
    number = await submit(core)
    await core.review.decide(core.community, EDITOR, number, Decision.APPROVE)
    await core.issues.publish(core.community, force=True)
    reply = await forms.copy_edit(core, core.community, EDITOR, number, {"text": "Rewritten"})
    assert not reply.ok and "already ran" in reply.plain()
    assert item(core, number).text == "The library stays open"


async def test_copy_edit_keeps_before_and_after_refreshes_cards_and_shows_in_mine(core, surface):
    number = await submit(core, "Teh library stays opne", actor=MEMBER, link="https://a.org/x")
    await core.review.decide(core.community, EDITOR, number, Decision.APPROVE)
    updates = len(surface.card_updates)
    reply = await forms.copy_edit(
        core,
        core.community,
        EDITOR,
        number,
        {"text": "The library stays open.\n\nIt was saved by readers.", "thanks_to": "Ben"},
    )
    await core.settle()
    assert reply.ok, reply.plain()
    edited = item(core, number)
    assert edited.text == "The library stays open.\n\nIt was saved by readers."
    assert (edited.link, edited.thanks_to) == ("https://a.org/x", "Ben")
    assert edited.status == Status.APPROVED  # an editor's fix keeps its place in review
    (row,) = [r for r in core.store.call(audit.of_victory, edited.id) if r["action"] == "copy-edit"]
    assert (row["platform"], row["user_id"]) == ("console", "editor")
    assert json.loads(row["detail"]) == {
        "before": {"text": "Teh library stays opne", "thanks_to": ""},
        "after": {
            "text": "The library stays open.\n\nIt was saved by readers.",
            "thanks_to": "Ben",
        },
    }
    assert len(surface.card_updates) > updates
    assert "It was saved by readers." in render_plain(surface.card_updates[-1][1])
    mine = await commands.handle(core, core.community, MEMBER, "victory", "mine")
    assert "The library stays open." in mine.plain()
    same = await forms.copy_edit(core, core.community, EDITOR, number, {"thanks_to": "Ben"})
    assert same.ok and "unchanged" in same.plain()


@pytest.mark.parametrize(
    "fields, refusal",
    [
        ({"text": ""}, "empty"),
        ({"text": "x" * 601}, "601 characters"),
        ({"link": "javascript:alert(1)"}, "can't be used"),
        ({"credit": "everyone"}, "Credit can be"),
        ({"thanks_to": "y" * 81}, "limit is 80"),
    ],
)
async def test_copy_edit_is_checked_like_a_submission(core, fields, refusal):
    number = await submit(core)
    reply = await forms.copy_edit(core, core.community, EDITOR, number, fields)
    assert not reply.ok and refusal in reply.plain()
    assert item(core, number).text == "The library stays open"


async def test_copy_edit_cleans_hostile_text(core):
    number = await submit(core)
    reply = await forms.copy_edit(
        core, core.community, EDITOR, number, {"text": "Won\u202e\x00 @everyone <!channel>"}
    )
    assert reply.ok
    assert item(core, number).text == "Won @everyone <!channel>"  # stored; escaped per surface


async def test_write_slot_keeps_paragraphs_and_each_ps_paragraph_is_an_entry(core):
    c = core.community
    note = "First thought.\n\n\n\nSecond thought.\n> A quote\n\nThird."
    assert (await forms.write_slot(core, c, EDITOR, "note", note)).ok
    form = await forms.slot_form(core, c, EDITOR, "note")
    assert form.ok and form.form == Form(
        "slot",
        slot="note",
        prefill={"text": "First thought.\n\nSecond thought.\n> A quote\n\nThird."},
    )
    assert "/victories note" in form.plain()
    assert (await forms.write_slot(core, c, EDITOR, "ps", "One.\n\nTwo.")).ok
    assert (await forms.slot_form(core, c, EDITOR, "ps")).form.prefill == {"text": "One.\n\nTwo."}
    cleared = await forms.write_slot(core, c, EDITOR, "ps", "  \n ")
    assert cleared.ok and "Cleared" in cleared.plain()
    filled = (await core.issues.next_issue(c)).filled_slots  # slot names, said at the edge
    assert [fill(slot) for slot in filled] == ["editor's note"]
    bad = await forms.write_slot(core, c, EDITOR, "song", "x")
    assert not bad.ok
    many = await forms.write_slot(core, c, EDITOR, "action", "\n\n".join("s" for _ in range(11)))
    assert not many.ok


@pytest.mark.parametrize("slot", ["note", "thanks", "action", "ps"])
async def test_a_slot_typed_without_text_answers_with_its_form_and_usage(core, slot):
    reply = await commands.handle(core, core.community, EDITOR, "victories", slot)
    assert reply.ok and reply.form is not None
    assert (reply.form.kind, reply.form.slot, reply.form.prefill) == ("slot", slot, {"text": ""})
    assert f"/victories {slot}" in reply.plain()
    member = await commands.handle(core, core.community, MEMBER, "victories", slot)
    assert not member.ok and member.form is None


async def test_the_queue_is_paged_typed_or_called(core):
    numbers = [await submit(core, f"Victory number {i}", actor=someone(i)) for i in range(23)]
    first = await forms.queue(core, core.community, EDITOR)
    assert "page 1 of 3 (23 victories)" in first.plain()
    assert f"#{numbers[0]} " in first.plain() and f"#{numbers[10]} " not in first.plain()
    assert "/victories queue 2" in first.plain()
    typed = await commands.handle(core, core.community, EDITOR, "victories", "queue 3")
    assert "page 3 of 3" in typed.plain() and f"#{numbers[22]} " in typed.plain()
    assert "/victories queue 4" not in typed.plain()
    past = await commands.handle(core, core.community, EDITOR, "victories", "queue 99")
    assert "page 3 of 3" in past.plain()
    bad = await commands.handle(core, core.community, EDITOR, "victories", "queue x")
    assert not bad.ok and "/victories queue [page]" in bad.plain()
    member = await commands.handle(core, core.community, MEMBER, "victories", "queue")
    assert not member.ok


async def test_an_empty_queue_says_so(core):
    assert "empty" in (await forms.queue(core, core.community, EDITOR)).plain()


async def test_pending_choices_match_number_or_text_and_only_open_items(core):
    library = await submit(core, "The library stays open")
    clinic = await submit(core, "The clinic stays open")
    gone = await submit(core, "The library withdrew")
    await core.submissions.withdraw(core.community, OTHER, gone)
    c = core.community
    assert await forms.pending_choices(core, c, EDITOR, "library") == [
        (library, f"#{library} The library stays open")
    ]
    assert [n for n, _ in await forms.pending_choices(core, c, EDITOR, "")] == [clinic, library]
    assert [n for n, _ in await forms.pending_choices(core, c, EDITOR, f"#{clinic}")] == [clinic]
    assert await forms.pending_choices(core, c, EDITOR, "%") == []
    for i in range(30):
        await submit(core, "Long " + "word " * 40 + str(i), actor=someone(i))
    many = await forms.pending_choices(core, c, EDITOR, "long")
    assert len(many) == 25 and all(len(label) <= 100 for _, label in many)


def test_shared_message_prefills_the_victory_form():
    form = forms.shared_message(
        "We won!\n\n\n\nSee <https://news.example/a?b=1|the story> and https://second.example",
        "Ana\u202e Lopez",
    )
    assert form.kind == "victory"
    assert form.prefill["link"] == "https://news.example/a?b=1"
    assert form.prefill["thanks_to"] == "Ana Lopez"
    assert form.prefill["text"].startswith("We won!\n\nSee ")
    long = forms.shared_message("x" * 5000 + " javascript:alert(1)", "B" * 200)
    assert len(long.prefill["text"]) == 600 and long.prefill["link"] == ""
    assert len(long.prefill["thanks_to"]) == 80
    assert len(forms.shared_message("y" * 900, "C", limit=700).prefill["text"]) == 700
    assert forms.shared_message("", "").prefill == {"text": "", "link": "", "thanks_to": ""}


async def test_a_number_always_means_the_asking_communitys_item(core):
    a = core.community
    b = await core.communities.for_place("console", "riverside", create=True)
    b = await core.communities.change(b, EDITOR, "intake.cooldown", "0s")
    ours = await submit(core, "Library saved in A")
    theirs = []
    for text in ("Bridge repaired in B", "Park reopened in B"):
        receipt = await core.submissions.submit(b, someone(len(theirs)), Submission(text=text))
        theirs.append(receipt.number)
    await core.settle()
    assert ours == theirs[0] == 1
    # #2 exists only in B: from A it is unknown, whatever the button or form.
    for reply in (
        await forms.button(core, a, EDITOR, "approve", 2),
        await forms.button(core, a, EDITOR, "edit", 2),
        await forms.reject(core, a, EDITOR, 2, "no"),
        await forms.copy_edit(core, a, EDITOR, 2, {"text": "Hijacked"}),
    ):
        assert not reply.ok and "no victory #2" in reply.plain()
    # #1 from B is B's item; A's #1 is untouched.
    assert (await forms.copy_edit(core, b, EDITOR, 1, {"text": "Bridge fixed in B"})).ok
    edit = await forms.button(core, b, EDITOR, "edit", 1)
    assert edit.form.prefill["text"] == "Bridge fixed in B"
    assert item(core, 1).text == "Library saved in A"
    assert [n for n, _ in await forms.pending_choices(core, a, EDITOR, "")] == [1]
    assert [label for _, label in await forms.pending_choices(core, b, EDITOR, "in")] == [
        "#2 Park reopened in B",
        "#1 Bridge fixed in B",
    ]
    assert "in B" not in (await forms.queue(core, a, EDITOR)).plain()
    assert "(2 victories)" in (await forms.queue(core, b, EDITOR)).plain()


def test_labels_for_every_button_form_and_field():
    from bot.chat import labels

    assert [labels.button(a) for a in forms.ACTIONS] == ["Approve", "Feature", "Reject", "Edit"]
    assert labels.form_title(Form("edit", number=12)) == "Edit victory #12"
    assert labels.form_title(Form("slot", slot="note")) == "The editor's note"
    assert labels.form_title(Form("victory")) == "Share a victory"
    for name in ("text", "link", "thanks_to", "credit", "reason", "slot"):
        assert labels.field(name)
    assert labels.word("share") == "Share as a victory"
    assert labels.word("save") and labels.word("cancel")


async def test_intake_refuses_a_bot_with_one_key_whatever_the_adapter_let_through(core):
    """The rule lives in the core: a bot is refused by intake (even one holding an
    editor's id), by a member's typed verb, and by "Share as a victory" before its form."""
    from bot.model import Refusal

    with pytest.raises(Refusal) as refusal:
        await core.submissions.submit(core.community, BOT, Submission(text="Bot news"))
    assert refusal.value.key == "bots_cannot_share"
    typed = await commands.handle(core, core.community, BOT, "/victory", "Bot news")
    assert not typed.ok and "shared by people" in typed.plain()
    shared = forms.share(BOT, "Good news https://example.org/a", "Ana")
    assert not shared.ok and shared.form is None and "shared by people" in shared.plain()
    person = forms.share(OTHER, "Good news https://example.org/a", "Ana")
    assert person.ok and person.form == forms.shared_message(
        "Good news https://example.org/a", "Ana"
    )
    await core.settle()
    assert core.store.call(victories.queue, community=core.community.id) == []


async def test_a_typed_copy_edit_changes_the_text_only_and_keeps_the_review_state(core):
    """/victories edit <n> <text> (console and Slack; Discord has the card's Edit
    button): an editor's copy-edit, kept in the audit log; nobody else's."""
    number = await submit(core, "The libary stays open", link="https://example.org/l")
    await commands.handle(core, core.community, EDITOR, "/victories", f"approve {number}")
    for actor in (MEMBER, OTHER, BOT):
        refused = await commands.handle(
            core, core.community, actor, "/victories", f"edit {number} Vandalised"
        )
        assert not refused.ok and "Only editors" in refused.plain()
    reply = await commands.handle(
        core, core.community, EDITOR, "/victories", f"edit {number} The library stays open"
    )
    await core.settle()
    assert reply.ok and f"#{number} is edited" in reply.plain()
    edited = item(core, number)
    assert (edited.text, edited.link) == ("The library stays open", "https://example.org/l")
    assert edited.status == Status.APPROVED  # an editor's fix keeps its place in review
    (row,) = [r for r in core.store.call(audit.of_victory, edited.id) if r["action"] == "copy-edit"]
    assert "The libary stays open" in row["detail"] and "The library stays open" in row["detail"]
    alone = await commands.handle(core, core.community, EDITOR, "/victories", f"edit {number}")
    assert alone.form == Form("edit", number=number, prefill=alone.form.prefill)
    assert alone.form.prefill["text"] == "The library stays open"
    assert "/victories edit <number> <new text>" in alone.plain()  # what the console shows
    for line, said in (("edit", "/victories edit <number>"), ("edit 99 x", "no victory #99")):
        reply = await commands.handle(core, core.community, EDITOR, "/victories", line)
        assert not reply.ok and said in reply.plain(), line
