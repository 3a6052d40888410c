"""Newcomers answered under a stand-in name are looked up once members stop waiting, a
few at a time, and each item's cards follow its look-up."""

from __future__ import annotations

import asyncio
import dataclasses

from bot.model import Submission
from bot.render.plain import render_plain
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
