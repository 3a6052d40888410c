"""Publishing to many channels keeps a fixed number of sends in flight per platform, and
does not create a task per channel."""

from __future__ import annotations

import asyncio
from typing import Any

from bot.core import Core
from tests.bot.helpers import approved
from tests.conftest import make_config
from tests.fakes.surface import RecordingSurface

CHANNELS = tuple(f"#c{n}" for n in range(120))


class CountingSurface(RecordingSurface):
    def __init__(self, name: str) -> None:
        super().__init__(name, digest=CHANNELS)
        self.in_flight = self.most_in_flight = self.most_tasks = 0

    async def send_part(
        self, *, channel: str, part: Any, key: str, community: int | None = None
    ) -> str:
        self.in_flight += 1
        self.most_in_flight = max(self.most_in_flight, self.in_flight)
        self.most_tasks = max(self.most_tasks, len(asyncio.all_tasks()))
        try:
            await asyncio.sleep(0)
            return await super().send_part(channel=channel, part=part, key=key, community=community)
        finally:
            self.in_flight -= 1


async def test_sends_in_flight_do_not_grow_with_the_channels(store, clock):
    config = make_config(
        intake={"cooldown": "0s"}, issue={"min_items": 0}, publishing={"concurrency": 4}
    )
    core = Core(store=store, config=config, clock=clock)
    surfaces = [CountingSurface("console"), CountingSurface("other")]
    for surface in surfaces:
        core.attach(surface)
    await approved(core, "The council passed it")
    await core.settle()
    published = await core.issues.publish(core.community, force=True)
    assert published.ok
    for surface in surfaces:
        assert {channel for channel, _, _ in surface.posts} == set(CHANNELS)
        assert surface.most_in_flight == 4
        assert surface.most_tasks < 30  # two platforms x 4 workers, plus the batchers
    await core.settle()
