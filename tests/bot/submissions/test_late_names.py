"""Newcomers answered under a stand-in name are looked up once members stop waiting, a
few at a time, and each item's cards follow its look-up."""

from __future__ import annotations

import asyncio
import dataclasses

from bot.model import Submission
from bot.render.plain import render_plain
from bot.submissions import late_names
from bot.submissions.late_names import AT_ONCE
from tests.conftest import MEMBER


async def test_a_burst_of_newcomers_is_looked_up_a_few_at_a_time(core, surface):
    under_way, most = 0, 0
    looked_up: list[str] = []

    def newcomer(n: int):
        known = dataclasses.replace(MEMBER, user_id=f"new{n}", display_name=f"Real Name {n}")
        stand_in = dataclasses.replace(known, display_name=f"handle{n}")

        async def look_up():
            nonlocal under_way, most
            under_way += 1
            most = max(most, under_way)
            await asyncio.sleep(0.01)  # the platform's round trip
            under_way -= 1
            looked_up.append(known.user_id)
            return known

        return stand_in, look_up

    late = core.submissions.late_names
    for n in range(3 * AT_ONCE):
        actor, look_up = newcomer(n)
        late.name_later(actor, look_up)
        await core.submissions.submit(core.community, actor, Submission(text=f"News {n}"))
    await core.tasks.settle()
    assert len(looked_up) == 3 * AT_ONCE
    assert most == AT_ONCE  # never all of them at once
    cards = [render_plain(card) for card in surface.cards.values()]
    assert len(cards) == 3 * AT_ONCE
    assert all("Real Name" in card and "handle" not in card for card in cards)


async def test_a_look_up_that_never_answers_gives_up_and_the_cards_go_out(
    core, surface, monkeypatch
):
    monkeypatch.setattr(late_names, "LOOK_UP_TIMEOUT", 0.05)
    stand_in = dataclasses.replace(MEMBER, user_id="slow", display_name="handle-slow")

    async def never():
        await asyncio.sleep(3600)
        raise AssertionError("not reached")

    core.submissions.late_names.name_later(stand_in, never)
    await core.submissions.submit(core.community, stand_in, Submission(text="Pool reopened"))
    await asyncio.wait_for(core.tasks.settle(), 5)
    (card,) = surface.cards.values()
    assert "handle-slow" in render_plain(card)


async def test_a_newcomer_twice_in_a_burst_is_renamed_once_and_each_card_goes_out_once(
    core, surface, store
):
    known = dataclasses.replace(MEMBER, user_id="twice", display_name="Real Twice")
    stand_in = dataclasses.replace(known, display_name="handle-twice")

    async def look_up():
        return known

    late = core.submissions.late_names
    for text in ("Rent strike won", "Clinic funded"):
        late.name_later(stand_in, look_up)
        await core.submissions.submit(core.community, stand_in, Submission(text=text))
    await core.tasks.settle()
    cards = [render_plain(card) for card in surface.cards.values()]
    assert len(cards) == 2 and all("Real Twice" in card for card in cards)
    names = store.call(lambda db: db.execute("SELECT display_name FROM victories").fetchall())
    assert names == [("Real Twice",), ("Real Twice",)]
