"""SIGTERM, as a service manager sends it, stops the bot cleanly at any moment, even
while it is still connecting, and frees the database for the next run."""

from __future__ import annotations

import pytest

from tests.reliability.bot_process import BotProcess, until
from tests.reliability.community import Community

SLACK_ONLY = {"slack_digests": 1, "discord_digests": 0}


@pytest.mark.parametrize("community", [SLACK_ONLY], indirect=True)
async def test_sigterm_while_connecting_stops_cleanly(community: Community):
    community.slack.delay("apps.connections.open", 20.0)  # Socket Mode hangs on connecting
    bot = BotProcess(community.workdir, community.env())
    await bot.start()
    await until(
        lambda: community.slack.calls_to("apps.connections.open"),
        timeout=20,
        what="the connection attempt",
        bot=bot,
    )
    assert await bot.stop(timeout=10) == 0
    assert bot.logged("stopping")
    # The database is free again: a new run starts and gets ready.
    await bot.start()
    await bot.ready()
    assert await bot.stop() == 0
