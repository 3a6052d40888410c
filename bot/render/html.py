"""HTML: the archive website's and the feed's rendering of a document.

This and jinja2's autoescape are the only places HTML escaping happens. Every span's text
is escaped; a link becomes an anchor only when it is http(s), and then carries
``rel="nofollow ugc"`` because members wrote it.
"""

from __future__ import annotations

from itertools import groupby
from urllib.parse import urlsplit

from markupsafe import Markup, escape

from bot.document import Block, Document, Span

SAFE_SCHEMES = ("http", "https")


def safe_url(url: str | None) -> str | None:
    """The URL when it is an absolute http(s) link, else None."""
    if not url:
        return None
    try:
        parts = urlsplit(url.strip())
    except ValueError:
        return None
    if parts.scheme.lower() not in SAFE_SCHEMES or not parts.netloc:
        return None
    return url.strip()


def _text(value: str) -> Markup:
    # Newlines inside a span (a multi-paragraph imported note) stay visible.
    return Markup("<br>\n").join(escape(line) for line in value.split("\n"))


def render_span(span: Span) -> Markup:
    body = _text(span.text)
    if span.style == "link":
        url = safe_url(span.url)
        if url is None:  # not a link; a URL shown as itself is dropped, a label stays text
            return Markup("") if span.text == span.url else body
        css = ' class="bare"' if span.text == span.url else ""
        return Markup('<a href="{}" rel="nofollow ugc"{}>{}</a>').format(url, Markup(css), body)
    if span.style == "strong":
        return Markup("<strong>{}</strong>").format(body)
    if span.style == "emph":
        return Markup("<em>{}</em>").format(body)
    return body


def _spans(block: Block) -> Markup:
    return Markup("").join(render_span(span) for span in block.spans)


def render_block(block: Block) -> Markup:
    body = _spans(block)
    if block.kind == "title":
        return Markup('<h1 class="issue-title">{}</h1>').format(body)
    if block.kind == "heading":
        return Markup("<h2>{}</h2>").format(body)
    if block.kind == "meta":
        return Markup('<p class="meta">{}</p>').format(body)
    if block.kind == "divider":
        return Markup('<hr class="divider">')
    if block.kind == "item":
        return Markup('<li value="{}">{}</li>').format(block.number, body)
    return Markup("<p>{}</p>").format(body)


def _section(name: str, blocks: list[Block]) -> Markup:
    parts: list[Markup] = []
    for is_item, run in groupby(blocks, key=lambda b: b.kind == "item"):
        rendered = Markup("\n").join(render_block(block) for block in run)
        parts.append(Markup("<ol>\n{}\n</ol>").format(rendered) if is_item else rendered)
    inner = Markup("\n").join(parts)
    if not name:
        return inner
    tag = "header" if name == "title" else "section"
    return Markup('<{tag} class="part part-{name}">\n{inner}\n</{tag}>').format(
        tag=Markup(tag), name=name, inner=inner
    )


def render_html(document: Document) -> Markup:
    """The document as an HTML fragment: one element per section, items as ordered lists."""
    return Markup("\n").join(
        _section(name, list(run)) for name, run in groupby(document.blocks, key=lambda b: b.section)
    )
