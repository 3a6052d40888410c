"""What the core answers a member or moderator: a document, shown privately by default."""

from __future__ import annotations

from dataclasses import dataclass

from bot.document import Document, lines_document
from bot.messages import say
from bot.model import Refusal


@dataclass(frozen=True)
class Reply:
    doc: Document
    private: bool = True
    ok: bool = True

    def plain(self) -> str:
        return self.doc.plain()


def says(key: str, *more: tuple[str, dict], ok: bool = True, **fields: object) -> Reply:
    """A reply of one message, plus optional further (key, fields) paragraphs."""
    paragraphs = [say(key, **fields), *(say(k, **f) for k, f in more)]
    return Reply(lines_document(*paragraphs), ok=ok)


def refused(refusal: Refusal) -> Reply:
    return says(refusal.key, ok=False, **refusal.fields)
