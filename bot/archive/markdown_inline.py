"""Reading one line of Markdown into text and links: the inline half of the importer.

Liberal on purpose: it reads what ``bot.render.markdown`` writes (backslash escapes,
``<url>``, ``[label](<url>)``) and what people write by hand (bare URLs, ``[label](url)``,
``**bold**``, ``_emphasis_``), and drops the emphasis markers.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from bot.sanitize import clean_text


@dataclass(frozen=True)
class Piece:
    text: str
    url: str | None = None  # set when the piece is a link; ``text`` is its label
    marked: bool = False  # written as a link (``<url>``, ``[label](url)``), not a URL in text

    @property
    def bare(self) -> bool:
        """A link shown as its own URL."""
        return self.url is not None and self.text in ("", self.url)


_LINK = re.compile(
    r"\[(?P<label>(?:\\.|[^\]\\])*)\]\(\s*(?:<(?P<angled>[^>\n]*)>|(?P<plain>[^\s()]*"
    r"(?:\([^\s()]*\)[^\s()]*)*))(?:\s+\"[^\"]*\")?\s*\)"
)
_AUTOLINK = re.compile(r"<(?P<url>[a-zA-Z][a-zA-Z0-9+.-]{1,20}:[^\s<>]*)>")
_BARE = re.compile(r"https?://[^\s<>]+", re.IGNORECASE)
_ESCAPED = re.compile(r"\\(.)")
_MARKERS = re.compile(r"\*\*|__|\*|`+")


def _trim_url(url: str) -> str:
    """A bare URL loses trailing punctuation, and a ``)`` it does not open."""
    while url and url[-1] in ".,;:!?'\"\\*":
        url = url[:-1]
    while url.endswith(")") and url.count(")") > url.count("("):
        url = url[:-1]
    return url


def _emphasis_underscore(line: str, at: int) -> bool:
    before = line[at - 1] if at else " "
    after = line[at + 1] if at + 1 < len(line) else " "
    return not (before.isalnum() and after.isalnum())


def pieces(line: str) -> list[Piece]:
    """Split a line into text pieces and link pieces, with escapes and markers resolved."""
    out: list[Piece] = []
    text: list[str] = []

    def flush() -> None:
        if text:
            out.append(Piece("".join(text)))
            text.clear()

    i = 0
    while i < len(line):
        ch = line[i]
        if ch == "\\" and i + 1 < len(line):
            text.append(line[i + 1])
            i += 2
            continue
        link = _LINK.match(line, i) if ch == "[" else None
        auto = _AUTOLINK.match(line, i) if ch == "<" else None
        bare = _BARE.match(line, i) if ch in "hH" and (not i or not line[i - 1].isalnum()) else None
        if link:
            flush()
            label = "".join(p.text for p in pieces(link.group("label")))
            url = (link.group("angled") or link.group("plain") or "").strip()
            out.append(Piece(label, url, marked=True))
            i = link.end()
        elif auto:
            flush()
            out.append(Piece(auto.group("url"), auto.group("url"), marked=True))
            i = auto.end()
        elif bare:
            flush()
            raw = _trim_url(bare.group(0))
            url = _ESCAPED.sub(r"\1", raw)  # our own export escapes _ and # in URLs
            out.append(Piece(url, url))
            i += len(raw)
        elif marker := _MARKERS.match(line, i):
            i = marker.end()
        elif ch == "_" and _emphasis_underscore(line, i):
            i += 1
        else:
            text.append(ch)
            i += 1
    flush()
    return out


def plain(parts: list[Piece]) -> str:
    """The pieces as one plain line; a labelled link keeps its URL in parentheses."""
    words = []
    for part in parts:
        if part.url is None or part.bare:
            words.append(part.url if part.url else part.text)
        else:
            words.append(f"{part.text} ({part.url})")
    return clean_text("".join(words))
