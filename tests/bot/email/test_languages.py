"""A Spanish community's email edition: the issue, its footer and the confirmation email in
Spanish, with lang="es"; the editors' summary in Spanish with the right plural."""

from __future__ import annotations

import pytest

from tests.bot.email.conftest import publish, readers
from tests.conftest import make_config


@pytest.fixture
def config():
    return make_config(
        community={"name": "Nuestro Barrio", "language": "es"},
        intake={"cooldown": "0s"},
        issue={"min_items": 1},
    )


async def test_the_email_edition_speaks_the_communitys_language(core, sink, surface):
    await readers(core, "lee@example.org")
    await publish(core, ["Ganamos la votación."])
    (message,) = sink.messages("lee@example.org")
    assert message["Subject"] == "Nuestro Barrio — Número 1"
    html = message.get_body(("html",)).get_content()
    assert '<html lang="es">' in html and "Léelo en la web" in html
    assert "Cancelar la suscripción" in html and "Recibes esto porque te suscribiste" in html
    plain = message.get_body(("plain",)).get_content()
    assert "Las victorias de esta semana" in plain and "miércoles, 25 de noviembre de 2026" in plain
    summary = " ".join(s.text for b in surface.moderator_notes[-1].blocks for s in b.spans)
    assert summary == "Número 1 enviado por correo a 1 lector (0 con fallo, 0 en suspenso)."


async def test_the_confirmation_email_is_spanish(core, sink):
    await core.subscribers.sign_up(core.community, "nueva@example.org", client="1.2.3.4")
    (message,) = sink.messages("nueva@example.org")
    assert message["Subject"] == "Confirma tu suscripción a Nuestro Barrio"
    plain = message.get_body(("plain",)).get_content()
    assert plain.startswith("Alguien (esperamos que tú) pidió recibir Nuestro Barrio por correo.")
    assert "Sí, envíame cada número" in message.get_body(("html",)).get_content()
