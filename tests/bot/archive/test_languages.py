"""A Spanish community's archive: every page says lang="es" and speaks Spanish, dates as
Spanish readers write them, and the feed declares its language; read with html5lib and
feedparser as browsers and feed readers would."""

from __future__ import annotations

from pathlib import Path

import feedparser
import html5lib
import pytest

from bot.archive.export import export_site
from tests.bot.archive.sample import publish_more, publish_week_one
from tests.conftest import make_config

NS = {"h": "http://www.w3.org/1999/xhtml"}


@pytest.fixture
def config():
    return make_config(
        intake={"cooldown": "0s"},
        issue={"min_items": 1},
        community={"language": "es", "name": "Nuestro Barrio"},
    )


def parse(path: Path):
    return html5lib.HTMLParser(strict=True, namespaceHTMLElements=True).parse(path.read_bytes())


def text_of(element) -> str:
    return " ".join("".join(element.itertext()).split())


async def spanish_site(core, clock, tmp_path) -> Path:
    await publish_week_one(core)
    await publish_more(core, clock, ["Bajó el precio del autobús."])
    out = tmp_path / "site"
    core.store.call(export_site, community=1, config=core.config, out=out)
    return out


async def test_every_page_says_it_is_spanish_and_speaks_it(core, clock, tmp_path):
    out = await spanish_site(core, clock, tmp_path)
    pages = sorted(out.rglob("*.html"))
    assert len(pages) == 4  # the front page, two issues, their year
    for path in pages:
        root = parse(path)
        assert root.get("lang") == "es", path
        nav = text_of(root.find(".//h:header//h:nav", NS))
        assert "Todos los números" in nav and "All issues" not in nav
        assert "Saltar al contenido" in text_of(root.find(".//h:body", NS))
    index = parse(out / "index.html")
    dates = [text_of(t) for t in index.iterfind(".//h:time", NS)]
    assert dates == ["2 de diciembre de 2026", "25 de noviembre de 2026"]
    metas = [text_of(p) for p in index.iterfind(".//h:p[@class='meta']", NS)]
    assert metas[0].endswith("1 victoria") and metas[1].endswith("6 victorias")
    more = text_of(index.find(".//h:p[@class='more']", NS))
    assert more == "…y 3 más en Nuestro Barrio — Número 1"
    issue = parse(out / "issues" / "1" / "index.html")
    body = text_of(issue.find(".//h:article", NS))
    assert body.startswith("Nuestro Barrio — Número 1 miércoles, 25 de noviembre de 2026")
    assert "Las victorias de esta semana" in body and "La canción de la semana" in body
    assert "(¡Gracias, Diana!)" in body and "Pasa a la acción" in body
    pager = text_of(issue.find(".//h:nav[@class='pager']", NS))
    assert "Número 2" in pager and "Versión en Markdown" in pager
    crumbs = text_of(issue.find(".//h:nav[@class='crumbs']", NS))
    assert crumbs == "Todos los números › 2026 › Número 1"
    year = parse(out / "years" / "2026" / "index.html")
    assert text_of(year.find(".//h:h1", NS)) == "Números de 2026"
    assert text_of(year.find(".//h:p[@class='lede']", NS)) == (
        "2 números, del más reciente al más antiguo."
    )
    assert text_of(year.find(".//h:title", NS)) == "Números de 2026 — Nuestro Barrio"
    dates = [text_of(t) for t in year.iterfind(".//h:time", NS)]
    assert dates == ["2 de diciembre de 2026", "25 de noviembre de 2026"]


async def test_the_feed_declares_spanish_and_dates_its_entries_in_spanish(core, clock, tmp_path):
    out = await spanish_site(core, clock, tmp_path)
    feed = feedparser.parse((out / "feed.xml").read_bytes())
    assert not feed.bozo, feed.bozo_exception
    assert feed.feed.language == "es"
    assert feed.feed.subtitle.startswith("Todos los números de Nuestro Barrio")
    assert [e.title for e in feed.entries] == [
        "Nuestro Barrio — Número 2",
        "Nuestro Barrio — Número 1",
    ]
    assert [e.summary for e in feed.entries] == [
        "1 victoria, 2 de diciembre de 2026",
        "6 victorias, 25 de noviembre de 2026",
    ]
