"""A platform that could not connect at start-up is tried again, with growing pauses.

A network blip at boot, or a token being rotated, must not take down the other platform
or the weekly schedule. Each try is logged once, in one line, without a traceback.
"""

from __future__ import annotations

import asyncio
import errno
import logging
from typing import Protocol

log = logging.getLogger("victories")

FIRST_RETRY = 2.0  # seconds; doubles after each failed try
LONGEST_PAUSE = 600.0


class Startable(Protocol):
    """A platform surface, or the web server: something that starts, and stops."""

    name: str

    async def start(self) -> None: ...

    async def stop(self) -> None: ...


def why_not_connected(surface: Startable, err: BaseException) -> str:
    """One line saying which platform (or the web server) and why: unreachable, refused,
    or our own port taken."""
    name = surface.name.capitalize()
    detail = " ".join(str(err).split())  # one log line, even for multi-line errors
    if getattr(err, "errno", None) == errno.EADDRINUSE:  # our own port, not the network
        return (
            f"{surface.name}: cannot listen ({detail}); another program uses the port: "
            "stop it or choose another (WEB_PORT, formerly SLACK_HTTP_PORT)"
        )
    if isinstance(err, (OSError, TimeoutError)):
        return (
            f"{surface.name}: cannot reach {name} ({type(err).__name__}: {detail}); "
            "check the network, DNS and any proxy"
        )
    return (
        f"{surface.name}: {name} refused to connect ({type(err).__name__}: {detail}); "
        "check the token (`victories doctor` says more)"
    )


async def keep_connecting(surface: Startable, first_retry: float = FIRST_RETRY) -> None:
    pause, tries = first_retry, 1
    while True:
        await asyncio.sleep(pause)
        tries += 1
        try:
            await surface.start()
        except Exception as err:
            pause = min(pause * 2, LONGEST_PAUSE)
            log.error(
                "%s; try %d failed, trying again in %.0f s",
                why_not_connected(surface, err),
                tries,
                pause,
            )
            await stop_quietly(surface)
            continue
        log.info("connected %s on try %d", surface.name, tries)
        return


async def stop_quietly(surface: Startable) -> None:
    """Free what a failed start opened (sessions, sockets) before the next try."""
    try:
        await surface.stop()
    except Exception as err:
        log.debug("%s: cleaning up after a failed start: %r", surface.name, err)
