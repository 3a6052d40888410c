"""community.language: set in the settings file or in chat, checked against the catalogs
that ship, with a refusal that lists them; it switches what editors read at once."""

from __future__ import annotations

import pytest

from bot.chat import commands
from bot.config import parse_config
from bot.settings.fields import ConfigError
from tests.conftest import EDITOR


async def say(core, line: str) -> str:
    return (await commands.handle(core, core.community, EDITOR, "victories", line)).plain()


def test_the_settings_file_accepts_only_shipped_languages():
    assert parse_config({"community": {"language": "es"}}, source="f").community.language == "es"
    assert parse_config({}, source="f").community.language == "en"
    with pytest.raises(ConfigError) as refused:
        parse_config({"community": {"language": "klingon"}}, source="victories.yaml")
    assert refused.value.key == "community.language" and "en, es" in str(refused.value)


async def test_set_in_chat_checks_the_catalogs_and_answers_in_the_new_language(core):
    assert "the language of the issue" in await say(core, "set community.language")
    refusal = await say(core, "set community.language fr")
    assert refusal.startswith("I can't speak “fr” yet. The languages shipped: en (English), es")
    assert await say(core, "set community.language ES") == (
        "Guardado: community.language ahora es es."
    )
    assert core.community.language == "es"
    settings = await say(core, "settings")
    assert "community.language: es" in settings and "community.archive_url: sin definir" in settings
    assert (await say(core, "status")).startswith("Próximo número: 1, previsto para el viernes")


async def test_a_refused_setting_says_what_is_wrong_in_the_editors_language(core):
    await say(core, "set community.language es")
    assert await say(core, "set schedule.weekday fryday") == (
        "schedule.weekday: 'fryday' no es una de estas opciones: monday, tuesday, wednesday, "
        "thursday, friday, saturday, sunday"
    )
    assert await say(core, "set issue.max_items muchos") == (
        "issue.max_items: 'muchos' no es un número"
    )
    with pytest.raises(ConfigError) as refused:  # the settings file's operator reads English
        parse_config({"schedule": {"weekday": "fryday"}}, source="victories.yaml")
    assert str(refused.value).startswith("victories.yaml: schedule.weekday: 'fryday' is not one")
