"""Languages on Slack, through signed requests into the real Bolt app: a Spanish community's
cards and issue are Spanish; each member's own replies follow their Slack locale
(users.info with include_locale), in any community."""

from __future__ import annotations

import json

import pytest

from bot.model import Status
from bot.store import victories as victory_store
from tests.adapters.slack.conftest import (
    MEMBER,
    MODERATOR,
    NEWS,
    OTHER,
    REVIEW,
    eventually,
    slack_config,
)

SPANISH = slack_config(community={"language": "es", "name": "Nuestro Barrio"})
ENGLISH = slack_config()


@pytest.fixture
def config(request):
    return request.param


def card_ts(api, number: int) -> str:
    (card,) = [m for m in api.posts(REVIEW) if f"#{number}" in m["text"].split(":")[0]]
    return card["ts"]


async def share_and_publish(bot, text: str) -> None:
    assert await bot.command(text) == 200
    await bot.reply()
    await bot.core.settle()
    assert await bot.react(user=MODERATOR, reaction="white_check_mark", ts=card_ts(bot.api, 1))
    await eventually(lambda: bot.api.calls_to("chat.update"))
    await bot.core.settle()
    assert (await bot.core.store.run(victory_store.get, 1)).status == Status.APPROVED
    assert await bot.command("publish now", user=MODERATOR, command="/victories", name="p") == 200
    await bot.reply("p")
    await bot.core.settle()


def dm_text(api, user: str) -> str:
    return "\n".join(m["text"] for m in api.posts("D" + user))


@pytest.mark.parametrize("config", [SPANISH], indirect=True)
async def test_a_spanish_community_speaks_spanish_on_slack(http_bot):
    api = http_bot.api
    api.add_user(MEMBER, "Ana Lopez", locale="es-LA")  # Slack's Latin American Spanish
    api.add_user(MODERATOR, "Mo Editor", locale="es-ES")
    await share_and_publish(http_bot, "El concejo aprobó la ley de inquilinos thanks: Diana")
    assert http_bot.responses()[0].startswith("¡Gracias! Tu victoria es la #1")
    card = str(api.posts(REVIEW)[0]["blocks"])
    assert (
        "Victoria #1" in card
        and "Gracias a: Diana" in card
        and "Publicada como la #1 del número 1" in card
    )
    assert http_bot.responses("p")[-1] == "¡Salió el número 1! 1 victoria a 2 canales."
    issue = str(api.posts(NEWS)[0]["blocks"])
    assert "Nuestro Barrio — Número 1" in issue and "Las victorias de esta semana" in issue
    assert "(¡Gracias, Diana!)" in issue and "de 2026" in issue
    assert "fue aprobada" in dm_text(api, MEMBER)
    assert "Tu victoria es la #1 del número 1" in dm_text(api, MEMBER)
    assert await http_bot.command("x" * 5000, name="r2") == 200
    assert (await http_bot.reply("r2")).startswith("Tu victoria tiene 5000 caracteres")
    assert api.calls_to("users.info")[0].args.get("include_locale") in ("1", "true", True)


@pytest.mark.parametrize("config", [SPANISH], indirect=True)
async def test_an_english_speaker_in_a_spanish_community_hears_english(http_bot):
    api = http_bot.api  # the fixture's members have Slack's default locale, en-US
    await share_and_publish(http_bot, "The library stays open late")
    # A member never seen is answered before users.info is asked (P1): their first
    # receipt is in the community's language, everything after in their own.
    assert http_bot.responses()[0].startswith("¡Gracias! Tu victoria es la #1")
    assert await http_bot.command("x" * 5000, name="r2") == 200
    assert (await http_bot.reply("r2")).startswith("Your victory is 5000 characters long")
    assert "Good news: your victory #1 was approved" in dm_text(api, MEMBER)
    assert "Victoria #1" in str(api.posts(REVIEW)[0]["blocks"])  # the card stays Spanish
    assert "Las victorias de esta semana" in str(api.posts(NEWS)[0]["blocks"])


@pytest.mark.parametrize("config", [ENGLISH], indirect=True)
async def test_a_spanish_member_in_an_english_community_gets_spanish_replies(http_bot):
    api = http_bot.api
    api.add_user(MEMBER, "Ana Lopez", locale="es-ES")
    await share_and_publish(http_bot, "The council passed the tenant bill thanks: Diana")
    # Never seen before: the first receipt in the community's language (see above).
    assert http_bot.responses()[0].startswith("Thank you! Your victory is #1")
    dms = dm_text(api, MEMBER)
    assert "¡Buenas noticias! Tu victoria #1 fue aprobada" in dms
    assert "Tu victoria es la #1 del número 1" in dms
    assert "Published as #1 in Issue 1" in str(api.posts(REVIEW)[0]["blocks"])
    issue = str(api.posts(NEWS)[0]["blocks"])
    assert "This week's victories" in issue and "(Thanks, Diana!)" in issue
    assert http_bot.responses("p")[-1] == "Issue 1 is out: 1 victory to 2 channels."
    assert await http_bot.command("see javascript:alert(1)", name="r2") == 200
    assert "no se puede usar" in await http_bot.reply("r2")
    # Someone else, with Slack in English, still hears English in the same community.
    assert await http_bot.command("x" * 5000, user=OTHER, name="r3") == 200
    assert (await http_bot.reply("r3")).startswith("Your victory is 5000 characters long")


@pytest.mark.parametrize("config", [ENGLISH], indirect=True)
async def test_the_setup_form_speaks_the_admins_slack_language(http_bot):
    from tests.adapters.slack.test_setup_form import ADMIN, submit, values

    http_bot.api.add_user(ADMIN, "Ada Admin", locale="es-ES")
    http_bot.api.users[ADMIN]["is_admin"] = True
    http_bot.api.usergroup_names = {"S_MODS": "Mods"}
    assert await http_bot.command("setup", user=ADMIN, command="/victories", trigger_id="t") == 200
    await eventually(lambda: http_bot.api.views)
    view = http_bot.api.views[0]["view"]
    assert view["title"]["text"] == "Configura el bot"
    labels = [block["label"]["text"] for block in view["blocks"]]
    assert labels[0] == "Nombre de la comunidad (en el título de cada número)"
    state = values(**{"community.timezone": {"selected_option": {"value": "Mars/Olympus"}}})
    status, answer = await submit(http_bot, view, state)
    assert status == 200
    error = json.loads(answer)["errors"]["community.timezone"]
    assert error.startswith("community.timezone: 'Mars/Olympus' no es una zona horaria IANA")


@pytest.mark.parametrize("config", [SPANISH], indirect=True)
async def test_the_victory_form_is_in_the_communitys_language(http_bot):
    assert await http_bot.command("", trigger_id="t-form") == 200
    await eventually(lambda: http_bot.api.views)
    view = http_bot.api.views[0]["view"]
    assert (view["title"]["text"], view["submit"]["text"]) == ("Comparte una victoria", "Compartir")
    assert len(view["title"]["text"]) <= 24  # Slack's limit for a modal title
    credit = next(b for b in view["blocks"] if b["block_id"] == "credit")
    assert [o["text"]["text"] for o in credit["element"]["options"]] == [
        "Nombre completo",
        "Solo el nombre de pila",
        "Anónimo",
    ]
