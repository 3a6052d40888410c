"""Splitting Markdown into blocks (headings, list items, paragraphs, rules), with line numbers.

Follows CommonMark where it matters for newsletters (ATX and setext headings, lazy
continuation lines, thematic breaks) and skips YAML front matter, keeping its title and date.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

_HEADING = re.compile(r"^\s{0,3}(#{1,6})\s+(.*?)(?:\s+#+)?\s*$")
_SETEXT = re.compile(r"^\s{0,3}(=+|-{2,})\s*$")
_ITEM = re.compile(r"^\s{0,3}(?:\d{1,4}[.)]|[-*+])\s+(.*)$")
_DIVIDER = re.compile(r"^\s{0,3}([-*_])(?:\s*\1){2,}\s*$")
ISSUE_NUMBER = re.compile(
    r"\b(?:issue|edition|no\.|nr\.)\s*#?\s*(\d{1,6})\b|(?<![\w&])#(\d{1,6})\b", re.IGNORECASE
)
PS = re.compile(
    r"^(?:(?:\*\*|__)P\.\s?(?:P\.\s?)*S\.:?(?:\*\*|__)\s?|(?:P\.\s?(?:P\.\s?)*S\.|P+S:)\s*:?\s*)"
    r"(?P<rest>.*)$"
)


@dataclass(frozen=True)
class Block:
    kind: str  # heading | item | paragraph | divider
    text: str
    line: int


def _front_matter(lines: list[str]) -> tuple[int, list[Block]]:
    """Lines taken by YAML front matter, and a title block made of its title and date."""
    if not lines or lines[0].strip() != "---":
        return 0, []
    ends = [i for i, line in enumerate(lines[1:40], start=1) if line.strip() == "---"]
    if not ends:
        return 0, []
    values = [line.partition(":") for line in lines[1 : ends[0]]]
    title = " ".join(
        v.strip().strip("\"'") for k, _, v in values if k.strip().lower() in ("title", "date")
    )
    return ends[0] + 1, [Block("heading", title, 1)] if ISSUE_NUMBER.search(title) else []


def _goes_on(text: str, line: str) -> bool:
    """After a hard break, or as a quotation line, even a line like "P.S. …" continues."""
    return line.strip().startswith(">") or (len(text) - len(text.rstrip("\\"))) % 2 == 1


def _continued(text: str, line: str) -> str:
    """A block's text with its next line: a hard break (a line ending in an unescaped
    backslash) or a quotation line (">") starts a new line; any other line continues
    the one before (a soft wrap)."""
    trailing = len(text) - len(text.rstrip("\\"))
    if trailing % 2:
        return text[:-1] + "\n" + line
    return text + ("\n" if line.startswith(">") else " ") + line


def split_blocks(text: str) -> list[Block]:
    lines = text.splitlines()
    start, found = _front_matter(lines)
    out: list[Block | list[Any]] = list(found)
    open_block: list | None = None  # the paragraph or item that later lines may continue
    paused: list | None = None  # an item a blank line paused: an indented line goes on with it
    skip = False
    for index in range(start, len(lines)):
        line, number = lines[index], index + 1
        if skip:
            skip = False
            continue
        following = lines[index + 1] if index + 1 < len(lines) else ""
        heading = _HEADING.match(line)
        resumed, paused = paused, None
        if not line.strip():
            paused = resumed or (open_block if open_block and open_block[0] == "item" else None)
            open_block = None
        elif resumed is not None and line.startswith("  ") and not _ITEM.match(line):
            resumed[1] += "\n\n" + line.strip()  # another paragraph of the same item
            open_block = resumed
        elif heading:
            out.append(Block("heading", heading.group(2), number))
            open_block = None
        elif open_block is None and not _ITEM.match(line) and _SETEXT.match(following):
            out.append(Block("heading", line.strip(), number))
            skip = True
        elif _DIVIDER.match(line):
            out.append(Block("divider", "", number))
            open_block = None
        elif item := _ITEM.match(line):
            open_block = ["item", item.group(1).strip(), number]
            out.append(open_block)
        elif open_block is not None and (
            _goes_on(open_block[1], line) or not PS.match(line.strip())
        ):
            open_block[1] = _continued(open_block[1], line.strip())
        else:
            open_block = ["paragraph", line.strip(), number]
            out.append(open_block)
    return [b if isinstance(b, Block) else Block(*b) for b in out]
