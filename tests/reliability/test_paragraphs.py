"""Items and slots keep their paragraphs (blank lines) and quotations (lines starting with
">") on every surface: plain text (console, email's text part), Markdown (the archive),
HTML (the website, email), Slack mrkdwn and Discord Markdown. The member's text stays
inert everywhere: a ">" they type is a quotation, never other markup, and nothing pings."""

from __future__ import annotations

import random
import re
from html.parser import HTMLParser

from hypothesis import given, settings
from hypothesis import strategies as st
from markdown_it import MarkdownIt

from adapters.discord import render as discord
from adapters.slack import render as slack
from bot.chat import forms
from bot.document import Block, Document, lines, paragraph, prose
from bot.email.letters import prepare_issue
from bot.model import Decision, Submission
from bot.render.html import render_html
from bot.render.markdown import render_markdown
from bot.render.plain import render_plain
from bot.review.cards import card_document
from bot.sanitize import clean_text
from bot.store import victories
from tests.bot.helpers import preview_document
from tests.conftest import EDITOR, MEMBER

ITEM = (
    "The tenants' union won its case: rents are frozen for two years.\n\n"
    "At the hearing, the organiser read from a letter by one of the tenants:\n"
    "> We were told nothing could be done.\n"
    "> We did it anyway.\n\n"
    "Three hundred households keep their homes."
)
NOTE = (
    "This week was a long one.\n\n"
    "Every item below started as a message someone shared.\n\n"
    "Thank you for writing them."
)
PARAGRAPHS = [
    "The tenants' union won its case: rents are frozen for two years.",
    "At the hearing, the organiser read from a letter by one of the tenants:",
    "Three hundred households keep their homes.",
]
QUOTE = ["We were told nothing could be done.", "We did it anyway."]


async def seeded(core) -> Document:
    receipt = await core.submissions.submit(
        core.community, MEMBER, Submission(text=ITEM, link="https://union.example/win")
    )
    await core.review.decide(core.community, EDITOR, receipt.number, Decision.APPROVE)
    assert (await forms.write_slot(core, core.community, EDITOR, "note", NOTE)).ok
    return await preview_document(core)


async def test_a_seed_like_item_and_note_keep_their_paragraphs_on_every_surface(core):
    issue = await seeded(core)
    stored = core.store.call(victories.by_number, community=core.community.id, number=1)
    assert stored.text == ITEM  # intake kept the paragraphs and the quotation

    plain = render_plain(issue)
    assert "1. " + PARAGRAPHS[0] + "\n\n   " + PARAGRAPHS[1] in plain
    assert "   > We were told nothing could be done.\n   > We did it anyway." in plain
    assert NOTE in plain

    html = str(render_html(issue))
    for text in PARAGRAPHS[:2]:
        assert f"<p>{text.replace(chr(39), '&#39;')}</p>" in html
    assert f'<p>{PARAGRAPHS[2]} <a href="https://union.example/win"' in html  # link ends it
    assert "<blockquote><p>We were told nothing could be done.<br>\nWe did it anyway.</p>" in html
    assert (
        "<p>This week was a long one.</p>" in html and "<p>Thank you for writing them.</p>" in html
    )

    tokens = MarkdownIt().parse(render_markdown(issue))
    kinds = [t.type for t in tokens]
    item = kinds.index("list_item_open")
    inside = kinds[item : kinds.index("list_item_close")]
    assert inside.count("paragraph_open") == 4 and inside.count("blockquote_open") == 1
    texts = [t.content for t in tokens if t.type == "inline"]
    assert "We were told nothing could be done.\\\nWe did it anyway." in texts
    assert all(p in texts for p in NOTE.split("\n\n"))

    mrkdwn = "\n".join(
        block["text"]["text"]
        for part in slack.message_parts(issue)
        for block in part["blocks"]
        if block["type"] == "section"
    )
    assert PARAGRAPHS[0] + "\n\n" + PARAGRAPHS[1] + "\n&gt; We were told" in mrkdwn
    assert "&gt; We did it anyway.\n\n" + PARAGRAPHS[2] in mrkdwn
    assert NOTE in mrkdwn

    described = "\n".join(part.description for part in discord.issue_parts(issue))
    assert "\n> We were told nothing could be done.\n> We did it anyway.\n" in described
    assert "This week was a long one.\n\nEvery item" in described

    letter = prepare_issue(core.community, number=1, document=issue)
    assert "<blockquote" in letter.html and NOTE.split("\n\n")[1] in letter.html
    assert "   > We did it anyway." in letter.plain

    card = card_document(stored)
    assert "> We were told nothing could be done." in render_plain(card)
    assert "&gt; We did it anyway." in str(slack.message(card))


async def test_a_long_issue_of_many_paragraph_items_is_never_cut_inside_an_item(core):
    words = [
        "river",
        "bread",
        "garden",
        "union",
        "school",
        "clinic",
        "library",
        "bridge",
        "market",
        "choir",
        "park",
        "tram",
    ]
    await core.communities.change(core.community, EDITOR, "issue.max_items", "30")
    for n in range(30):
        pick = random.Random(n)
        paragraphs = [" ".join(pick.choices(words, k=16)) + "." for _ in range(4)]
        text = f"Item {n} begins.\n\n" + "\n\n".join(paragraphs) + f"\n> Quoted {n}."
        receipt = await core.submissions.submit(core.community, EDITOR, Submission(text=text))
        await core.review.decide(core.community, EDITOR, receipt.number, Decision.APPROVE)
    issue = await preview_document(core)
    shown = [b for b in issue.blocks if b.kind == "item"]
    assert len(shown) >= 25
    items = [int(b.spans[0].text.split()[1]) for b in shown]
    parts = discord.issue_parts(issue)
    assert len(parts) > 1
    for n in items:  # each item wholly inside one part
        holding = [p for p in parts if f"Item {n} begins" in p.description]
        assert len(holding) == 1 and f"> Quoted {n}." in holding[0].description
    slack_parts = slack.message_parts(issue)
    assert len(slack_parts) > 1
    for n in items:
        holding = [p for p in slack_parts if f"Item {n} begins" in str(p["blocks"])]
        assert len(holding) == 1 and f"&gt; Quoted {n}." in str(holding[0]["blocks"])


def test_a_quotation_longer_than_a_slack_section_stays_a_quotation_in_each():
    text = "Before.\n> " + "a&b " * 600 + "\nAfter."  # escaped, far past 3,000 characters
    sections = slack.block_kit(paragraph(*prose(clean_text(text, multiline=True))))
    assert len(sections) > 1
    for section in sections[1:]:
        first = section["text"]["text"].split("\n", 1)[0]
        assert first.startswith("&gt; ")  # the cut line goes on quoted
    assert all(len(s["text"]["text"]) <= slack.MAX_SECTION for s in sections)
    assert sections[-1]["text"]["text"].endswith("\nAfter.")


# -- any text with blank lines and quotations renders exactly, never as markup ----------
PIECES = [
    "@everyone", "@here", "<!channel>", "<@U1>", "<#C1>", "<@&1>", "<https://x.y|z>",
    "[a](https://x.y)", "*", "**", "_", "~~", "`", "```", "||", "#", "-# ", "- ", "+ ",
    "1. ", "12) ", "=", "---", ">", "> ", ">>", "&amp;", "&", "<", "\\", "|", "<b>", "!",
]  # fmt: skip
LINE = st.lists(st.one_of(st.sampled_from(PIECES), st.text("ab xyZ.", max_size=6)), max_size=8)
TEXT = (
    st.lists(
        st.tuples(
            st.sampled_from(["", "> ", ">"]),
            LINE.map("".join),
            st.sampled_from(["\n", "\n\n", "\n\n\n"]),
        ),
        min_size=1,
        max_size=8,
    )
    .map(lambda rows: "".join(mark + line + end for mark, line, end in rows))
    .map(lambda text: clean_text(text, multiline=True))
    .filter(bool)
)


def chunks(text: str) -> list[tuple[bool, list[str]]]:
    """Written text as paragraph-level pieces: runs of quoted or unquoted lines."""
    out: list[tuple[bool, list[str]]] = []
    for line in lines(prose(text)):
        quoted = line.quote
        body = "".join(span.text for span in line.spans)
        if out and line.gap == "break" and out[-1][0] == quoted:
            out[-1][1].append(body)
        else:
            out.append((quoted, [body]))
    return out


def unslack(text: str) -> str:
    return text.replace("&lt;", "<").replace("&gt;", ">").replace("&amp;", "&")


def undiscord(text: str) -> str:
    return re.sub(r"\\(.)", r"\1", text, flags=re.DOTALL).replace("@\u200b", "@")


def markdown_chunks(source: str) -> list[tuple[bool, list[str]]]:
    out: list[tuple[bool, list[str]]] = []
    depth = 0
    for token in MarkdownIt().parse(source):
        depth += {"blockquote_open": 1, "blockquote_close": -1}.get(token.type, 0)
        if token.type != "inline":
            continue
        assert token.children is not None
        lines_, current = [], ""
        for child in token.children:
            assert child.type in ("text", "softbreak", "hardbreak"), child.type  # no markup
            if child.type == "text":
                current += child.content
            else:
                lines_.append(current)
                current = ""
        out.append((depth > 0, [*lines_, current]))
    return out


class HtmlChunks(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.chunks: list[tuple[bool, list[str]]] = []
        self.quoted = False
        self.tags: set[str] = set()

    def handle_starttag(self, tag, attrs):
        self.tags.add(tag)
        if tag == "blockquote":
            self.quoted = True
        elif tag == "p":
            self.chunks.append((self.quoted, [""]))
        elif tag == "br":
            self.chunks[-1][1].append("")

    def handle_endtag(self, tag):
        if tag == "blockquote":
            self.quoted = False

    def handle_data(self, data):
        if self.chunks and data.strip("\n"):
            self.chunks[-1][1][-1] += data.strip("\n")


@settings(max_examples=300, deadline=None)
@given(TEXT)
def test_any_written_text_renders_exactly_and_inert_on_every_surface(text):
    note, item = paragraph(*prose(text)), Block("item", prose(text), number=12)
    expected = chunks(text)

    assert render_plain(Document((note,))) == text
    assert render_plain(Document((item,))) == "12. " + text.replace("\n", "\n    ").replace(
        "\n    \n", "\n\n"
    )

    shown = slack.block_mrkdwn(note)
    assert "<" not in shown  # no link, mention or broadcast Slack would act on
    assert unslack(shown) == text
    assert unslack(slack.block_mrkdwn(item)) == "12. " + text

    shown = discord.render_block(note)
    assert "@everyone" not in shown and "@here" not in shown
    assert undiscord(shown) == text
    assert undiscord(discord.render_block(item)) == "**12.** " + text
    for lineno, line in enumerate(shown.split("\n")):
        if line.startswith(">"):  # a quotation only where the text has one
            assert text.split("\n")[lineno].startswith(">")

    # An empty quotation line (">" alone) parts a quotation's paragraphs in Markdown.
    visible = [
        (quoted, part.split("\n"))
        for quoted, run in expected
        for part in "\n".join(run).split("\n\n")
        if part.strip("\n")
        for part in [part.strip("\n")]
    ]
    assert markdown_chunks(render_markdown(Document((note,)))) == visible
    listed = render_markdown(Document((item,)))
    assert MarkdownIt().parse(listed)[0].type == "ordered_list_open"
    assert markdown_chunks(listed) == visible

    parsed = HtmlChunks()
    parsed.feed(str(render_html(Document((note,)))))
    assert parsed.tags <= {"p", "br", "blockquote"}
    assert parsed.chunks == expected
