"""Library warnings that say nothing to an operator of this bot, dropped from the log.

Each is about a feature the bot does not use (voice), a choice it made on purpose (the
doctor reads Discord without the guilds intent), or Bolt seeing SLACK_BOT_TOKEN in the
environment although the bot hands the token to its own client.
"""

from __future__ import annotations

import logging

NOISE = {
    "discord.client": ("PyNaCl is not installed", "davey is not installed"),
    "discord.state": ("Guilds intent seems to be disabled",),
    "victories.slack.bolt": ("`token` will be unused",),
}


class _Drop(logging.Filter):
    def __init__(self, phrases: tuple[str, ...]) -> None:
        super().__init__()
        self.phrases = phrases

    def filter(self, record: logging.LogRecord) -> bool:
        message = record.getMessage()
        return not any(phrase in message for phrase in self.phrases)


def quiet_library_noise() -> None:
    for name, phrases in NOISE.items():
        logger = logging.getLogger(name)
        if not any(isinstance(f, _Drop) for f in logger.filters):
            logger.addFilter(_Drop(phrases))
