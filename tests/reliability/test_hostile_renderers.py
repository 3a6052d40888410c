"""Whatever a member types, once accepted by intake, renders safely on every surface:
no exception, no mention or ping, no link but the member's own http(s) link, every
platform limit kept, and the text shown exactly as typed. (Intake, plain text and
Markdown: tests/bot/test_hostile_input.py.)"""

from __future__ import annotations

import re
from html.parser import HTMLParser
from urllib.parse import unquote

from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st

from adapters.discord import render as discord
from adapters.slack import render as slack
from bot.config import Config
from bot.document import Document, Span, paragraph
from bot.issues.delivery import part_key
from bot.issues.layout import issue_document
from bot.issues.selection import Entry, IssueView
from bot.model import Credit, Issue, Refusal, Status, Submission, Victory
from bot.render.html import render_html
from bot.render.plain import render_plain
from bot.review.cards import card_document
from bot.sanitize import clean_text
from bot.submissions import intake

FRAGMENTS = [
    "@everyone", "@here", "<!channel>", "<!here>", "<!everyone>", "<@U0BOSS>", "<@&123>",
    "<@!42>", "<#C1>", "<!subteam^S1|@mods>", "<https://evil.example|click>",
    "[click](https://evil.example)", "[x](<javascript:alert(1)>)", "javascript:alert(1)",
    "<script>alert(1)</script>", "<img src=x onerror=alert(1)>", "&amp;", "&lt;", "&", "<",
    ">", "|", "\\", "*", "**", "_", "__", "~~", "`", "```", "||", "> ", "# ", "-# ", "1. ",
    "- ", "\n", "https://", "http://a.b/<x>", "\u202e", "\u200b", "\ufeff", "👩\u200d🔬",
    "\x00", "\x1b[31m",
]  # fmt: skip
hostile = st.lists(
    st.one_of(st.sampled_from(FRAGMENTS), st.text(max_size=12)), min_size=1, max_size=60
).map("".join)
links = st.one_of(
    st.none(),
    st.sampled_from(
        [
            "https://example.org/a?x=1&y=<2>|z",
            'https://example.org/`code`/"q"/(p)',
            "http://example.org/a b",
            "https://раураl.com/login",
            "javascript:alert(1)",
            "data:text/html,<script>",
            "https://user:pw@example.org/",
            "<https://evil.example|label>",
            "https://example.org/@everyone/<@U1>",
        ]
    ),
    hostile,
)
CONFIG = Config()
LOOSE = settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])


def accept(text: str, link: str | None, thanks: str | None, name: str) -> Victory | None:
    """Run intake's checks; the stored item, or None when intake refuses it."""
    try:
        fields = intake.validate(Submission(text=text, link=link, thanks_to=thanks), config=CONFIG)
    except Refusal:
        return None
    return Victory(
        id=7,
        text=fields["text"],
        link=fields["link"],
        thanks_to=fields["thanks_to"],
        credit=Credit(fields["credit"]),
        platform="slack",
        user_id="U1",
        display_name=clean_text(name)[: intake.MAX_NAME] or "U1",
        status=Status.APPROVED,
        featured=False,
        created_at="2026-11-25T00:00:00+00:00",
        decided_by=clean_text(name) or "Mo",
    )


def action_links(issue: Document) -> set[str]:
    """Links the issue made on purpose from take-action steps (checked http(s) URLs)."""
    return {
        span.url
        for block in issue.blocks
        if block.section == "actions"
        for span in block.spans
        if span.url
    }


def documents(victory: Victory, copies: int, note: str) -> tuple[Document, Document]:
    issue = Issue(
        number=12,
        status="published",
        date="2026-11-27",
        note=note or None,
        song_title=victory.text[:80],
        song_link=victory.link,
        gratitude=note or None,
        ps=[victory.text],
        actions=[victory.text] * 3,
    )
    entries = [Entry(n, victory) for n in range(1, copies + 1)]
    return card_document(victory), issue_document(IssueView(issue, entries), config=CONFIG)


submissions = {
    "text": hostile,
    "link": links,
    "thanks": st.one_of(st.none(), hostile),
    "name": hostile,
    "copies": st.integers(1, 40),
    "note": hostile,
}


# -- Slack ---------------------------------------------------------------------------
SLACK_ANGLE = re.compile(r"<([^>]*)>")


def slack_texts(message: dict) -> list[tuple[str, str]]:
    """(kind, text) of every text object in the message's blocks."""
    out = []
    for block in message["blocks"]:
        if "text" in block:
            out.append((block["type"], block["text"]["text"]))
        out += [(block["type"], element["text"]) for element in block.get("elements", [])]
    return out


def decoded(url: str) -> str:
    """A URL with its percent-escapes undone: the same address however it is escaped."""
    return unquote(url)


def check_slack(message: dict, allowed: set[str]) -> None:
    assert 0 < len(message["blocks"]) <= slack.MAX_BLOCKS
    assert "<" not in message["text"] and len(message["text"]) <= 40_000
    for kind, text in slack_texts(message):
        if kind == "header":
            assert len(text) <= slack.MAX_HEADER  # plain_text: never parsed
            continue
        assert len(text) <= slack.MAX_SECTION
        for inner in SLACK_ANGLE.findall(text):
            url, bar, _label = inner.partition("|")
            assert bar, f"a Slack control sequence: <{inner}>"
            unescaped = url.replace("&lt;", "<").replace("&gt;", ">").replace("&amp;", "&")
            assert decoded(unescaped) in {decoded(a) for a in allowed}, url


@LOOSE
@given(**submissions)
def test_slack_blocks_are_inert_and_within_limits(text, link, thanks, name, copies, note):
    victory = accept(text, link, thanks, name)
    event("accepted" if victory else "refused")
    if victory is None:
        return
    card, issue = documents(victory, copies, clean_text(note))
    allowed = ({victory.link} | action_links(issue)) - {None}
    check_slack(slack.message(card), allowed)
    parts = slack.message_parts(issue)
    for part in parts:
        check_slack(part, allowed)
    shown = "\n".join(text for part in parts for _, text in slack_texts(part))
    assert f"{copies}. " in shown  # the last item made it
    assert len(slack.message(card)["blocks"]) == len(card.blocks)  # a card is never cut


@settings(max_examples=300, deadline=None)
@given(hostile)
def test_slack_shows_text_exactly_as_typed(text):
    clean = clean_text(text)
    shown = slack.block_mrkdwn(paragraph(Span(clean)))
    assert shown.replace("&lt;", "<").replace("&gt;", ">").replace("&amp;", "&") == clean


# -- Discord -------------------------------------------------------------------------
def unescaped(text: str) -> list[tuple[int, str]]:
    """The characters Discord's Markdown sees as markup: those not escaped by a backslash."""
    out, i = [], 0
    while i < len(text):
        if text[i] == "\\" and i + 1 < len(text):
            i += 2
            continue
        out.append((i, text[i]))
        i += 1
    return out


def check_discord(text: str, allowed: set[str]) -> None:
    outside_links = text
    for url in allowed:  # inside our own <url> an "@everyone" is part of the address
        outside_links = outside_links.replace(f"<{discord._url(url)}>", "<>")
    assert "@everyone" not in outside_links and "@here" not in outside_links
    plain = dict(unescaped(text))
    for i, ch in plain.items():
        if ch == "<":  # only our own link: <url> or [label](<url>)
            end = text.index(">", i)
            url = text[i + 1 : end]
            assert decoded(url) in {decoded(a) for a in allowed}, url
        if ch == "]" and text[i + 1 : i + 2] == "(":
            assert text[i + 2 : i + 3] == "<", "a masked link the member wrote"


@LOOSE
@given(**submissions)
def test_discord_messages_are_inert_and_within_limits(text, link, thanks, name, copies, note):
    victory = accept(text, link, thanks, name)
    event("accepted" if victory else "refused")
    if victory is None:
        return
    card, issue = documents(victory, copies, clean_text(note))
    allowed = ({victory.link} | action_links(issue)) - {None}
    shown_card = discord.fit(card)
    assert len(shown_card) <= discord.DESCRIPTION_LIMIT
    check_discord(shown_card, allowed)
    for chunk in discord.render_text(card):
        assert len(chunk) <= discord.MESSAGE_LIMIT
        check_discord(chunk, allowed)
    parts = discord.issue_parts(issue)
    for index, part in enumerate(parts):
        footer = f"{part.page} · {part_key(12, index)}"
        assert len(part.description) <= discord.DESCRIPTION_LIMIT
        assert len(part.description) + len(footer) <= 6000
        check_discord(part.description, allowed)
    assert f"**{copies}.** " in "\n".join(part.description for part in parts)


@settings(max_examples=300, deadline=None)
@given(hostile)
def test_discord_shows_text_exactly_as_typed(text):
    clean = clean_text(text)
    shown = discord.render_block(paragraph(Span(clean)))
    literal = re.sub(r"\\(.)", r"\1", shown, flags=re.DOTALL).replace("@\u200b", "@")
    assert literal == clean


# -- HTML ----------------------------------------------------------------------------
class Elements(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, dict]] = []
        self.text: list[str] = []

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, dict(attrs)))

    def handle_data(self, data):
        self.text.append(data)


SAFE_TAGS = {
    *("header", "section", "h1", "h2", "p", "ol", "li", "a", "strong", "em", "hr", "br"),
    "blockquote",  # a quotation line the member wrote (">")
}


def words_shown(text: str) -> str:
    """Written text as HTML shows it: paragraphs and quotations are elements, so compare
    the words in order, without the "> " that marks a quotation line."""
    return " ".join(re.sub(r"(?m)^> ?", "", text).split())


@LOOSE
@given(**submissions)
def test_html_has_only_our_tags_and_links(text, link, thanks, name, copies, note):
    victory = accept(text, link, thanks, name)
    event("accepted" if victory else "refused")
    if victory is None:
        return
    card, issue = documents(victory, min(copies, 3), clean_text(note))
    for document in (card, issue):
        parsed = Elements()
        parsed.feed(str(render_html(document)))
        assert {tag for tag, _ in parsed.tags} <= SAFE_TAGS
        for tag, attrs in parsed.tags:
            assert not any(name.startswith("on") for name in attrs)
            if tag == "a":
                assert attrs["href"] in {victory.link} | action_links(issue)
                assert attrs["rel"] == "nofollow ugc"
        assert words_shown(victory.text) in " ".join("".join(parsed.text).split())  # exactly
        assert victory.text in render_plain(document)  # the console too
