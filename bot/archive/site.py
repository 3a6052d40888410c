"""The archive website's pages, from jinja2 templates a community can override.

Templates are looked up first in ``archive.template_dir`` (when set), then in the ones
shipped in ``content/templates``, so a community can replace just one of them. Autoescape
is on; the only pre-built HTML a template receives is an issue's body from
``bot.render.html``.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache

from jinja2 import (
    BaseLoader,
    ChoiceLoader,
    Environment,
    FileSystemLoader,
    PackageLoader,
    StrictUndefined,
)
from markupsafe import Markup

from bot.archive.years import UNDATED, year_label, year_of, year_order
from bot.config import Config
from bot.document import Document, one_line
from bot.issues.selection import IssueView
from bot.messages import ENGLISH, fill, short_date
from bot.render.html import render_html, safe_url


@dataclass(frozen=True)
class Listing:
    """One published issue as the index and the pager show it."""

    number: int
    title: str
    date: str | None  # ISO date
    date_label: str
    items: int
    headlines: tuple[str, ...]  # the first few items' text, for the index

    @property
    def path(self) -> str:
        return f"issues/{self.number}/index.html"

    @property
    def url(self) -> str:
        return f"issues/{self.number}/"

    @property
    def markdown_path(self) -> str:
        return f"issues/{self.number}.md"

    @property
    def year(self) -> str:
        """Its year page's key: the year of its date, or ``UNDATED`` (imported issues may
        have no date; they get a page of their own rather than a guessed year)."""
        return year_of(self.date)

    @property
    def year_url(self) -> str:
        return f"years/{self.year}/"


@dataclass(frozen=True)
class IssuePage(Listing):
    """One published issue, as its page and the feed need it."""

    body: Markup = Markup("")
    markdown: str = ""  # the issue as Markdown (its own file, and linked from the page)
    published_at: str | None = None  # ISO moment it went out (imported issues: when imported)


HEADLINES = 3
FRONT_PAGE = 12  # the newest issues the front page shows; the rest are on year pages


def date_label(value: str | None, lang: str = ENGLISH) -> str:
    """ "December 4, 2026", "4 de diciembre de 2026"."""
    return short_date(dt.date.fromisoformat(value), lang) if value else ""


def issue_page(
    view: IssueView, document: Document, *, markdown: str, lang: str = ENGLISH
) -> IssuePage:
    return IssuePage(
        number=view.issue.number,
        title=document.title,
        date=view.issue.date,
        date_label=date_label(view.issue.date, lang),
        items=len(view.entries),
        headlines=tuple(one_line(entry.victory.text) for entry in view.entries[:HEADLINES]),
        body=render_html(document),
        markdown=markdown,
        published_at=view.issue.published_at,
    )


def environment(config: Config) -> Environment:
    return _environment(config.archive.template_dir)


@cache  # compiled templates are kept; jinja2 still reloads a template file that changed
def _environment(template_dir: str | None) -> Environment:
    loaders: list[BaseLoader] = [PackageLoader("content", "templates")]
    if template_dir:
        loaders.insert(0, FileSystemLoader(template_dir))
    return Environment(
        loader=ChoiceLoader(loaders),
        autoescape=True,  # every template, whatever its name: user text is always escaped
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )


def site_context(config: Config, *, subscribe: str | None = None) -> dict:
    """What every page's template sees; ``subscribe``: where the email sign-up form posts
    (None: the email edition is off, no form)."""
    base = config.archive.base_url.rstrip("/") + "/"
    lang = config.community.language

    def t(key: str, **fields: object) -> str:
        """A sentence of the catalog in the community's language (escaped like any text)."""
        return fill(key, lang, **fields)

    return {
        "lang": lang,
        "t": t,
        "subscribe": {
            "action": subscribe,
            "heading": t("email_signup_heading"),
            "label": t("email_signup_label"),
            "button": t("email_signup_button"),
        }
        if subscribe
        else None,
        "community": config.community,
        "base_url": base,
        "feed_path": "feed.xml",
        "signup_url": safe_url(config.community.signup_url),
    }


def render_front(
    newest: Sequence[Listing],
    years: Sequence[str],
    *,
    more: bool,
    config: Config,
    subscribe: str | None = None,
) -> dict[str, str]:
    """The front page (the ``FRONT_PAGE`` newest of ``newest``, then, when ``more`` issues
    exist than it shows, a link to each of ``years``' pages) and the stylesheet."""
    env = environment(config)
    context = site_context(config, subscribe=subscribe)
    lang = config.community.language
    shown = sorted(newest, key=lambda listing: listing.number, reverse=True)[:FRONT_PAGE]
    links = [
        {"url": f"years/{year}/", "label": year_label(year, lang)}
        for year in (year_order(years) if more else ())
    ]
    return {
        "index.html": env.get_template("index.html").render(
            **context, root="", issues=shown, years=links, canonical=context["base_url"]
        ),
        "style.css": env.get_template("style.css").render(**context),
    }


def render_year(
    year: str, listings: Sequence[Listing], *, config: Config, subscribe: str | None = None
) -> dict[str, str]:
    """The page of one year (``UNDATED``: of the issues without a date): its issues,
    newest first."""
    env = environment(config)
    context = site_context(config, subscribe=subscribe)
    lang = config.community.language
    title = (
        fill("site_undated_title", lang)
        if year == UNDATED
        else fill("site_year_title", lang, year=year)
    )
    path = f"years/{year}/"
    return {
        path + "index.html": env.get_template("year.html").render(
            **context,
            root="../../",
            year=year_label(year, lang),
            title=title,
            issues=sorted(listings, key=lambda listing: listing.number, reverse=True),
            canonical=context["base_url"] + path,
        )
    }


def render_issue_pages(
    pages: Sequence[IssuePage],
    listings: Sequence[Listing],
    *,
    config: Config,
    subscribe: str | None = None,
) -> dict[str, str]:
    """The pages of ``pages``, each linking its neighbours among ``listings`` (which holds
    at least each page's older and newer neighbour) and its year's page."""
    env = environment(config)
    context = site_context(config, subscribe=subscribe)
    ordered = sorted(listings, key=lambda listing: listing.number)
    where = {listing.number: index for index, listing in enumerate(ordered)}
    out = {}
    for page in pages:
        index = where[page.number]
        out[page.path] = env.get_template("issue.html").render(
            **context,
            root="../../",
            issue=page,
            year=year_label(page.year, config.community.language),
            newer=ordered[index + 1] if index + 1 < len(ordered) else None,
            older=ordered[index - 1] if index else None,
            canonical=context["base_url"] + page.url,
        )
    return out


def render_pages(
    pages: list[IssuePage], *, config: Config, subscribe: str | None = None
) -> dict[str, str]:
    """Every page of the site (path -> text): front page, stylesheet, years, issues."""
    by_year: dict[str, list[Listing]] = {}
    for page in pages:
        by_year.setdefault(page.year, []).append(page)
    files = render_front(
        pages, list(by_year), more=len(pages) > FRONT_PAGE, config=config, subscribe=subscribe
    )
    for year, listings in by_year.items():
        files |= render_year(year, listings, config=config, subscribe=subscribe)
    return files | render_issue_pages(pages, pages, config=config, subscribe=subscribe)
