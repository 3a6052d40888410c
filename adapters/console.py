"""The console: try the whole flow with no tokens. Reads commands, prints what channels show.

/victory <text> [link] [thanks: Name]   submit as the current console user (\\n\\n: a paragraph)
/queue                                  the review queue with item numbers
/react <n> <emoji-name>                 react to item n's review card
/unreact <n> <emoji-name>               take that reaction back
/as <name>                              become another console user
/community <name>                       work in another community (made on first use)
/victories ...                          editors' commands (preview, publish now, ...)
/help                                   this list
"""

from __future__ import annotations

import asyncio
import codecs
import logging
import os
import sys
import threading
from typing import Any, TextIO

from adapters.console_terminal import at_terminal, terminal_lines
from bot.chat import commands
from bot.chat.replies import refused
from bot.core import Core
from bot.document import Document, one_line
from bot.model import DEFAULT_COMMUNITY, Actor, Community, Refusal
from bot.render.plain import render_plain
from bot.surfaces import Surface

log = logging.getLogger("victories.console")
REVIEW = "#review"
DIGEST = "#general"
HELP = __doc__.split("\n\n", 1)[1]


class ConsoleSurface(Surface):
    name = "console"

    def __init__(self, out: TextIO) -> None:
        self.out = out
        self.review_channel = REVIEW
        self.digest_channels = (DIGEST,)
        self._next_message = 0
        self._sent: dict[tuple[str, str], str] = {}

    def show(self, where: str, text: str) -> None:
        for line in text.splitlines() or [""]:
            self.out.write(f"[{where}] {line}\n")
        self.out.flush()

    def _message_id(self) -> str:
        self._next_message += 1
        return f"m{self._next_message}"

    def review_channel_for(self, community: Community) -> str | None:
        return REVIEW if community.slug == DEFAULT_COMMUNITY else f"#{community.slug}-review"

    def digest_channels_for(self, community: Community) -> tuple[str, ...]:
        return (DIGEST,) if community.slug == DEFAULT_COMMUNITY else (f"#{community.slug}",)

    async def post_card(
        self, *, channel: str, victory_id: int, card: Document, community: int | None = None
    ) -> tuple[str, str]:
        self.show(channel, render_plain(card))
        return channel, f"card-{victory_id}"

    async def update_card(
        self, *, channel: str, message_id: str, card: Document, community: int | None = None
    ) -> None:
        self.show(channel, "(card updated) " + card.blocks[-1].spans[0].text)

    async def notify(
        self, *, user_id: str, message: Document, community: int | None = None
    ) -> bool:
        self.show(f"DM to {user_id}", render_plain(message))
        return True

    async def tell_moderators(
        self, *, channel: str, message: Document, community: int | None = None
    ) -> None:
        self.show(channel, render_plain(message))

    def render_issue(self, issue: Document) -> list[Any]:
        return [render_plain(issue)]

    async def send_part(
        self, *, channel: str, part: Any, key: str, community: int | None = None
    ) -> str:
        self.show(channel, part)
        ref = self._message_id()
        self._sent[(channel, key)] = ref
        return ref

    async def find_part(
        self, *, channel: str, key: str, since=None, community: int | None = None
    ) -> str | None:
        return self._sent.get((channel, key))


class ConsoleSession:
    """Turns console lines into calls on the core, as a chat platform adapter would."""

    def __init__(self, core: Core, surface: ConsoleSurface) -> None:
        self.core = core
        self.surface = surface
        self.user = core.config.console.user
        self.place = DEFAULT_COMMUNITY  # the console's stand-in for a workspace or server

    @property
    def actor(self) -> Actor:
        return Actor(
            platform="console", user_id=self.user, display_name=self.user, place=self.place
        )

    async def community(self) -> Community:
        return await self.core.communities.for_place(
            "console", self.place, create=self.place != DEFAULT_COMMUNITY
        )

    def say(self, text: str) -> None:
        self.surface.show(f"to {self.user}", text)

    async def handle(self, line: str) -> None:
        line = line.strip().replace("\\n", "\n")  # a prompt takes one line: \n is a new one
        if not line:
            return
        word, _, rest = line.partition(" ")
        word = word.lower()
        if word in ("/victory", "/victories"):
            reply = await commands.handle(self.core, await self.community(), self.actor, word, rest)
            self.say(reply.plain())
        elif word == "/community":
            await self._switch(rest.strip())
        elif word in ("/react", "/unreact"):
            await self._react(rest, added=word == "/react")
        elif word == "/queue":
            await self._queue()
        elif word == "/as":
            name = rest.strip()
            if not name or len(name) > 40 or not name.replace("-", "").replace("_", "").isalnum():
                self.say("Usage: /as <name> (letters, digits, - and _)")
            else:
                self.user = name
                self.say(f"You are now {name}.")
        elif word in ("/help", "help"):
            self.say(HELP)
        else:
            self.say(f"I don't know “{line[:40]}”. Type /help for the commands.")
        await self.core.settle()

    async def _switch(self, name: str) -> None:
        if not name:
            self.say(f"You are in {(await self.community()).slug}. Usage: /community <name>")
        elif len(name) > 40 or not name.replace("-", "").replace("_", "").isalnum():
            self.say("Usage: /community <name> (letters, digits, - and _)")
        else:
            self.place = name.lower()
            self.say(f"You are now in {(await self.community()).slug}.")

    async def _react(self, rest: str, *, added: bool) -> None:
        parts = rest.split()
        if len(parts) != 2 or not parts[0].lstrip("#").isdigit():
            self.say("Usage: /react <item number> <emoji-name>, e.g. /react 3 white_check_mark")
            return
        number = int(parts[0].lstrip("#"))
        community = await self.community()
        card = await self.core.review.card_of(community, number, "console")
        if card is None:
            self.say(f"There is no review card for item #{number}.")
            return
        reply = await commands.react(
            self.core,
            community,
            actor=self.actor,
            platform="console",
            channel=card[0],
            message_id=card[1],
            emoji=parts[1],
            added=added,
        )
        self.say(reply.plain() if reply else f"“{parts[1]}” isn't a review reaction.")

    async def _queue(self) -> None:
        try:
            items = await self.core.review.queue(await self.community(), self.actor)
        except Refusal as refusal:
            self.say(refused(refusal).plain())
            return
        if not items:
            self.say("The review queue is empty.")
            return
        lines = [
            f"#{v.number} [{v.status.value}{', featured' if v.featured else ''}] {one_line(v.text, 100)}"
            for v in items
        ]
        self.say("\n".join(lines))


async def read_lines(session: ConsoleSession, stream: TextIO = sys.stdin) -> None:
    """Feed stdin to the session until EOF; works interactively and piped."""
    if stream.isatty():
        session.say("Small Victories console. Type /help for the commands, Ctrl-D to quit.")
    lines: asyncio.Queue[str] = asyncio.Queue()
    # A daemon thread blocks on the terminal, so Ctrl-C can end the bot at once (a pool
    # thread stuck in readline would hold the process open until the next Enter).
    threading.Thread(
        target=_read_into, args=(stream, asyncio.get_running_loop(), lines), daemon=True
    ).start()
    while line := await lines.get():
        try:
            await session.handle(line)
        except Exception:  # keep the console alive; the traceback goes to the log
            log.exception("console command failed: %r", line[:200])
            session.say(
                "Sorry, something went wrong with that command. The details are in the log."
            )


def _read_into(stream: TextIO, loop: asyncio.AbstractEventLoop, lines: asyncio.Queue) -> None:
    source = terminal_lines() if at_terminal(stream) else _lines_of(stream)
    for line in source:
        try:
            loop.call_soon_threadsafe(lines.put_nowait, line)
        except RuntimeError:  # the bot has stopped
            return
        if not line:  # "" is the end of input, which ends the session too
            return


def _lines_of(stream: TextIO):
    """Lines from ``stream``, then "". A real file is read with ``os.read``: a thread
    blocked in ``readline`` holds stdin's lock, which Python needs again at exit."""
    try:
        fd = stream.fileno()
    except (AttributeError, OSError, ValueError):
        yield from iter(stream.readline, "")
        yield ""
        return
    decoder = codecs.getincrementaldecoder("utf-8")(errors="replace")
    pending = ""
    while chunk := os.read(fd, 65536):
        pending += decoder.decode(chunk)
        *complete, pending = pending.split("\n")
        yield from (line + "\n" for line in complete)
    pending += decoder.decode(b"", final=True)
    if pending:
        yield pending
    yield ""
