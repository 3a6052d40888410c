"""The one place where what a member typed is cleaned and checked before it is stored.

Cleaning removes what no surface can show safely (control characters, bidi overrides,
stray zero-width characters) and keeps everything else exactly; escaping for a surface
happens later, in that surface's renderer.
"""

from __future__ import annotations

import re
import string
import unicodedata
from urllib.parse import quote, urlsplit, urlunsplit

from bot.model import Refusal

_BIDI = set("\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069\u200e\u200f\u061c")
_ZERO_WIDTH = set("\u200b\u200c\u2060\ufeff\u180e")
_ZWJ = "\u200d"
_SPACES = re.compile(r"[ \t\u00a0\u2000-\u200a\u3000]+")
MAX_LINK = 500
SAFE_SCHEMES = ("http", "https")
_URL_SAFE = "/?%:@!$&'()*+,;=-._~"


def _is_emoji_part(ch: str) -> bool:
    return (
        unicodedata.category(ch) in ("So", "Sk") or ch == "\ufe0f" or 0x1F3FB <= ord(ch) <= 0x1F3FF
    )


def _by_character(value: str, *, multiline: bool) -> str:
    """Line breaks as one kind (or spaces), and every invisible character dropped."""
    out: list[str] = []
    for i, ch in enumerate(value):
        if ch in "\r\n\t" or ch == "\u2028" or ch == "\u2029":
            out.append("\n" if multiline and ch in "\n\u2028\u2029" else " ")
            continue
        cat = unicodedata.category(ch)
        if ch in _BIDI or ch in _ZERO_WIDTH or cat in ("Cc", "Cs", "Co", "Cn"):
            continue
        if ch == _ZWJ:
            before = value[i - 1] if i else ""
            after = value[i + 1] if i + 1 < len(value) else ""
            if not (before and after and _is_emoji_part(before) and _is_emoji_part(after)):
                continue
        if cat == "Cf" and ch != _ZWJ and not 0xE0020 <= ord(ch) <= 0xE007F:
            continue  # other format characters: invisible, can hide text (tag chars keep flags)
        out.append(ch)
    return "".join(out)


def clean_text(value: str, *, multiline: bool = False) -> str:
    """Normalise to NFC and drop invisible or dangerous characters.

    A zero-width joiner survives only between emoji (family and profession emoji need it).
    ``multiline`` keeps line breaks and paragraphs: each line is trimmed, and any run of
    blank lines becomes one blank line (a paragraph break), none at either end.
    """
    if not value:
        return value  # most optional fields (link, thanks) arrive empty
    value = unicodedata.normalize("NFC", value)
    if value.replace("\n", "").replace("\r", "").replace("\t", "").isprintable():
        # Most texts: nothing invisible or dangerous, so no character is dropped (all that
        # ``_by_character`` drops is unprintable) and only the breaks and tabs change.
        kept = value.replace("\r", " ").replace("\t", " ")
        kept = kept if multiline else kept.replace("\n", " ")
    else:
        kept = _by_character(value, multiline=multiline)
    lines = [_SPACES.sub(" ", line).strip() for line in kept.split("\n")]
    if not multiline:
        return lines[0]
    # A quotation line is kept in one form, "> text", so what is stored is what shows.
    lines = [f"> {line[1:].lstrip()}".rstrip() if line.startswith(">") else line for line in lines]
    return _BLANK_RUN.sub("\n\n", "\n".join(lines).strip("\n"))


_BLANK_RUN = re.compile(r"\n{3,}")


def checked_text(
    value: str | None, *, max_length: int, what: str = "text", multiline: bool = False
) -> str:
    """Clean a required text, refusing it when empty or too long."""
    cleaned = clean_text(value or "", multiline=multiline)
    if not cleaned:
        raise Refusal("empty", what=what)
    if len(cleaned) > max_length:
        raise Refusal("too_long", what=what, length=len(cleaned), limit=max_length)
    return cleaned


def optional_text(value: str | None, *, max_length: int, what: str) -> str | None:
    cleaned = clean_text(value or "")
    if not cleaned:
        return None
    if len(cleaned) > max_length:
        raise Refusal("too_long", what=what, length=len(cleaned), limit=max_length)
    return cleaned


def checked_link(value: str | None) -> str | None:
    """Return a safe http(s) URL, with an internationalised host shown as punycode.

    Punycode makes look-alike hosts (``раураl.com``) visible as what they are.
    """
    raw = clean_text(value or "")
    if not raw:
        return None
    if len(raw) > MAX_LINK:
        raise Refusal("bad_link", link=raw[:60] + "…")
    if raw.startswith("<") and raw.endswith(">"):
        raw = raw[1:-1].split("|", 1)[0]
    try:
        parts = urlsplit(raw)
        host = parts.hostname or ""
        port = parts.port
    except ValueError:
        raise Refusal("bad_link", link=raw) from None
    if parts.scheme.lower() not in SAFE_SCHEMES or not host or " " in raw or "." not in host:
        raise Refusal("bad_link", link=raw)
    if parts.username or parts.password:
        raise Refusal("bad_link", link=raw)
    try:
        ascii_host = host.encode("idna").decode("ascii")
    except UnicodeError:
        raise Refusal("bad_link", link=raw) from None
    netloc = ascii_host + (f":{port}" if port else "")
    # Characters a URL may not contain (RFC 3986), such as < > [ ] ` " { } |, are
    # percent-encoded: no surface can then read part of a link as markup of its own.
    path, query, fragment = (
        quote(part, safe=_URL_SAFE) for part in (parts.path, parts.query, parts.fragment)
    )
    return urlunsplit((parts.scheme.lower(), netloc, path, query, fragment))


_URL = re.compile(r"<?\bhttps?://[^\s<>|]+(?:\|[^>]*>|>)?", re.IGNORECASE)
_MARKDOWN_LINK = re.compile(r"\[([^\[\]\n]+)\]\(\s*<?(https?://[^\s()<>]+)>?\s*\)", re.IGNORECASE)
_ANY_SCHEME = re.compile(r"(?<![\w.+-])([a-z][a-z0-9+.-]*)://\S*", re.IGNORECASE)
# Schemes that need no "//"; only a word glued to the colon is a link ("data:text/html"),
# so a sentence like "New data: eviction filings fell" is text.
_UNSAFE_SCHEME = re.compile(r"\b(?:javascript|data|vbscript|file):(?=[^\s:])\S*", re.IGNORECASE)


_CLOSING = string.whitespace + ".,;:!?"


def split_link(value: str) -> tuple[str, str | None]:
    """Take the first http(s) URL out of a one-line submission; refuse other schemes.

    ``[label](url)`` keeps its label in the text. A URL at the end (or start) leaves the
    sentence; one inside it, or a second URL, leaves the sentence exactly as typed.
    """
    if ":" not in value:  # every link, and every scheme refused, has one: most text has none
        return value, None
    if markdown := _MARKDOWN_LINK.search(value):
        text = value[: markdown.start()] + markdown.group(1) + value[markdown.end() :]
        return " ".join(text.split()), markdown.group(2)
    for scheme in _ANY_SCHEME.finditer(value):
        if scheme.group(1).lower() not in SAFE_SCHEMES:
            raise Refusal("bad_link", link=scheme.group(0)[:60])
    if unsafe := _UNSAFE_SCHEME.search(value):
        raise Refusal("bad_link", link=unsafe.group(0)[:60])
    match = _URL.search(value)
    if not match:
        return value, None
    raw = match.group(0)
    if raw.startswith("<"):  # Slack-style <url|label>: the whole thing goes
        url, _, label = raw[1:].rstrip(">").partition("|")
        end = match.end()
    else:
        url = label = raw.rstrip(".,;:!?)>")
        end = match.start() + len(url)
    before, after = value[: match.start()], value[end:]
    ends_it = not after.strip(_CLOSING)  # nothing but a full stop (or nothing) follows
    if before.strip() and not ends_it:  # inside the sentence: keep it as typed
        return " ".join((before + (label or url) + after).split()), url
    if ends_it:
        after = ""  # the full stop after a final URL goes with it
    return " ".join((before + " " + after).split()), url


def first_name(name: str) -> str:
    return name.split()[0] if name.split() else name
