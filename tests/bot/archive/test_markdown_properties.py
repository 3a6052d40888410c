"""Property: whatever members wrote, an exported Markdown issue imports back unchanged."""

from __future__ import annotations

import re

from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from bot.archive.markdown_import import parse_markdown
from bot.config import Config
from bot.issues.layout import issue_document
from bot.issues.selection import Entry, IssueView
from bot.model import Credit, Issue, Victory
from bot.render.markdown import render_markdown
from bot.sanitize import clean_text
from tests.bot.helpers import a_victory

CREDIT_LIKE = re.compile(r"\s[—–-]\s*(thanks|h/t)\b.*$", re.IGNORECASE)
ENDS_WITH_URL = re.compile(r"https?://\S+[\s.,;:!?'\"]*$", re.IGNORECASE)
ALPHABET = st.sampled_from(list("abcXYZ019 .,:;!?'\"()[]<>*_`#|~\\-—/&%=+@ éß🎉"))
WORDS = st.sampled_from(
    [
        "P.S.",
        "1.",
        "# ",
        "https://x.org/a_b",
        "<script>",
        "**",
        "---",
        "[x](y)",
        "\\",
        "Issue 3",
        "thanks",
        "(Thanks, Zed!)",
    ]
)
# Cleaned as intake cleans it: multi-line, so a leading ">" is kept as "> " (a quotation).
TEXT = (
    st.lists(st.one_of(ALPHABET, WORDS), min_size=1, max_size=30)
    .map("".join)
    .map(lambda text: clean_text(text, multiline=True))
)
LINK = st.sampled_from([None, "https://example.org/a_b?c=1&d=(2)", "http://x.example/#frag"])
NAME = st.one_of(
    st.none(),
    st.text(st.sampled_from(list("AnaBen é*_-")), min_size=1, max_size=12)
    .map(clean_text)
    .filter(lambda n: n.strip("-") == n and n),
)


def ambiguous(text: str, link: str | None) -> bool:
    """Text ending like a credit ("(Thanks, Zed!)!", "... — thanks Zed", or any ")") reads as
    one; a URL ending a link-less item reads as its link. Markdown cannot tell these apart."""
    ends_like_credit = text.rstrip().rstrip(".!").rstrip().endswith(")") or bool(
        CREDIT_LIKE.search(text)
    )
    return ends_like_credit or (link is None and bool(ENDS_WITH_URL.search(text)))


def victory(number: int, text: str, link: str | None, thanks: str | None) -> Victory:
    return a_victory(text, number=number, link=link, thanks_to=thanks, credit=Credit.ANONYMOUS)


@settings(max_examples=300, suppress_health_check=[HealthCheck.too_slow], deadline=None)
@given(st.lists(st.tuples(TEXT, LINK, NAME), min_size=1, max_size=4), TEXT)
def test_exported_items_and_note_import_back(items, note):
    items = [(t, link, n) for t, link, n in items if t and not ambiguous(t, link)]
    if not items:
        return
    entries = [Entry(i + 1, victory(i + 1, *item)) for i, item in enumerate(items)]
    view = IssueView(
        Issue(number=3, status="published", date="2025-03-03", note=note or None), entries
    )
    markdown = render_markdown(issue_document(view, config=Config()))
    (issue,), problems = parse_markdown(markdown, source="3.md")
    assert problems == []
    assert [(i.text, i.link, i.thanks_to) for i in issue.items] == items
    assert issue.note == (note or None)


SLOT = TEXT.filter(bool)


@settings(max_examples=200, suppress_health_check=[HealthCheck.too_slow], deadline=None)
@given(
    SLOT,
    st.one_of(st.none(), SLOT),
    LINK,
    st.one_of(st.none(), SLOT),
    st.lists(SLOT, max_size=3),
    st.lists(SLOT, max_size=3),
)
def test_exported_editorial_slots_import_back(note, song, song_link, gratitude, actions, ps):
    if song is None and song_link is None:
        song_link = "https://example.org/song"
    if song and ambiguous(song, song_link):
        song = song + " x"
    issue = Issue(
        number=3,
        status="published",
        date="2025-03-03",
        note=note,
        song_title=song,
        song_link=song_link,
        gratitude=gratitude,
        actions=actions,
        ps=ps,
    )
    view = IssueView(issue, [Entry(1, victory(1, "A win", None, None))])
    markdown = render_markdown(issue_document(view, config=Config()))
    (parsed,), problems = parse_markdown(markdown, source="3.md")
    assert problems == []
    assert (parsed.note, parsed.gratitude, parsed.actions, parsed.ps) == (
        note,
        gratitude,
        actions,
        ps,
    )
    assert (parsed.song_title, parsed.song_link) == (song, song_link)


# Written text of several paragraphs and quotation lines, cleaned as intake cleans it.
WRITTEN = (
    st.lists(
        st.tuples(st.sampled_from(["", "> "]), TEXT, st.sampled_from(["\n", "\n\n"])),
        min_size=2,
        max_size=5,
    )
    .map(lambda rows: "".join(mark + line + end for mark, line, end in rows))
    .map(lambda text: clean_text(text, multiline=True))
)


@settings(max_examples=200, suppress_health_check=[HealthCheck.too_slow], deadline=None)
@given(st.lists(st.tuples(WRITTEN, LINK, NAME), min_size=1, max_size=3), WRITTEN)
def test_items_and_note_of_several_paragraphs_and_quotations_import_back(items, note):
    # A later note paragraph starting with a dash reads as the editors' signature ("— Ana").
    assume(not any(re.match(r"[—–~-]", p) for p in as_markdown_reads(note).split("\n\n")[1:]))
    last = [text.rsplit("\n", 1)[-1] for text, _, _ in items]
    items = [
        (t, link, n)
        for (t, link, n), end in zip(items, last, strict=True)
        # A quoted last line ("> - thanks Zed") ends like a credit too, quote mark and all.
        if t and not (ambiguous(end, link) or ambiguous(end.removeprefix("> "), link))
    ]
    if not items:
        return
    entries = [Entry(i + 1, victory(i + 1, *item)) for i, item in enumerate(items)]
    view = IssueView(Issue(number=3, status="published", date="2025-03-03", note=note), entries)
    markdown = render_markdown(issue_document(view, config=Config()))
    (issue,), problems = parse_markdown(markdown, source="3.md")
    assert problems == []
    assert [(i.text, i.link, i.thanks_to) for i in issue.items] == [
        (as_markdown_reads(t), link, n) for t, link, n in items
    ]
    assert issue.note == as_markdown_reads(note)


def as_markdown_reads(text: str) -> str:
    """Markdown cannot end a quotation but with a blank line (a line after it would be more
    of it), so a line right after a quotation comes back as a new paragraph."""
    return re.sub(r"(?m)^(>.*)\n(?![>\n])", "\\1\n\n", text)
