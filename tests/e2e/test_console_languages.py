"""A Spanish community on the console, through the real `victories` entry point: the issue,
the cards, the receipts, the refusals and the settings all in Spanish; switching the
language back in chat answers in English straight away."""

import re

from tests.e2e.test_console import issue_lines, victories

SESSION = (
    "/victory El concejo aprobó la ley de inquilinos https://example.org/a thanks: Ana\n"
    "/victory Ganamos la votación del sindicato\n"
    "/victory mira javascript:alert(1)\n"
    "/react 1 white_check_mark\n"
    "/react 2 star\n"
    "/victories status\n"
    "/victories publish now\n"
    "/victories set community.language fr\n"
    "/victories set community.language en\n"
    "/victory withdraw 9\n"
)


def test_a_spanish_community_on_the_console(tmp_path):
    (tmp_path / "victories.yaml").write_text(
        "community:\n  name: Nuestro Barrio\n  language: es\n", encoding="utf-8"
    )
    result = victories(tmp_path, "run", stdin=SESSION)
    assert result.returncode == 0, result.stderr
    out = result.stdout
    issue = issue_lines(out)
    assert issue[0] == "Nuestro Barrio — Número 1"
    assert re.fullmatch(r"\w+, \d{1,2} de \w+ de \d{4}", issue[2]), issue[2]  # Babel, es
    assert "Las victorias de esta semana" in issue
    assert "1. Ganamos la votación del sindicato (¡Gracias, editor!)" in issue
    assert "¿Tienes una victoria? Escribe /victory para compartirla." in issue
    assert "[to editor] ¡Gracias! Tu victoria es la #1 en la cola de revisión." in out
    assert "[#review] Victoria #1" in out and "Pendiente de revisión" in out
    assert "[#review] (card updated) Destacada por editor" in out
    assert "Ese enlace (javascript:alert(1)) no se puede usar" in out
    assert re.search(r"Próximo número: 1, previsto para el \w+ \d+ de \w+ a las", out)
    assert "[to editor] ¡Salió el número 1! 2 victorias a 1 canal." in out
    assert "Todavía no hablo «fr». Los idiomas disponibles: en (English), es (español)." in out
    assert "[to editor] Saved: community.language is now en." in out
    assert "[to editor] There is no victory #9." in out
    spanish_part = out.split("Todavía no hablo")[0]
    for english in ("Thank you", "Waiting for review", "Next issue", "Approved by", "Issue 1"):
        assert english not in spanish_part  # nothing English before the switch
