"""Reading past issues from Markdown: one issue per title, liberal in what it accepts.

An issue starts at a title naming its number ("# Our Town — Issue 12 (March 3, 2025)",
"## Issue 12 — 2025-03-03"). After it: an optional date line, the intro paragraph(s), then
numbered (or bulleted) items; "Song", "Gratitude" and "Take action" headings, "P.S." lines
and everything after a closing ``---`` are recognised too. What is not understood is
reported with its file and line, never silently dropped.
"""

from __future__ import annotations

import re

from bot.archive.catalogue import ParsedIssue, ParsedItem, Problem
from bot.archive.dates import find_date, only_date
from bot.archive.markdown_blocks import ISSUE_NUMBER, PS, Block, split_blocks
from bot.archive.markdown_inline import Piece, pieces, plain
from bot.model import Refusal
from bot.sanitize import checked_link, clean_text

_SIGNATURE = re.compile(r"^[—–~-]{1,2}\s*\S")
_CREDIT = re.compile(
    r"\s*(?:\(\s*(?:many\s+)?(?:thanks|thank you|h/t|hat tip)\b(?:\s+to)?\s*[,:]?\s*(?P<a>[^()]+?)"
    r"\s*[!.]?\s*\)|\s[—–-]\s*(?:thanks|h/t)\b(?:\s+to)?\s*[,:]?\s*(?P<b>[^()]+?)\s*!?)\s*[.!]?\s*$",
    re.IGNORECASE,
)
_LAST_LINE = re.compile(r"(.*\n|)([^\n]*)$", re.DOTALL)
_SECTIONS = (
    ("song", ("song", "music", "listen")),
    ("actions", ("action", "to do", "what you can do")),
    ("gratitude", ("gratitude", "grateful", "thank")),
    ("victories", ("victor", "win", "good news", "highlight")),
)


def _section(title: str) -> str:
    lowered = plain(pieces(title)).lower()
    for name, words in _SECTIONS:
        if any(word in lowered for word in words):
            return name
    return "other"


def _main_link(parts: list[Piece]) -> Piece | None:
    """An item's own link: the last one written as a link, else a URL that ends the line."""
    marked = [part for part in parts if part.url and part.marked]
    if marked:
        return marked[-1]
    urls = [index for index, part in enumerate(parts) if part.url]
    if not urls:
        return None
    rest = "".join(part.text for part in parts[urls[-1] + 1 :])
    return parts[urls[-1]] if not rest.strip(" .,;:!?") or _CREDIT.match(rest) else None


def written(text: str) -> str:
    """Written text read line by line: its paragraphs and quotation lines kept."""
    return clean_text(
        "\n".join(plain(pieces(line)) if line else "" for line in text.split("\n")),
        multiline=True,
    )


class _Reader:
    def __init__(self, source: str) -> None:
        self.source = source
        self.issues: list[ParsedIssue] = []
        self.problems: list[Problem] = []
        self.issue: ParsedIssue | None = None
        self.section = "intro"
        self.notes: list[str] = []

    def problem(self, line: int, message: str) -> None:
        self.problems.append(Problem(f"{self.source}:{line}", message))

    def link(self, piece: Piece, line: int) -> str | None:
        try:
            return checked_link(piece.url)
        except Refusal:
            self.problem(
                line, f"link {(piece.url or '')[:60]!r} is not a safe http(s) link; dropped"
            )
            return None

    def start(self, title: str, line: int, number: int) -> None:
        self.finish()
        found = find_date(title)
        self.issue = ParsedIssue(
            number=number, where=f"{self.source}:{line}", date=found[0] if found else None
        )
        self.section, self.notes = "intro", []

    def finish(self) -> None:
        issue, self.issue = self.issue, None
        if issue is None:
            return
        issue.note = "\n\n".join(self.notes) or None
        if not issue.items:
            self.problems.append(
                Problem(issue.where, f"issue {issue.number} has no numbered items; not imported")
            )
            return
        if issue.date is None:
            self.problems.append(
                Problem(issue.where, f"issue {issue.number} has no date; imported without one")
            )
        self.issues.append(issue)

    def heading(self, block: Block) -> None:
        number = ISSUE_NUMBER.search(block.text)
        if number:
            self.start(block.text, block.line, int(number.group(1) or number.group(2)))
        elif self.issue is None:
            self.problem(block.line, "heading before any issue title (no issue number); ignored")
        else:
            self.section = _section(block.text)

    def item(self, block: Block) -> ParsedItem:
        # Its link and credit end its last line; the lines before are written text.
        head, last = _LAST_LINE.match(block.text).groups()  # type: ignore[union-attr]
        item = self._item_line(Block(block.kind, last, block.line))
        if not head:
            return item
        head, gap = head.rstrip("\n"), "\n" * min(2, len(head) - len(head.rstrip("\n")))
        text = clean_text(written(head) + gap + item.text, multiline=True)
        return ParsedItem(text=text, link=item.link, thanks_to=item.thanks_to)

    def _item_line(self, block: Block) -> ParsedItem:
        parts = pieces(block.text)
        main = _main_link(parts)
        url = self.link(main, block.line) if main else None
        words: list[str] = []
        for part in parts:
            if part.url is None or not (part.marked or part is main):
                if len(words) > 1 and not words[-1] and part.text[:1] in ".,;:!?)":
                    words[-2] = words[-2].rstrip()  # "see <url>." reads "see."
                words.append(part.text)
            elif part is main or not self.link(part, block.line):
                words.append("" if part.bare else part.text)
            else:
                words.append(plain([part]))
        text = clean_text("".join(words))
        thanks = None
        if credit := _CREDIT.search(text):
            thanks = clean_text(credit.group("a") or credit.group("b")) or None
            text = text[: credit.start()].rstrip()
        return ParsedItem(text=text or url or "", link=url, thanks_to=thanks)

    def song(self, block: Block) -> None:
        parts = pieces(block.text)
        main = _main_link(parts)
        assert self.issue is not None, "a song line belongs to an issue"
        self.issue.song_link = self.link(main, block.line) if main else None
        title = clean_text("".join(p.text for p in parts if p is not main or not p.bare))
        if main is not None and main.bare:  # "Title — https://…": drop the separator
            title = re.sub(r"\s[—–:-]+$", "", title)
        self.issue.song_title = title or None

    def paragraph(self, block: Block) -> None:
        issue, text = self.issue, written(block.text)
        assert issue is not None, "a paragraph belongs to an issue"
        first, _, more = block.text.strip().partition("\n")
        ps = PS.match(first)
        if (
            ps
            and self.section in ("intro", "gratitude")
            and not block.text.startswith(("**", "__"))
        ):
            ps = None  # free text there may start with "P.S."; a bold one is still a P.S.
        if self.section == "song" and not (issue.song_title or issue.song_link):
            ps = None  # the song comes first, whatever it is called
        if ps:
            issue.ps.append(written("\n".join(filter(None, (ps.group("rest"), more)))))
        elif self.section == "intro" and not self.notes and only_date(text):
            issue.date = issue.date or only_date(text)
        elif self.section == "intro" and self.notes and _SIGNATURE.match(text) and len(text) < 80:
            return  # the editors' signature under the note
        elif self.section == "intro":
            self.notes.append(text)
        elif self.section == "song" and not (issue.song_title or issue.song_link):
            self.song(block)
        elif self.section == "gratitude":
            issue.gratitude = f"{issue.gratitude}\n\n{text}" if issue.gratitude else text
        elif self.section != "closing":
            self.problem(block.line, f"not a numbered item; ignored: {text[:60]!r}")

    def read(self, block: Block) -> None:
        if block.kind == "heading":
            return self.heading(block)
        if self.issue is None:
            if block.kind == "paragraph" and (number := ISSUE_NUMBER.search(block.text)):
                return self.start(block.text, block.line, int(number.group(1) or number.group(2)))
            return self.problem(block.line, "text before any issue title; ignored")
        if block.kind == "divider":
            self.section = "closing"
        elif block.kind == "paragraph" or self.section in ("song", "gratitude"):
            self.paragraph(block)
        elif self.section == "actions":
            self.issue.actions.append(written(block.text))
        elif self.section != "closing":
            self.section = "victories" if self.section == "intro" else self.section
            self.issue.items.append(self.item(block))


def parse_markdown(text: str, *, source: str) -> tuple[list[ParsedIssue], list[Problem]]:
    """The issues in ``text`` and every problem found, each problem naming ``source:line``."""
    reader = _Reader(source)
    for block in split_blocks(text):
        reader.read(block)
    reader.finish()
    return reader.issues, reader.problems
