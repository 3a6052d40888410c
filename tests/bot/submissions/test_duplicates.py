"""The cheap bound that spares most comparisons never hides a text the matcher would call
similar: ``pick`` finds exactly what comparing every text in full finds."""

from __future__ import annotations

from difflib import SequenceMatcher

from hypothesis import given, settings
from hypothesis import strategies as st

from bot.submissions import duplicates
from bot.submissions.duplicates import SIMILAR, normal_text, pick

WORDS = st.sampled_from(
    [
        "rent",
        "strike",
        "won",
        "the",
        "council",
        "vote",
        "library",
        "park",
        "union",
        "wage",
        "a",
        "of",
    ]
)
TEXTS = st.lists(WORDS, min_size=1, max_size=14).map(" ".join)


def in_full(new: str, recent: list[tuple[int, str]]) -> int | None:
    for victory_id, text in recent:
        if SequenceMatcher(None, text.split(), new.split()).ratio() >= SIMILAR:
            return victory_id
    return None


@settings(max_examples=300, deadline=None)
@given(new=TEXTS, old=st.lists(TEXTS, max_size=8))
def test_pick_finds_what_comparing_in_full_finds(new, old):
    recent = list(enumerate(old))
    assert pick(exact=[], recent=recent, norm_text=new) == in_full(new, recent)


def test_one_changed_word_in_ten_is_the_same_news_and_a_full_vocabulary_starts_over(
    monkeypatch,
):
    old = normal_text("The city council voted to fund the new library branch downtown")
    new = normal_text("The city council voted to fund the new library branch uptown")
    recent = [(7, old)]
    assert pick(exact=[], recent=recent, norm_text=new) == 7
    monkeypatch.setattr(duplicates, "MAX_WORDS", 1)  # full: a new vocabulary starts
    assert pick(exact=[], recent=recent, norm_text=new) == 7
    assert len(duplicates._vocabulary.bits) < 20
    assert pick(exact=[], recent=recent, norm_text="rent strike won") is None
