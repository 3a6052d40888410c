"""Whatever a member types: refused with a reason, or stored exactly and rendered inert."""

import datetime as dt

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from markdown_it import MarkdownIt

from bot.chat.commands import parse_submission
from bot.clock import ManualClock
from bot.config import Config
from bot.issues.layout import issue_document
from bot.issues.selection import Entry, IssueView
from bot.model import Actor, Issue, Refusal, Submission
from bot.render.markdown import escape, render_markdown, unescape
from bot.render.plain import render_plain
from bot.sanitize import clean_text
from bot.store import victories
from bot.store.database import Store
from bot.submissions import intake
from tests.bot.helpers import a_victory

NASTY = {
    "everyone": "@everyone @here <!channel> <!here> <!everyone>",
    "user and role mentions": "<@U123> <@&456> <#C789> <!subteam^S1>",
    "slack link injection": "<https://evil.example|click here>",
    "markup flood": "**" * 200 + "__~~``" * 50,
    "huge": "x" * 100_000,
    "nul and controls": "a\x00b\x01c\x1bd\x7fe",
    "rtl override": "abc\u202edcba\u202c",
    "zero width": "in\u200bvis\u200cible\u2060",
    "zwj emoji": "👩\u200d🔬 and 👨\u200d👩\u200d👧",
    "homoglyph link": "see https://раураl.com/login",
    "sql": "'); DROP TABLE victories; --",
    "skin tones": "👍🏿 👋🏽 🤝🏻",
    "html": '<script>alert(1)</script>"><img src=x onerror=alert(1)>',
    "javascript link": "javascript:alert(document.cookie)",
    "surrogate-ish": "\ud800"[:0] + "\U0010ffff end",
}


def make_store(tmp_path_factory):
    return Store(tmp_path_factory.mktemp("hyp") / "v.db")


@pytest.fixture(scope="module")
def shared_store(tmp_path_factory):
    store = make_store(tmp_path_factory)
    yield store
    store.close()


CONFIG = Config()
CLOCK = ManualClock(dt.datetime(2026, 11, 25, tzinfo=dt.UTC))
EDITOR = Actor("console", "editor", "Editor")


def try_submit(store, submission):
    try:
        receipt = store.call(
            intake.submit,
            community=1,
            config=CONFIG,
            actor=EDITOR,
            submission=submission,
            now=CLOCK.now(),
            exempt=True,
        )
    except Refusal as refusal:
        return refusal
    return store.call(victories.get, receipt.number)


@pytest.mark.parametrize("name", sorted(NASTY))
def test_named_nasty_cases(shared_store, name):
    text = NASTY[name]
    try:
        submission = parse_submission(text)
    except Refusal as refusal:
        assert refusal.key == "bad_link"
        return
    outcome = try_submit(shared_store, submission)
    if isinstance(outcome, Refusal):
        assert outcome.key in ("empty", "too_long", "bad_link")
        return
    assert outcome.text == clean_text(submission.text, multiline=True)  # paragraphs kept
    assert (
        "\x00" not in outcome.text and "\u202e" not in outcome.text and "\u200b" not in outcome.text
    )


texts = st.text(alphabet=st.characters(codec="utf-8"), max_size=800)


@settings(
    max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    text=texts, link=st.one_of(st.none(), st.text(max_size=80)), thanks=st.one_of(st.none(), texts)
)
def test_intake_refuses_or_stores_exactly(shared_store, text, link, thanks):
    outcome = try_submit(shared_store, Submission(text=text, link=link, thanks_to=thanks))
    if isinstance(outcome, Refusal):
        assert outcome.key in ("empty", "too_long", "bad_link")
    else:
        assert outcome.text == clean_text(text, multiline=True) and outcome.text
        assert outcome.link is None or outcome.link.startswith(("http://", "https://"))


@settings(max_examples=300, deadline=None)
@given(texts)
def test_markdown_escaping_round_trips(text):
    assert unescape(escape(text)) == text


@settings(max_examples=150, deadline=None)
@given(text=texts.filter(lambda t: clean_text(t, multiline=True)), thanks=texts)
def test_issue_renderers_never_fail_and_keep_user_text_inert(text, thanks):
    # Cleaned as intake and the slot forms clean it: paragraphs and quotations kept.
    clean, who = clean_text(text, multiline=True), clean_text(thanks) or None
    issue = Issue(
        number=1, status="published", date="2026-11-27", note=clean, ps=[clean], actions=[clean]
    )
    doc = issue_document(
        IssueView(issue, [Entry(1, a_victory(clean, thanks_to=who, link="https://example.org/x"))]),
        config=CONFIG,
    )
    assert clean in render_plain(doc)
    tokens = MarkdownIt().parse(render_markdown(doc))
    links = [
        t.attrGet("href")
        for block in tokens
        for t in (block.children or [])
        if t.type == "link_open"
    ]
    # Only our own link is a link; nothing the member typed becomes one.
    assert links == ["https://example.org/x"]
