"""The composition root: builds the store, newsroom, scheduler and surfaces from settings.

Platform adapters are imported only when their token is configured, so the console bot
starts without touching Slack or Discord code.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import signal
import sys
from dataclasses import dataclass, field
from typing import TextIO

from adapters.console import ConsoleSession, ConsoleSurface, read_lines
from adapters.environment import Environment
from adapters.reconnect import (
    FIRST_RETRY,
    keep_connecting,
    stop_quietly,
    why_not_connected,
)
from adapters.upgrade import backup_before_upgrade
from bot.clock import Clock
from bot.config import Config
from bot.newsroom import Newsroom
from bot.scheduler import IssueScheduler
from bot.store.database import Store
from bot.store.lock import ProcessLock
from bot.surfaces import Surface

log = logging.getLogger("victories")


@dataclass
class Bot:
    store: Store
    room: Newsroom
    lock: ProcessLock
    surfaces: list[Surface] = field(default_factory=list)
    console: ConsoleSurface | None = None
    reconnecting: list[asyncio.Task] = field(default_factory=list)

    async def stop(self) -> None:
        for task in self.reconnecting:
            task.cancel()
        await asyncio.gather(*self.reconnecting, return_exceptions=True)
        await self.room.settle()
        for surface in self.surfaces:
            try:
                await surface.stop()
            except Exception:
                log.exception("error while disconnecting %s", surface.name)
        self.store.close()
        self.lock.release()


def platform_surfaces(room: Newsroom, env: Environment) -> list[Surface]:
    surfaces: list[Surface] = []
    if env.slack_bot_token:
        from adapters.slack import connect as connect_slack

        surfaces.append(connect_slack(room, env))
    if env.discord_token:
        from adapters.discord import connect as connect_discord

        surfaces.append(connect_discord(room, env))
    return surfaces


def open_bot(
    config: Config, env: Environment, *, out: TextIO = sys.stdout, clock: Clock | None = None
) -> Bot:
    """Open the database (refusing if another bot holds it) and build every surface."""
    lock = ProcessLock(env.db_path)
    lock.acquire()
    try:
        backup_before_upgrade(env.db_path)  # opening the store applies pending steps
        store = Store(env.db_path)
    except Exception:
        lock.release()
        raise
    room = Newsroom(store=store, config=config, clock=clock)
    bot = Bot(store=store, room=room, lock=lock)
    bot.surfaces = platform_surfaces(room, env)
    if not bot.surfaces:
        bot.console = ConsoleSurface(out)
        bot.surfaces = [bot.console]
    for surface in bot.surfaces:
        room.attach(surface)
    from adapters.archive_hook import attach_archive

    attach_archive(room)
    return bot


async def start_surfaces(bot: Bot, *, first_retry: float = FIRST_RETRY) -> None:
    """Connect every platform at once (each waits on the network, not on the others),
    then finish what a previous run left undone. A platform that cannot connect (token
    refused, no network) does not stop the others: it is retried in the background."""

    async def connect(surface: Surface) -> None:
        try:
            await surface.start()
        except Exception as err:
            log.error("%s; trying again in %.0f s", why_not_connected(surface, err), first_retry)
            await stop_quietly(surface)
            bot.reconnecting.append(
                asyncio.create_task(keep_connecting(surface, first_retry), name=surface.name)
            )
            return
        log.info("connected %s", surface.name)

    await asyncio.gather(*(connect(surface) for surface in bot.surfaces))
    await bot.room.resume()


async def run(
    config: Config, env: Environment, *, stdin: TextIO = sys.stdin, out: TextIO = sys.stdout
) -> None:
    """Run every configured adapter and the scheduler in one process until stopped
    (console: until end of input)."""
    bot = open_bot(config, env, out=out)
    scheduler = IssueScheduler(bot.room)
    if bot.console is None:
        # Installed before connecting, so a stop request during start-up also ends cleanly.
        _cancel_on_signals(asyncio.current_task())
    health = None
    try:
        await start_surfaces(bot)
        await scheduler.start()
        if env.health_port is not None:
            from adapters.health import HealthServer

            health = HealthServer(
                bot.store, bot.surfaces, host=env.health_host, port=env.health_port
            )
            await health.start()
        if bot.console is not None:
            await read_lines(ConsoleSession(bot.room, bot.console), stdin)
        else:
            log.info("running; stop with Ctrl-C or SIGTERM")
            await asyncio.Event().wait()  # until a signal cancels this task
    except asyncio.CancelledError:
        log.info("stopping")
    finally:
        if health is not None:
            await health.stop()
        scheduler.stop()
        await bot.stop()


def _cancel_on_signals(task: asyncio.Task | None) -> None:
    loop = asyncio.get_running_loop()
    for sig in (signal.SIGINT, signal.SIGTERM):
        with contextlib.suppress(NotImplementedError):
            loop.add_signal_handler(sig, task.cancel)
