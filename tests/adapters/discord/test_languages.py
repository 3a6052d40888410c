"""Languages on Discord, with the real discord.py client against the fake: a Spanish
community's cards and issue are Spanish; a member's replies follow the interaction's
``locale``; the slash commands carry their descriptions in Spanish for es-ES and es-419."""

from __future__ import annotations

import discord
import pytest
from discord import app_commands

from adapters.discord.translator import CatalogTranslator
from bot.model import Status
from bot.store import victories as victory_store
from tests.adapters.discord.conftest import Bot, Server
from tests.conftest import make_config
from tests.fakes.discord_events import answer_text, answers, slash


def config_for(server: Server, language: str):
    return make_config(
        community={"language": language, "name": "Nuestro Barrio"},
        intake={"cooldown": "0s", "per_user_per_day": 100},
        issue={"min_items": 1},
        discord={
            "review_channel": server.review,
            "digest_channels": list(server.digests),
            "moderator_roles": [server.editor_role],
            "guild_ids": [server.fake.guild_id],
        },
    )


async def say(server: Server, person, *path: str, locale: str, **options) -> str:
    token = await slash(
        server.fake, person, *path, channel_id=server.general, locale=locale, **options
    )
    return answer_text((await answers(server.fake, token, timeout=20))[-1])


async def share_approve_publish(bot: Bot, server: Server, *, member_locale: str) -> list[str]:
    """The member's receipt, the editor's reply to `approve 1`, to `publish now`."""
    receipt = await say(
        server,
        server.ana,
        "victory",
        "share",
        locale=member_locale,
        text="Ganamos la votación thanks: Ben",
    )
    await bot.core.settle()
    approve = await say(server, server.editor, "victories", "approve", locale="en-US", number=1)
    await bot.core.settle()
    assert (await bot.core.store.run(victory_store.get, 1)).status == Status.APPROVED
    out = await say(server, server.editor, "victories", "publish", locale="en-US")
    await bot.core.settle()
    return [receipt, approve, out]


def dm_texts(server: Server, user_id: str) -> str:
    channels = [c for c, user in server.fake.dm_channels.items() if user == user_id]
    return "\n".join(m["content"] for c in channels for m in server.fake.messages[c])


def card_and_issue(server: Server) -> tuple[str, str]:
    card = server.fake.messages[server.review][0]["embeds"][0]
    issue = server.fake.messages[server.digests[0]]
    text = "\n".join(
        [m["content"] or "" for m in issue]
        + [e.get("description", "") for m in issue for e in m["embeds"]]
        + [e.get("title", "") for m in issue for e in m["embeds"]]
    )
    return card.get("title", "") + "\n" + card["description"], text


async def test_a_spanish_community_speaks_spanish_on_discord(make_bot, server: Server):
    async with make_bot(config_for(server, "es")) as bot:
        receipt, approve, out = await share_approve_publish(bot, server, member_locale="es-419")
        assert receipt.startswith("¡Gracias! Tu victoria es la #1")
        # The editor's Discord is in English: their own replies are English.
        assert approve == "Victory #1: Approved by Eve Editor."
        card, issue = card_and_issue(server)
        assert "Victoria #1" in card and "Publicada como la #1 del número 1" in card
        assert "Nuestro Barrio — Número 1" in issue and "¡Gracias, Ben!" in issue
        assert "Las victorias de esta semana" in issue and " de 2026" in issue
        assert "Tu victoria es la #1 del número 1" in dm_texts(server, server.ana.id)
        refusal = await say(server, server.ben, "victory", "share", locale="es-ES", text="x" * 5000)
        assert refusal.startswith("Tu victoria tiene 5000 caracteres; el límite es 600.")


async def test_a_spanish_member_in_an_english_community_gets_spanish_replies(
    make_bot, server: Server
):
    async with make_bot(config_for(server, "en")) as bot:
        receipt, _, out = await share_approve_publish(bot, server, member_locale="es-ES")
        assert receipt.startswith("¡Gracias! Tu victoria es la #1")
        assert out == "Issue 1 is out: 1 victory to 2 channels."
        dms = dm_texts(server, server.ana.id)
        assert "¡Buenas noticias! Tu victoria #1 fue aprobada" in dms
        assert "Tu victoria es la #1 del número 1" in dms
        card, issue = card_and_issue(server)
        assert "Victory #1" in card and "Published as #1 in Issue 1" in card
        assert "This week's victories" in issue and "Thanks, Ben!" in issue
        help_text = await say(server, server.ana, "victory", "help", locale="es-ES")
        assert help_text.startswith("Comparte buenas noticias con la comunidad:")
        french = await say(server, server.ana, "victory", "withdraw", locale="fr", number=99)
        assert french == "There is no victory #99."  # no French catalog: the community's


async def test_the_translator_answers_from_the_catalogs():
    translator = CatalogTranslator()
    text = app_commands.locale_str("The new text", key="cmd_opt_edit_text")
    context = app_commands.TranslationContext(
        app_commands.TranslationContextLocation.parameter_description, None
    )
    for locale in (discord.Locale.spain_spanish, discord.Locale.latin_american_spanish):
        assert await translator.translate(text, locale, context) == "El texto nuevo"
    assert await translator.translate(text, discord.Locale.american_english, context) is None
    assert await translator.translate(text, discord.Locale.french, context) is None
    plain = app_commands.locale_str("victory")  # a name without a key stays as it is
    assert await translator.translate(plain, discord.Locale.spain_spanish, context) is None


def nodes(node: dict):
    yield node
    for option in node.get("options") or []:
        yield from nodes(option)


@pytest.mark.parametrize("locale", ["es-ES", "es-419"])
async def test_the_registered_commands_carry_spanish_descriptions(bot: Bot, server: Server, locale):
    commands = {c["name"]: c for c in server.fake.commands[server.fake.guild_id]}
    assert {"victory", "victories"} <= set(commands)  # names are never translated
    described = 0
    for name in ("victory", "victories"):
        for node in nodes(commands[name]):
            assert not node.get("name_localizations"), node["name"]
            assert node["description_localizations"][locale], node["name"]
            assert "en-US" not in node["description_localizations"]  # English is the default
            for choice in node.get("choices") or []:
                assert choice["name_localizations"][locale], choice["name"]
            described += 1
    assert described > 40
    share = next(o for o in commands["victory"]["options"] if o["name"] == "share")
    assert share["description_localizations"][locale].startswith("Comparte una buena noticia")
    menu = next(c for c in commands.values() if c.get("type") == 3)  # "Share as a victory"
    assert menu["name_localizations"][locale] == "Compartir como victoria"


async def test_the_form_opens_in_the_members_language(bot: Bot, server: Server):
    token = await slash(
        server.fake, server.ana, "victory", "share", channel_id=server.general, locale="es-ES"
    )
    (modal,) = await answers(server.fake, token)
    assert modal["type"] == 9 and modal["data"]["title"] == "Comparte una victoria"
    labels = [row["components"][0]["label"] for row in modal["data"]["components"]]
    assert labels[:2] == ["La buena noticia", "Enlace (opcional)"]
