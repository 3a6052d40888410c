"""The composition root: builds the store, core, scheduler and surfaces from settings,
and wires what runs after what (the archive export after a publish, the scheduler's
re-plan after a skip or move).

Platform adapters are imported only when their token is configured, so the console bot
starts without touching Slack or Discord code.
"""

from __future__ import annotations

import asyncio
import contextlib
import datetime as dt
import logging
import signal
import sys
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, TextIO

from adapters import places
from adapters.archive_setup import attach_archive
from adapters.collector import settle_after_start_up
from adapters.console import ConsoleSession, ConsoleSurface, read_lines
from adapters.email_setup import attach_email
from adapters.environment import Environment
from adapters.reconnect import (
    FIRST_RETRY,
    Startable,
    keep_connecting,
    stop_quietly,
    why_not_connected,
)
from bot.clock import Clock
from bot.config import Config
from bot.core import Core
from bot.issues.job_guard import Backoff
from bot.issues.scheduler import IssueScheduler
from bot.issues.schedules import Schedules
from bot.store.database import Store
from bot.store.lock import ProcessLock
from bot.store.upgrade import backup_before_upgrade
from bot.surfaces import Surface

if TYPE_CHECKING:  # aiohttp's web server loads only when the bot serves one
    from adapters.web import WebServer

log = logging.getLogger("victories")


@dataclass
class Bot:
    store: Store
    core: Core
    lock: ProcessLock
    surfaces: list[Surface] = field(default_factory=list)
    console: ConsoleSurface | None = None
    reconnecting: list[asyncio.Task] = field(default_factory=list)
    web: WebServer | None = None  # the one web server, when WEB_PORT (or Slack HTTP mode) asks

    async def stop(self) -> None:
        for task in self.reconnecting:
            task.cancel()
        await asyncio.gather(*self.reconnecting, return_exceptions=True)
        if self.web is not None:  # first: no request may arrive while the rest closes
            await self.web.stop()
        await self.core.settle()
        if self.core.email is not None:
            await self.core.email.mailer.close()
        for surface in self.surfaces:
            try:
                await surface.stop()
            except Exception:
                log.exception("error while disconnecting %s", surface.name)
        self.store.close()
        self.lock.release()


def platform_surfaces(
    core: Core, env: Environment, *, server: WebServer | None = None
) -> list[Surface]:
    surfaces: list[Surface] = []
    if env.slack_bot_token or env.slack_distributed:
        from adapters.slack import connect as connect_slack

        if env.slack_distributed:  # installed through OAuth: a community per workspace
            core.communities.many = True
        surfaces.append(connect_slack(core, env, server=server))
    if env.discord_token:
        from adapters.discord import connect as connect_discord

        surfaces.append(
            connect_discord(
                core,
                env,
                on_guild_joined=lambda guild, name: places.joined(core, "discord", guild, name),
                on_guild_left=lambda guild: places.left(core, "discord", guild),
            )
        )
    return surfaces


def open_bot(
    config: Config, env: Environment, *, out: TextIO = sys.stdout, clock: Clock | None = None
) -> Bot:
    """Open the database (refusing if another bot holds it) and build every surface."""
    lock = ProcessLock(env.db_path)
    lock.acquire()
    store: Store | None = None
    try:
        backup_before_upgrade(env.db_path)  # opening the store applies pending steps
        # The database opens (and on a new or older file, migrates) on its own thread,
        # mostly inside SQLite, while this one builds the surfaces, loading the platforms'
        # code (~10 ms of the one hidden in the other). Building reads nothing from it.
        store = Store(env.db_path, busy_timeout=env.busy_timeout, wait=False)
        core = Core(store=store, config=config, clock=clock, secret_key=env.secret_key)
        bot = _build(Bot(store=store, core=core, lock=lock), env, out)
        store.opened()
        return bot
    except Exception:  # nothing has started yet: give back the database and the lock
        try:
            if store is not None:
                store.close()
        finally:
            lock.release()
        raise


def _build(bot: Bot, env: Environment, out: TextIO) -> Bot:
    core, port = bot.core, env.server_port
    if port is not None:
        from adapters.web import WebServer

        bot.web = WebServer(host=env.server_host, port=port)
    bot.surfaces = platform_surfaces(core, env, server=bot.web)
    if not bot.surfaces:
        bot.console = ConsoleSurface(out)
        bot.surfaces = [bot.console]
    for surface in bot.surfaces:
        core.attach(surface)
    if bot.web is not None:
        from adapters.health import serve_health

        serve_health(bot.web, bot.store, bot.surfaces)
    attach_email(core, env, bot.web)  # refuses SMTP_URL without its companions
    attach_archive(core)
    return bot


def scheduler_for(core: Core, *, retry_after: dt.timedelta | None = None) -> IssueScheduler:
    """The scheduler of the core's community, re-planning whenever editors skip or move.
    A failed scheduled job is first tried again after ``retry_after`` (then less often)."""
    scheduler = IssueScheduler(
        community=core.community,
        issues=core.issues,
        outreach=core.outreach,
        store=core.store,
        clock=core.clock,
        backoff=Backoff(first=retry_after) if retry_after else None,
    )
    core.issues.calendar_changed.append(lambda community: scheduler.run_due())
    return scheduler


def schedules_for(core: Core, *, retry_after: dt.timedelta | None = None) -> Schedules:
    """Every community's calendar on one scheduler, re-planned whenever a community
    appears, changes its settings or calendar, or is paused."""
    schedules = Schedules(
        issues=core.issues,
        outreach=core.outreach,
        store=core.store,
        clock=core.clock,
        backoff=Backoff(first=retry_after) if retry_after else None,
    )
    core.issues.calendar_changed.append(schedules.changed)
    core.communities.listeners.append(schedules.changed)
    return schedules


async def start_surfaces(bot: Bot, *, first_retry: float = FIRST_RETRY) -> None:
    """Start the web server, connect every platform at once (each waits on the network,
    not on the others), then finish what a previous run left undone. A platform that
    cannot connect (token refused, no network), or a web port in use, does not stop the
    others: it is retried in the background."""

    async def connect(surface: Startable) -> None:
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

    if bot.web is not None:
        await connect(bot.web)  # before the platforms: Slack's HTTP mode is served on it
    await asyncio.gather(*(connect(surface) for surface in bot.surfaces))
    await bot.core.resume()


async def run(
    config: Config, env: Environment, *, stdin: TextIO = sys.stdin, out: TextIO = sys.stdout
) -> None:
    """Run every configured adapter and the scheduler in one process until stopped
    (console: until end of input)."""
    bot = open_bot(config, env, out=out)
    schedules = schedules_for(bot.core, retry_after=dt.timedelta(seconds=env.retry_after))
    if bot.console is None:
        # Installed before connecting, so a stop request during start-up also ends cleanly.
        _cancel_on_signals(asyncio.current_task())
    try:
        await start_surfaces(bot)
        await schedules.start(await bot.core.communities.every())
        if bot.console is not None:
            await read_lines(ConsoleSession(bot.core, bot.console), stdin)
        else:
            settle_after_start_up()
            log.info("running; stop with Ctrl-C or SIGTERM")
            await asyncio.Event().wait()  # until a signal cancels this task
    except asyncio.CancelledError:
        log.info("stopping")
    finally:
        schedules.stop()
        await bot.stop()


def _cancel_on_signals(task: asyncio.Task | None) -> None:
    if task is None:
        return
    loop = asyncio.get_running_loop()
    for sig in (signal.SIGINT, signal.SIGTERM):
        with contextlib.suppress(NotImplementedError):
            loop.add_signal_handler(sig, task.cancel)
