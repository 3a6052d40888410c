"""The one-line `/victory` parser: what a member types, and the fields it becomes."""

import pytest

from bot.model import Refusal
from bot.submissions.parsing import parse_submission
from tests.bot.chat.test_commands import run
from tests.conftest import MEMBER

# typed -> (text, link, thanks-to, credit)
UNDERSTOOD = {
    "two URLs keep the sentence as typed": (
        "Council passed the bill https://a.example.org/x and the mayor signed https://b.example.org/y",
        (
            "Council passed the bill https://a.example.org/x and the mayor signed https://b.example.org/y",
            "https://a.example.org/x",
            None,
            None,
        ),
    ),
    "a URL inside the sentence stays where it was": (
        "See https://a.example.org/x for the full ruling.",
        ("See https://a.example.org/x for the full ruling.", "https://a.example.org/x", None, None),
    ),
    "a URL at the end becomes the link": (
        "The union vote won https://a.example.org/x.",
        ("The union vote won", "https://a.example.org/x", None, None),
    ),
    "[label](url) is a link": (
        "A judge issued [the ruling](https://courts.example.org/4471) today",
        ("A judge issued the ruling today", "https://courts.example.org/4471", None, None),
    ),
    "data: in a sentence is text (issue 12, item 7)": (
        "New data: eviction filings fell",
        ("New data: eviction filings fell", None, None, None),
    ),
    "file: in a sentence is text": (
        "The case file: dismissed for good",
        ("The case file: dismissed for good", None, None, None),
    ),
    "Thanks: at the start, with a dash": (
        "Thanks: Ana — the tenant bill passed https://a.example.org/x",
        ("the tenant bill passed", "https://a.example.org/x", "Ana", None),
    ),
    "Thanks: at the start, with a comma": (
        "Thanks: the Elm Street union, rent is frozen",
        ("rent is frozen", None, "the Elm Street union", None),
    ),
    "Thanks: at the start, first word only": (
        "thanks: Ana The tenant bill passed",
        ("The tenant bill passed", None, "Ana", None),
    ),
    "the credit as issues print it, copied at the end": (
        "The library got funded! (Thanks, Diana!)",
        ("The library got funded!", None, "Diana", None),
    ),
    "printed style after a link, 'thanks to'": (
        "The bill passed https://a.example.org/x (thanks to the Ortiz family)",
        ("The bill passed", "https://a.example.org/x", "the Ortiz family", None),
    ),
    "a parenthesis that only mentions thanks stays text": (
        "We won (and thanks)",
        ("We won (and thanks)", None, None, None),
    ),
    "thanks and credit at the end": (
        "The tenant bill passed https://a.example.org/x thanks: Ana credit: first",
        ("The tenant bill passed", "https://a.example.org/x", "Ana", "first"),
    ),
}


@pytest.mark.parametrize("typed, fields", UNDERSTOOD.values(), ids=list(UNDERSTOOD))
def test_understood(typed, fields):
    parsed = parse_submission(typed)
    assert (parsed.text, parsed.link, parsed.thanks_to, parsed.credit) == fields


@pytest.mark.parametrize(
    "typed, shown",
    [
        ("Files at ftp://files.example.org/minutes", "ftp://files.example.org/minutes"),
        ("See gopher://old.example.org/1 now", "gopher://old.example.org/1"),
        ("javascript:alert(1) won", "javascript:alert(1)"),
        ("data:text/html,<b>x</b>", "data:text/html,<b>x</b>"),
        ("file:///etc/passwd", "file:///etc/passwd"),
    ],
)
def test_other_schemes_are_refused_as_the_readme_says(typed, shown):
    with pytest.raises(Refusal) as refusal:
        parse_submission(typed)
    assert refusal.value.key == "bad_link"
    assert refusal.value.fields["link"] == shown


async def test_an_unknown_credit_is_refused_with_the_choices(core):
    reply = await run(core, MEMBER, "victory", "The bus fare cut passed credit: fullname")
    assert not reply.ok
    assert "name, first name or anonymous" in reply.plain()


async def test_plain_text_with_data_colon_is_stored(core):
    reply = await run(core, MEMBER, "victory", "New data: eviction filings fell")
    assert reply.ok, reply.plain()
