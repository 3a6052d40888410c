"""GET /healthz on the running bot's one web server: the database is writable and each
platform connected."""

from __future__ import annotations

import re

import aiohttp
import pytest

from adapters.health import health
from bot.store.database import Store
from tests.reliability.bot_process import BotProcess, until
from tests.reliability.community import close_community, open_community


@pytest.fixture
async def community(tmp_path):
    world = await open_community(tmp_path, slack_digests=1, discord_digests=1)
    yield world
    await close_community(world)


async def healthz(bot: BotProcess) -> tuple[int, dict]:
    await until(lambda: bot.logged("web server on"), timeout=30, what="the web server", bot=bot)
    (line,) = bot.logged("web server on")
    assert "/healthz" in line
    base = re.search(r"(http://[^\s]+)", line).group(1)
    async with aiohttp.ClientSession() as session, session.get(base + "/healthz") as response:
        return response.status, await response.json()


async def test_healthz_says_all_is_well(community):
    bot = BotProcess(community.workdir, {**community.env(), "WEB_PORT": "0"})
    await bot.start()
    try:
        await bot.ready()
        status, body = await healthz(bot)
        assert status == 200, body
        assert body == {
            "ok": True,
            "database": "writable",
            "platforms": {"slack": "connected", "discord": "connected"},
        }
    finally:
        assert await bot.stop() == 0


async def test_healthz_names_a_platform_that_is_not_connected(community):
    community.slack.refuse("apps.connections.open", "invalid_auth", times=50)
    # HEALTH_PORT, its older name, still works.
    bot = BotProcess(community.workdir, {**community.env(), "HEALTH_PORT": "0"})
    await bot.start()
    try:
        await bot.ready()
        status, body = await healthz(bot)
        assert status == 503
        assert body["platforms"] == {"slack": "disconnected", "discord": "connected"}
        assert body["database"] == "writable"
    finally:
        assert await bot.stop() == 0


async def test_healthz_names_a_database_that_cannot_be_written(tmp_path):
    store = Store(tmp_path / "victories.db")
    try:
        assert (await health(store, []))[0]
        # SQLite's own switch for a database that refuses every write.
        store.call(lambda db: db.execute("PRAGMA query_only=ON"))
        ok, body = await health(store, [])
        assert not ok
        assert body["database"].startswith("not writable: attempt to write a readonly database")
    finally:
        store.close()
