"""Reliability tests: the real `victories` process against the fakes, and faults."""

from __future__ import annotations

import os

import pytest

from tests.reliability.community import close_community, open_community

# `make test-full` sets this: every kill point instead of a sample.
FULL = os.environ.get("VICTORIES_FULL_TESTS") == "1"


@pytest.fixture
async def community(tmp_path, request):
    sizes = getattr(request, "param", {"slack_digests": 1, "discord_digests": 1})
    world = await open_community(tmp_path, **sizes)
    yield world
    await close_community(world)


@pytest.fixture(autouse=True)
def _restore_discord_endpoints():
    # The Discord adapter points discord.py's class-level endpoints at the fake; undo that.
    import discord

    base, gateway = discord.http.Route.BASE, discord.gateway.DiscordWebSocket.DEFAULT_GATEWAY
    yield
    discord.http.Route.BASE, discord.gateway.DiscordWebSocket.DEFAULT_GATEWAY = base, gateway
