"""What the core answers a member or editor in chat: a document, shown privately by default.

Typed results from the services become sentences here, at the edge; nothing upstream
reads these sentences back.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from bot.document import Document, lines_document
from bot.messages import say
from bot.model import Refusal
from bot.render.plain import render_plain
from bot.review.cards import status_line
from bot.review.moderation import Outcome
from bot.submissions.intake import Receipt


@dataclass(frozen=True)
class Form:
    """A form the adapter opens where the platform can (Slack's modal, Discord's modal);
    elsewhere the reply's document (a usage line) is shown instead.

    Field names: victory/edit: "text", "link", "thanks_to", "credit"; slot: "text";
    reject: "reason".
    """

    kind: str  # "victory" | "slot" | "edit" | "reject"
    slot: str = ""  # kind "slot": "note" | "thanks" | "action" | "ps"
    number: int = 0  # kind "edit"/"reject": the item number (per community)
    prefill: Mapping[str, str] = field(default_factory=dict)  # field name -> current value


@dataclass(frozen=True)
class Reply:
    doc: Document
    private: bool = True
    ok: bool = True
    form: Form | None = None

    def plain(self) -> str:
        return render_plain(self.doc)


def says(key: str, *more: tuple[str, dict[str, Any]], ok: bool = True, **fields: Any) -> Reply:
    """A reply of one message, plus optional further (key, fields) paragraphs."""
    paragraphs = [say(key, **fields), *(say(k, **f) for k, f in more)]
    return Reply(lines_document(*paragraphs), ok=ok)


def refused(refusal: Refusal) -> Reply:
    return says(refusal.key, ok=False, **refusal.fields)


def receipt(result: Receipt) -> Reply:
    more: list[tuple[str, dict[str, object]]] = []
    if result.duplicate_of:
        more.append(("receipt_duplicate", {"other": result.duplicate_of}))
    return says("receipt", *more, number=result.number)


def decided(outcome: Outcome) -> Reply:
    victory = outcome.victory
    return says("decision_made", number=victory.number, decision=status_line(victory))
