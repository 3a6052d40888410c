"""One member sending 1,000 submissions leaves the queue usable for everyone else."""

from bot.chat import commands
from bot.model import Actor, Decision, Submission
from bot.store import victories
from tests.conftest import EDITOR, make_config


async def test_flood_is_capped_and_the_queue_stays_usable(store, clock, surface):
    from bot.core import Core

    core = Core(
        store=store,
        config=make_config(intake={"per_user_per_day": 5, "cooldown": "0s"}),
        clock=clock,
    )
    core.attach(surface)
    flooder = Actor("console", "flood", "Flood")
    replies = [
        await commands.submit(core, core.community, flooder, Submission(text=f"spam {n}"))
        for n in range(1000)
    ]
    assert sum(r.ok for r in replies) == 5
    assert all("daily limit" in r.plain() for r in replies[5:])
    reply = await commands.submit(
        core, core.community, Actor("console", "ana", "Ana"), Submission(text="Real news")
    )
    assert reply.ok
    await core.settle()
    assert len(store.call(victories.queue, community=1)) == 6
    assert len(surface.cards) == 6  # no card was posted for a refused submission
    await core.review.decide(core.community, EDITOR, 6, Decision.APPROVE)
