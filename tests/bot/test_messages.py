"""The catalogs: every sentence the code says has an English key, every language has exactly
the English keys with the same placeholders and the plural forms Babel asks for, and
``say``/``fill`` pick the right form and language."""

import re
import string
from importlib.resources import files
from pathlib import Path

import pytest
import yaml
from babel import Locale

from bot.communities.settings import KEYS
from bot.messages import (
    ENGLISH,
    SAFE_LOADER,
    Term,
    catalogue,
    count_field,
    fill,
    language_for,
    languages,
    reply_language,
    say,
    speaking,
    untranslated,
)
from bot.model import Credit, Status

ROOT = Path(__file__).resolve().parents[2]
USE = re.compile(r"""\b(?:say|fill|say_doc|says|Refusal|Term|_text)\(\s*f?["']([a-z_.]+)["']""")
TEMPLATE_USE = re.compile(r"""\bt\(\s*["']([a-z_]+)["']""")
# Keys the code builds from a name: f"state_{status}", f"about_{setting}", f"place_{platform}",
# f"cmd_credit_{value}"; each family is checked against what it is built from below.
BUILT = ("state_", "about_", "place_", "cmd_credit_")


def code() -> str:
    paths = [*ROOT.glob("bot/**/*.py"), *ROOT.glob("adapters/**/*.py")]
    return "\n".join(path.read_text(encoding="utf-8") for path in paths)


def used_keys() -> set[str]:
    keys = set(USE.findall(code()))
    for path in (ROOT / "content" / "templates").rglob("*.html"):
        keys |= set(TEMPLATE_USE.findall(path.read_text(encoding="utf-8")))
    return keys


def fields_of(entry: str | dict) -> set[str]:
    texts = [v for k, v in entry.items() if k != "count"] if isinstance(entry, dict) else [entry]
    return {name for text in texts for _, name, _, _ in string.Formatter().parse(text) if name}


def categories(lang: str) -> set[str]:
    return set(Locale.parse(lang).plural_form.tags) | {"other"}


def test_languages_are_found_from_the_catalog_files():
    assert languages()[0] == ENGLISH and "es" in languages()
    assert language_for("es-ES") == language_for("es-419") == language_for("es_MX") == "es"
    assert language_for("en-US") == "en"
    assert language_for("fr") is None and language_for("") is None
    assert reply_language("fr-FR", "es") == "es" and reply_language("es-ES", "en") == "es"


def test_the_english_catalog_holds_sentences_or_plural_forms():
    for key, entry in catalogue().items():
        if isinstance(entry, dict):
            assert set(entry) - {"count"} == categories(ENGLISH), key
            assert all(isinstance(v, str) and v.strip() for v in entry.values()), key
        else:
            assert isinstance(entry, str) and entry.strip(), key


@pytest.mark.parametrize("lang", [lang for lang in languages() if lang != ENGLISH])
def test_every_catalog_has_exactly_the_english_keys_and_placeholders(lang):
    english, other = catalogue(), catalogue(lang)
    assert set(other) == set(english), (
        f"messages.{lang}.yaml: missing {sorted(set(english) - set(other))}, "
        f"unknown {sorted(set(other) - set(english))}"
    )
    for key, entry in other.items():
        assert fields_of(entry) == fields_of(english[key]), key
        assert isinstance(entry, dict) == isinstance(english[key], dict), key
        if isinstance(entry, dict):  # the forms Babel picks among for this language
            assert set(entry) == categories(lang), key
            assert all(isinstance(v, str) and v.strip() for v in entry.values()), key
        else:
            assert isinstance(entry, str) and entry.strip(), key


def test_every_key_the_code_uses_exists_in_english():
    used = used_keys()
    missing = used - set(catalogue())
    assert not missing, f"keys used in code but missing from messages.yaml: {sorted(missing)}"
    assert len(used) > 100  # the scan really found the code's and templates' messages


def test_every_english_sentence_is_used_somewhere():
    text, used = code(), used_keys()
    unused = [
        key
        for key in catalogue()
        if key not in used and f'"{key}"' not in text and not key.startswith(BUILT)
    ]
    assert not unused, f"messages.yaml holds sentences nothing says: {unused}"
    built = {key for key in catalogue() if key.startswith(BUILT)}
    expected = {f"about_{key}" for key in KEYS} | {f"place_{p}" for p in ("slack", "discord")}
    expected |= {f"state_{status.value}" for status in Status}
    expected |= {f"cmd_credit_{c}" for c in Credit}
    assert expected <= built


@pytest.mark.parametrize("lang", languages())
def test_templates_are_well_formed_and_spans_keep_text(lang):
    for key, entry in catalogue(lang).items():
        forms = (
            [v for k, v in entry.items() if k != "count"] if isinstance(entry, dict) else [entry]
        )
        for template in forms:
            fields = [name for _, name, _, _ in string.Formatter().parse(template) if name]
            assert all(name.isidentifier() for name in fields), key
        values = {name: f"<{name}>" for name in fields_of(entry)}
        spans = "".join(span.text for span in say(key, lang, **values))
        assert spans == fill(key, lang, **values).rstrip("\n"), key


@pytest.mark.parametrize(
    ("lang", "n", "expected"),
    [
        ("en", 0, "Issue 4 is out: 0 victories to 0 channels."),
        ("en", 1, "Issue 4 is out: 1 victory to 1 channel."),
        ("en", 2, "Issue 4 is out: 2 victories to 2 channels."),
        ("es", 0, "¡Salió el número 4! 0 victorias a 0 canales."),
        ("es", 1, "¡Salió el número 4! 1 victoria a 1 canal."),
        ("es", 2, "¡Salió el número 4! 2 victorias a 2 canales."),
    ],
)
def test_plurals_are_right_for_none_one_and_two(lang, n, expected):
    channels = Term("channel_count", count=n)
    assert fill("published", lang, issue=4, items=n, channels=channels) == expected


@pytest.mark.parametrize(
    ("lang", "forms"),
    [
        ("en", ("Please wait 0 seconds", "Please wait 1 second ", "Please wait 2 seconds")),
        ("es", ("Espera 0 segundos", "Espera 1 segundo ", "Espera 2 segundos")),
    ],
)
def test_a_plural_can_be_picked_by_a_named_field(lang, forms):
    assert count_field("cooldown") == "seconds"
    for n, form in enumerate(forms):
        assert form in fill("cooldown", lang, seconds=n)


def test_a_key_a_language_lacks_is_said_in_english(monkeypatch):
    from bot import messages

    english, spanish = catalogue(), dict(catalogue("es"))
    del spanish["receipt"]  # as for a key another change added after the translation
    monkeypatch.setattr(
        messages, "catalogue", lambda lang="en": spanish if lang == "es" else english
    )
    assert messages.fill("receipt", "es", number=3).startswith("Thank you! Your victory is #3")
    assert messages.fill("notice_approved", "es", number=3).startswith("¡Buenas noticias!")


def test_speaking_sets_the_default_language_and_terms_follow_it():
    refusal_what = Term("what_victory")
    assert fill("empty", what=refusal_what).startswith("Your victory is empty")
    with speaking("es"):
        assert fill("empty", what=refusal_what).startswith("Tu victoria está en blanco")
        assert fill("empty", "en", what=refusal_what).startswith("Your victory is empty")
    with speaking("xx"):  # no such catalog: English, not a crash
        assert fill("no_issues") == "No issue has been published yet."


def test_untranslated_lists_what_a_language_lacks_ready_to_translate(monkeypatch):
    from bot import messages

    english, spanish = catalogue(), dict(catalogue("es"))
    del spanish["receipt"], spanish["reminder_pending"]
    monkeypatch.setattr(
        messages, "catalogue", lambda lang="en": spanish if lang == "es" else english
    )
    assert yaml.safe_load(messages.untranslated("es")) == {
        "receipt": english["receipt"],
        "reminder_pending": {  # the categories Spanish needs, English text to translate
            "many": "{count} victories waiting for review",
            "one": "{count} victory waiting for review",
            "other": "{count} victories waiting for review",
        },
    }


@pytest.mark.parametrize("lang", [lang for lang in languages() if lang != ENGLISH])
def test_nothing_is_left_untranslated_in_the_catalogs_that_ship(lang):
    assert untranslated(lang) == ""


@pytest.mark.parametrize("name", ["messages.yaml", "messages.es.yaml"])
def test_the_fast_yaml_parser_reads_each_catalog_as_the_pure_python_one(name):
    """Catalogs are read with libyaml's parser for start-up speed; it must not change a
    single entry."""
    text = files("content").joinpath(name).read_text(encoding="utf-8")
    assert yaml.load(text, Loader=SAFE_LOADER) == yaml.safe_load(text)
