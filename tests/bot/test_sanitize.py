import unicodedata

import pytest
from hypothesis import given
from hypothesis import strategies as st

from bot import sanitize
from bot.model import Refusal
from bot.sanitize import checked_link, checked_text, clean_text, split_link


@pytest.mark.parametrize(
    ("raw", "clean"),
    [
        ("  hello   world  ", "hello world"),
        ("line\nbreak\ttab", "line break tab"),
        ("nul\x00 and bell\x07", "nul and bell"),
        ("rtl \u202eevil\u202c text", "rtl evil text"),
        ("zero\u200bwidth\ufeff", "zerowidth"),
        ("family 👨\u200d👩\u200d👧 stays", "family 👨\u200d👩\u200d👧 stays"),
        ("stray\u200djoiner", "strayjoiner"),
        ("thumbs 👍🏽 up", "thumbs 👍🏽 up"),
        ("e\u0301", "é"),
    ],
)
def test_clean_text(raw, clean):
    assert clean_text(raw) == clean


def every_character_checked(value: str, *, multiline: bool) -> str:
    """``clean_text`` without its shortcut for texts with nothing invisible in them."""
    kept = sanitize._by_character(unicodedata.normalize("NFC", value), multiline=multiline)
    lines = [sanitize._SPACES.sub(" ", line).strip() for line in kept.split("\n")]
    if not multiline:
        return lines[0]
    lines = [f"> {line[1:].lstrip()}".rstrip() if line.startswith(">") else line for line in lines]
    return sanitize._BLANK_RUN.sub("\n\n", "\n".join(lines).strip("\n"))


# Plain text, accents and emoji with the breaks, spaces and invisible characters that decide
# which way a text is cleaned.
TRICKY = st.text(
    st.one_of(
        st.characters(),
        st.sampled_from("\n\r\t \u00a0\u2028\u2029\u200b\u200d\u202e\ufeff\x00>👍🏽é"),
    ),
    max_size=40,
)


@given(TRICKY, st.booleans())
def test_the_shortcut_for_plain_text_cleans_exactly_as_checking_each_character(text, multiline):
    assert clean_text(text, multiline=multiline) == every_character_checked(
        text, multiline=multiline
    )


def test_plain_text_keeps_its_paragraphs_when_multiline():
    assert clean_text("Won!\r\n\n\n  Next\tweek", multiline=True) == "Won!\n\nNext week"
    assert clean_text("Won!\nNext", multiline=False) == "Won! Next"


def test_empty_and_too_long_are_refused_with_details():
    with pytest.raises(Refusal) as empty:
        checked_text(" \u200b\x00 ", max_length=10)
    assert empty.value.key == "empty"
    with pytest.raises(Refusal) as long:
        checked_text("x" * 11, max_length=10)
    assert long.value.key == "too_long"
    assert long.value.fields["length"] == 11


@pytest.mark.parametrize(
    "bad",
    [
        "javascript:alert(1)",
        "data:text/html,hi",
        "ftp://example.org/x",
        "http://",
        "http://localhost",
        "https://user:pw@example.org/",
        "not a url",
        "https://exa mple.org",
        "http://[::1",
    ],
)
def test_unsafe_links_are_refused(bad):
    with pytest.raises(Refusal) as refusal:
        checked_link(bad)
    assert refusal.value.key == "bad_link"


def test_links_are_normalised_and_lookalike_hosts_shown_as_punycode():
    assert checked_link("HTTPS://Example.org/a?b=1#c") == "https://example.org/a?b=1#c"
    lookalike = checked_link("https://раураl.com/login")
    assert lookalike.startswith("https://xn--") and lookalike.endswith(".com/login")
    assert checked_link("<https://example.org/x|click>") == "https://example.org/x"
    assert checked_link("") is None


def test_split_link_takes_the_first_url_and_refuses_unsafe_schemes():
    # Inside a sentence the URL stays as typed (the sentence would break without it).
    assert split_link("Won https://example.org/a. Yay") == (
        "Won https://example.org/a. Yay",
        "https://example.org/a",
    )
    assert split_link("see <https://example.org/x|click> now") == (
        "see click now",
        "https://example.org/x",
    )
    assert split_link("Won https://example.org/a.") == ("Won", "https://example.org/a")
    assert split_link("no link here") == ("no link here", None)
    with pytest.raises(Refusal):
        split_link("see javascript:alert(1)")


def test_characters_urls_may_not_contain_are_percent_encoded():
    assert checked_link("http://a.b/<x>[click](https://evil.example)") == (
        "http://a.b/%3Cx%3E%5Bclick%5D(https://evil.example)"
    )
    assert checked_link("https://en.wikipedia.org/wiki/Bread_and_Roses_(song)").endswith("(song)")
    assert checked_link("https://example.org/a?b=1&c=%20d") == "https://example.org/a?b=1&c=%20d"
