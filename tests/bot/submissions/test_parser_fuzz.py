"""Fuzz of the one-line `/victory` parser (issue 12, test gap): 1,000 generated lines in
`make test`, 10,000 in `make test-full` (VICTORIES_FULL_TESTS=1).

Well-formed lines come back field by field (a link inside the sentence stays in it, as
issue 16 asks); any line at all either parses into fields
intake accepts or is refused with a reason, and never raises anything else.
"""

import os

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from bot.model import Refusal, Submission
from bot.submissions import intake
from bot.submissions.parsing import parse_submission
from tests.conftest import make_config

LINES = 10_000 if os.environ.get("VICTORIES_FULL_TESTS") == "1" else 1_000
FUZZ = settings(
    max_examples=LINES,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much],
)
CONFIG = make_config()
KEYWORDS = {"thanks", "thank", "to", "credit"}

LETTERS = st.characters(categories=["L", "N"], exclude_characters="\x00")
word = st.text(LETTERS | st.sampled_from(".,!?'-()#&*_~"), min_size=1, max_size=12).filter(
    lambda w: w.lower() not in KEYWORDS and "http" not in w.lower()
)
words = st.lists(word, min_size=1, max_size=12)
name = st.lists(st.text(LETTERS, min_size=1, max_size=10), min_size=1, max_size=3).map(" ".join)
host = st.from_regex(r"[a-z][a-z0-9-]{0,10}\.(org|com|example|coop)", fullmatch=True)
path = st.from_regex(r"(/[A-Za-z0-9_-]{1,8}){0,3}", fullmatch=True)
link = st.builds(lambda s, h, p: f"{s}://{h}{p}", st.sampled_from(["http", "https"]), host, path)
credit = st.sampled_from(["name", "first", "first name", "anonymous", "anon"])
space = st.sampled_from([" ", "  ", "\t"])


@FUZZ
@given(
    before=words,
    after=st.lists(word, max_size=4),
    url=st.none() | link,
    thanks=st.none() | name,
    credit_as=st.none() | credit,
    gap=space,
)
def test_a_well_formed_line_comes_back_field_by_field(before, after, url, thanks, credit_as, gap):
    line = gap.join(before + ([url] if url else []) + (after if url else []))
    if thanks:
        line += f"{gap}thanks: {thanks}"
    if credit_as:
        line += f"{gap}credit: {credit_as}"
    parsed = parse_submission(line)
    # A link with words after it stays where it was typed; at the end it leaves the text.
    inside = url and " ".join(after).strip(" .,;:!?")
    assert " ".join(parsed.text.split()) == " ".join(before + ([url, *after] if inside else []))
    assert parsed.link == url
    assert parsed.thanks_to == thanks
    assert (parsed.credit or None) == credit_as
    fields = intake.validate(parsed, config=CONFIG)
    assert fields["text"] and (fields["link"] is None) == (url is None)


@FUZZ
@given(
    line=st.text(max_size=300)
    | st.builds(
        "".join,
        st.lists(
            st.sampled_from(
                [
                    "http://",
                    "https://",
                    "<",
                    ">",
                    "|",
                    "thanks:",
                    "credit:",
                    " ",
                    "data:",
                    "x",
                    ".",
                    "é",
                    "@everyone",
                    "<!channel>",
                    "\n",
                    "\x00",
                    "javascript:",
                    "a.org",
                    "/",
                ]
            ),
            max_size=40,
        ),
    )
)
def test_any_line_is_parsed_or_refused_with_a_reason(line):
    try:
        parsed = parse_submission(line)
        assert isinstance(parsed, Submission)
        intake.validate(parsed, config=CONFIG)
    except Refusal as refusal:
        assert refusal.key
