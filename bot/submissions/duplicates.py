"""Spotting items that report the same news: same link, or near-identical text.

A suspected duplicate is flagged on the review card, never refused: two members sharing
the same good news are both thanked when it runs.
"""

from __future__ import annotations

import re
import threading
from difflib import SequenceMatcher
from functools import lru_cache
from urllib.parse import parse_qsl, urlencode, urlsplit

_WORD = re.compile(r"[^\w]+", re.UNICODE)
_TRACKING = ("utm_", "fbclid", "gclid", "mc_cid", "mc_eid", "ref_src")
# Compared word by word: one changed word in ten still counts as the same news,
# and unrelated sentences (which share most letters, but few words) fail fast.
SIMILAR = 0.8


def normal_link(url: str | None) -> str | None:
    """The link without scheme, www., tracking parameters, fragment or trailing slash."""
    if not url:
        return None
    parts = urlsplit(url)
    host = (parts.hostname or "").lower().removeprefix("www.")
    query = [(k, v) for k, v in parse_qsl(parts.query) if not k.lower().startswith(_TRACKING)]
    path = parts.path.rstrip("/")
    return host + path + (f"?{urlencode(sorted(query))}" if query else "")


def normal_text(text: str) -> str:
    return " ".join(_WORD.sub(" ", text.casefold()).split())


# Each distinct word gets a bit, so the words two texts share are counted with one AND of
# two integers instead of a set built per comparison (a new item is compared with 50).
MAX_WORDS = 20_000  # then a new vocabulary starts (masks stay short, memory bounded)


class _Vocabulary:
    """Each distinct word's bit. Never cleared: a full one is replaced, so masks from one
    vocabulary are only ever compared with masks from the same one."""

    def __init__(self) -> None:
        self.bits: dict[str, int] = {}
        self._lock = threading.Lock()  # two threads must never give two words one bit

    def mask(self, words: set[str]) -> int:
        bits, mask = self.bits, 0
        for word in words:
            bit = bits.get(word)
            if bit is None:
                with self._lock:
                    bit = bits.setdefault(word, len(bits))
            mask |= 1 << bit
        return mask


_vocabulary = _Vocabulary()


def _current() -> _Vocabulary:
    global _vocabulary
    if len(_vocabulary.bits) >= MAX_WORDS:
        _vocabulary = _Vocabulary()
        _words.cache_clear()  # their masks are in the old one's bits
    return _vocabulary


class _Words:
    """A text's words, with what a cheap upper bound on their similarity needs."""

    __slots__ = ("words", "size", "repeats", "vocabulary", "mask")

    def __init__(self, text: str, vocabulary: _Vocabulary) -> None:
        self.words = text.split()
        unique = set(self.words)
        self.size = len(self.words)
        self.repeats = self.size - len(unique)
        self.vocabulary = vocabulary
        self.mask = vocabulary.mask(unique)


@lru_cache(maxsize=1024)
def _words(text: str) -> _Words:
    # Each new item is compared with the community's 50 latest: those texts come back
    # submission after submission, so their words are split once, not 50 times each.
    return _Words(text, _vocabulary)


def _similar(matcher: SequenceMatcher, old: _Words) -> bool:
    matcher.set_seq1(old.words)
    return matcher.quick_ratio() >= SIMILAR and matcher.ratio() >= SIMILAR


def _matcher(words: _Words) -> SequenceMatcher:
    matcher = SequenceMatcher(None, autojunk=False)
    matcher.set_seq2(words.words)  # indexed once, compared against many
    return matcher


def pick(
    *, exact: list[tuple[int, str]], recent: list[tuple[int, str]], norm_text: str
) -> int | None:
    """The id of the item this one most likely repeats, if any: of ``exact`` (same link
    or text), the first; else of ``recent``, the first whose words match closely enough.
    Both are (id, normalised text) pairs."""
    if exact:
        return exact[0][0]
    vocabulary = _current()
    new = _Words(norm_text, vocabulary)
    if not new.words:
        return None
    matcher = None  # built for the first text that might be similar: most never are
    mask, repeats = new.mask, new.repeats
    # Shared words bound the matching words from above (repeats add at most
    # min(repeats, old.repeats)), so most unrelated texts are ruled out without running
    # the matcher: the pair can only be similar if 2 * shared >= SIMILAR * both sizes.
    # This loop runs for 50 texts per new item on the database thread: kept lean.
    half = SIMILAR / 2
    for victory_id, text in recent:
        old = _words(text)
        if old.vocabulary is not vocabulary:  # cached just before a new vocabulary began
            old = _Words(text, vocabulary)
        extra = old.repeats if old.repeats < repeats else repeats
        if (mask & old.mask).bit_count() + extra < half * (new.size + old.size):
            continue
        matcher = matcher or _matcher(new)
        if _similar(matcher, old):
            return victory_id
    return None
