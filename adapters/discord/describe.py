"""Command, option and choice descriptions: English from content/messages.yaml, carrying
their key so the translator (``adapters/discord/translator.py``) can localize them."""

from __future__ import annotations

from discord import app_commands

from bot.messages import ENGLISH, fill


def text(key: str) -> app_commands.locale_str:
    """``locale_str("English text", key=key)``, the English read from the catalogue so the
    sentence lives in one place."""
    return app_commands.locale_str(fill(key, ENGLISH), key=key)


def choice(key: str, value: str) -> app_commands.Choice[str]:
    return app_commands.Choice(name=text(key), value=value)
