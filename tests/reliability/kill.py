"""Killing the bot (SIGKILL) at a chosen request, from inside the fakes.

The fakes ask ``interrupt(call, stage)`` about every request as it "arrived" (the platform
has not acted yet) and once "carried_out" (it has acted, the answer is about to leave). A
kill at "carried_out" is the hardest moment: the platform did it, the bot never knew.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from tests.reliability.bot_process import BotProcess
from tests.reliability.community import Community


def kill_once(
    community: Community, bot: BotProcess, wanted: Callable[[object], bool], stage: str
) -> list[object]:
    """Kill the bot at the next Slack call matching ``wanted`` at ``stage``; the list
    returned receives that call (empty until it happened)."""
    hit: list[object] = []

    def interrupt(call, at: str) -> bool:
        if hit or at != stage or not wanted(call):
            return False
        hit.append(call)
        bot.kill()
        return True

    community.slack.interrupt = interrupt
    return hit


DIGEST_POST = re.compile(r"^/channels/(\d+)/messages$")


class KillSwitch:
    """Kills the bot at chosen digest posts, counted across both platforms and all runs.

    A point is (n, stage): the n-th digest post to arrive, either as it "arrived" (the
    platform never saw it) or once "carried_out" (the platform posted it, then the bot
    died before it saw the answer: the hardest moment for exactly-once).
    """

    def __init__(
        self, community: Community, bot: BotProcess, points: list[tuple[int, str]]
    ) -> None:
        self.community, self.bot = community, bot
        self.points = sorted(points)
        self.count = 0
        self.armed = True  # off between a kill and the next start
        self.kills: list[tuple[int, str]] = []
        self._numbers: dict[int, int] = {}
        community.slack.interrupt = self._slack
        if community.discord:
            community.discord.interrupt = self._discord

    def _slack(self, call, stage: str) -> bool:
        if call.method != "chat.postMessage":
            return False
        if call.args.get("channel") not in self.community.slack_digests:
            return False
        return self._at(call, stage)

    def _discord(self, call, stage: str) -> bool:
        match = DIGEST_POST.match(call.path)
        if call.method != "POST" or not match:
            return False
        if match.group(1) not in self.community.discord_digests:
            return False
        return self._at(call, stage)

    def _at(self, call, stage: str) -> bool:
        if not self.armed:
            return False  # the dead process's last bytes: the platform just carries them out
        if stage == "arrived":
            self.count += 1
            self._numbers[id(call)] = self.count
        point = (self._numbers.get(id(call)), stage)
        if not self.points or self.points[0] != point:
            return False
        self.points.pop(0)
        self.kills.append(point)
        self.armed = False
        self.bot.kill()
        return True
