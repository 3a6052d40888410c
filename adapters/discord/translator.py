"""Slash-command descriptions and choices in the member's Discord language.

Every description given as ``app_commands.locale_str("English", key="cmd_…")`` is looked up
as that key in each shipped catalog (content/messages.<lang>.yaml) for each Discord locale
("es-ES" and "es-419" are both "es"), and sent with the commands at sync as
``description_localizations`` / ``name_localizations``. Command names are plain strings,
so ``/victory`` and ``/victories`` stay the same everywhere.
"""

from __future__ import annotations

from functools import cache

import discord
from discord import app_commands

from bot.messages import ENGLISH, catalogue, language_for


@cache
def _language(locale: discord.Locale) -> str | None:
    # Called for every text of every command in every Discord locale at each sync
    # (thousands of times): worked out once per locale.
    return language_for(str(getattr(locale, "value", locale)))


class CatalogTranslator(app_commands.Translator):
    async def translate(
        self,
        string: app_commands.locale_str,
        locale: discord.Locale,
        context: app_commands.TranslationContextTypes,
    ) -> str | None:
        """The catalog's text for ``string``'s key in ``locale``'s language; None (Discord
        shows the English default) with no key, for English, or while untranslated."""
        key = string.extras.get("key")
        if not key:
            return None
        lang = _language(locale)
        if lang in (None, ENGLISH):
            return None
        text = catalogue(lang).get(key)
        return text if isinstance(text, str) and text.strip() else None
