"""HTML: the archive website's and the feed's rendering of a document.

This and jinja2's autoescape are the only places HTML escaping happens. Every span's text
is escaped; a link becomes an anchor only when it is http(s), and then carries
``rel="nofollow ugc"`` because members wrote it.
"""

from __future__ import annotations

from itertools import groupby
from urllib.parse import urlsplit

from markupsafe import Markup, escape

from bot.document import Block, Document, Line, Span, is_prose, lines

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
    if span.style in ("break", "para"):  # lines and paragraphs are rendered by _prose
        return Markup("")
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


def _pieces(block: Block) -> list[tuple[bool, list[Line]]]:
    """Written text as paragraphs and quotations: runs of lines, each quoted or not."""
    pieces: list[tuple[bool, list[Line]]] = []
    for line in lines(block.spans):
        if pieces and line.gap == "break" and pieces[-1][0] == line.quote:
            pieces[-1][1].append(line)
        else:
            pieces.append((line.quote, [line]))
    return pieces


def _prose(block: Block, css: str = "") -> Markup:
    """Each paragraph its own <p>, each quotation a <blockquote>; lines within either keep
    their line breaks."""
    out: list[Markup] = []
    for quote, run in _pieces(block):
        text = Markup("<br>\n").join(
            Markup("").join(render_span(span) for span in line.spans) for line in run
        )
        para = Markup("<p{}>{}</p>").format(Markup(css), text)
        out.append(Markup("<blockquote>{}</blockquote>").format(para) if quote else para)
    return Markup("\n").join(out)


def render_block(block: Block) -> Markup:
    if is_prose(block.spans) and block.kind in ("paragraph", "meta", "item"):
        if block.kind == "item":
            return Markup('<li value="{}">\n{}\n</li>').format(block.number, _prose(block))
        return _prose(block, ' class="meta"' if block.kind == "meta" else "")
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
