"""What the render forkserver loads once, when it starts (see ``bot.archive.process``).

Imported there, never by the bot: the render code, the message catalogs (YAML, ~70 ms to
parse), each language's date formats and the shipped templates compiled. A render worker
forked from the server starts with all of it in memory instead of loading it per publish.
"""

from __future__ import annotations

import datetime as dt

from bot.archive import refresh  # noqa: F401  (jinja2, feedgen, the renderers)
from bot.archive.site import environment
from bot.config import Config
from bot.messages import catalogue, languages, short_date

SHIPPED = ("base.html", "cards.html", "index.html", "year.html", "issue.html", "style.css")


def warm() -> None:
    for lang in languages():
        catalogue(lang)
        short_date(dt.date(2000, 1, 1), lang)
    shipped = environment(Config())  # the one every community without templates of its own uses
    for name in SHIPPED:
        shipped.get_template(name)


warm()
