"""The bot's sentences in every shipped language, as spans ready for any renderer.

``content/messages.yaml`` is the English catalog and the reference: every key lives there.
Each other language is one file, ``content/messages.<lang>.yaml``, with the same keys. An
entry is a sentence, or its plural forms keyed by CLDR category (``one``, ``many``,
``other``…), picked for the number in the ``count`` field by Babel's plural rules for that
language. A key a language lacks is said in English, so a key added later never breaks.

Which language: ``lang=`` when given; else the one being spoken (``speaking``), which the
chat layer sets to the reply language of whoever typed, and the scheduler to the
community's; else English.
"""

from __future__ import annotations

import datetime as dt
import re
import string
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from contextvars import ContextVar
from functools import cache
from importlib.resources import files
from typing import TYPE_CHECKING

import yaml

if TYPE_CHECKING:
    from babel import Locale

from bot.document import Document, Span, lines_document

ENGLISH = "en"
COUNT = "count"  # the field whose number picks a plural form
_FIELD = re.compile(r"\{(\w+)\}")
_FILE = re.compile(r"messages\.([a-z]{2,3}(?:_[A-Z][a-z]{3})?)\.yaml")
_speaking: ContextVar[str] = ContextVar("speaking", default=ENGLISH)
SAFE_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)

Entry = str | dict[str, str]


@cache
def catalogue(lang: str = ENGLISH) -> dict[str, Entry]:
    """Every entry of one language's catalog (English: ``messages.yaml``)."""
    name = "messages.yaml" if lang == ENGLISH else f"messages.{lang}.yaml"
    text = files("content").joinpath(name).read_text(encoding="utf-8")
    # libyaml's parser when PyYAML has it: the pure-Python one takes ~40 ms per catalog,
    # at every start-up. Both build the same plain dicts and strings (a test checks).
    return yaml.load(text, Loader=SAFE_LOADER) or {}


@cache
def languages() -> tuple[str, ...]:
    """The languages a catalog ships for, English first: ``("en", "es")``."""
    found = (_FILE.fullmatch(entry.name) for entry in files("content").iterdir())
    return (ENGLISH, *sorted(match.group(1) for match in found if match))


@cache
def language_for(locale: str | None) -> str | None:
    """Our language for a platform's locale ("es-ES", "es-419", "es_MX" → "es"); None
    when no catalog ships for it."""
    if not locale:
        return None
    base = re.split(r"[-_]", locale.strip())[0].lower()
    return base if base in languages() else None


@cache
def _locale(lang: str) -> Locale:
    # Babel (and its CLDR data) loads with the first plural, date or language name, not at
    # start-up: a bot that only answers /victory in English never needs it.
    from babel import Locale

    return Locale.parse(lang)


def _format_date(day: dt.date, format: str, lang: str) -> str:
    from babel.dates import format_date

    return format_date(day, format=format, locale=_locale(lang))


def language_name(lang: str) -> str:
    """A language's name in itself: "English", "español"."""
    return _locale(lang).get_display_name(lang) or lang


def reply_language(locale: str | None, community: str) -> str:
    """A member's own language when the platform told it and we speak it, else the
    community's."""
    return language_for(locale) or community


def current() -> str:
    return _speaking.get()


def set_language(lang: str) -> None:
    """Speak ``lang`` for the rest of the current task (a web request's own task)."""
    _speaking.set(lang if lang in languages() else ENGLISH)


@contextmanager
def speaking(lang: str) -> Iterator[str]:
    """Say everything inside in ``lang`` unless a call names its own."""
    token = _speaking.set(lang if lang in languages() else ENGLISH)
    try:
        yield lang
    finally:
        _speaking.reset(token)


class Term(str):
    """A catalog key given as a field's value: shown as that key's text in the language
    of the sentence it is put in, e.g. ``what=Term("what_victory")`` in a refusal raised
    long before anyone knows who reads it, or ``Term("channel_count", count=2)``."""

    fields: dict[str, object]

    def __new__(cls, key: str, **fields: object) -> Term:
        term = super().__new__(cls, key)
        term.fields = fields
        return term


def _entry(key: str, lang: str) -> tuple[Entry, str]:
    entry = catalogue(lang).get(key) if lang != ENGLISH else None
    if entry is None:  # not translated (yet): English, with English plural rules
        return catalogue(ENGLISH)[key], ENGLISH
    return entry, lang


def plural_category(lang: str, number: object) -> str:
    """The CLDR plural category of ``number`` in ``lang`` ("one", "many", "other"…)."""
    if isinstance(number, bool) or not isinstance(number, int | float):
        return "other"
    return _locale(lang).plural_form(abs(number))


def count_field(key: str) -> str:
    """The field whose number picks the plural form: named by the English entry's
    ``count`` (translations never repeat it), else ``count``."""
    entry = catalogue(ENGLISH)[key]
    return str(entry.get(COUNT, COUNT)) if isinstance(entry, dict) else COUNT


def _template(key: str, lang: str, fields: Mapping[str, object]) -> str:
    entry, rules = _entry(key, lang)
    if isinstance(entry, dict):
        category = plural_category(rules, fields.get(count_field(key)))
        return entry.get(category) or entry["other"]
    return entry


def _values(lang: str, fields: Mapping[str, object]) -> dict[str, object]:
    return {
        name: fill(value, lang=lang, **value.fields) if isinstance(value, Term) else value
        for name, value in fields.items()
    }


def fill(key: str, lang: str | None = None, **fields: object) -> str:
    """The message as plain text (for logs, titles and tests)."""
    lang = lang or current()
    return string.Formatter().vformat(
        _template(key, lang, fields), (), _Defaulting(_values(lang, fields))
    )


def say(key: str, lang: str | None = None, **fields: object) -> tuple[Span, ...]:
    """The message as spans; each filled-in value is its own span."""
    lang = lang or current()
    template = _template(key, lang, fields).rstrip("\n")
    values = _values(lang, fields)
    spans: list[Span] = []
    pos = 0
    for match in _FIELD.finditer(template):
        if match.start() > pos:
            spans.append(Span(template[pos : match.start()]))
        spans.append(Span(str(values.get(match.group(1), ""))))
        pos = match.end()
    if pos < len(template):
        spans.append(Span(template[pos:]))
    return tuple(spans)


def say_doc(key: str, lang: str | None = None, **fields: object) -> Document:
    """A one-message document; each line of the message is a paragraph."""
    text = fill(key, lang=lang, **fields)
    return lines_document(*(((Span(line),)) for line in text.split("\n")))


def long_date(day: dt.date, lang: str | None = None) -> str:
    """A day as the issue heads it: "Friday, December 4, 2026", "viernes, 4 de diciembre de
    2026"."""
    return _format_date(day, "full", lang or current())


def short_date(day: dt.date, lang: str | None = None) -> str:
    """A day in a list of issues: "December 4, 2026", "4 de diciembre de 2026"."""
    return _format_date(day, "long", lang or current())


def moment(when: dt.datetime, lang: str | None = None) -> str:
    """A local moment for editors: "Friday, November 27 at 10:00 EST"."""
    lang = lang or current()
    return fill(
        "when_at",
        lang=lang,
        weekday=_format_date(when, "EEEE", lang),
        month=_format_date(when, "MMMM", lang),
        day=when.day,
        time=f"{when:%H:%M %Z}".strip(),
    )


def untranslated(lang: str) -> str:
    """The English entries ``lang``'s catalog lacks, as YAML to translate and append to
    ``content/messages.<lang>.yaml`` (plural entries get that language's categories)."""
    missing: dict[str, Entry] = {}
    for key, entry in catalogue(ENGLISH).items():
        if key in catalogue(lang):
            continue
        if isinstance(entry, dict):
            forms = sorted(_locale(lang).plural_form.tags | {"other"})
            entry = {form: entry.get(form) or entry["other"] for form in forms}
        missing[key] = entry
    if not missing:
        return ""
    return yaml.safe_dump(missing, allow_unicode=True, sort_keys=False, width=1000)


class _Defaulting(dict):
    def __missing__(self, key: str) -> str:
        return ""
