"""The bot's sentences, from content/messages.yaml, as spans ready for any renderer."""

from __future__ import annotations

import re
import string
from functools import cache
from importlib.resources import files

import yaml

from bot.document import Document, Span, lines_document

_FIELD = re.compile(r"\{(\w+)\}")


@cache
def catalogue() -> dict[str, str]:
    return yaml.safe_load(files("content").joinpath("messages.yaml").read_text(encoding="utf-8"))


def fill(key: str, **fields: object) -> str:
    """The message as plain text (for logs, titles and tests)."""
    return string.Formatter().vformat(catalogue()[key], (), _Defaulting(fields))


def say(key: str, **fields: object) -> tuple[Span, ...]:
    """The message as spans; each filled-in value is its own span."""
    template = catalogue()[key].rstrip("\n")
    spans: list[Span] = []
    pos = 0
    for match in _FIELD.finditer(template):
        if match.start() > pos:
            spans.append(Span(template[pos : match.start()]))
        spans.append(Span(str(fields.get(match.group(1), ""))))
        pos = match.end()
    if pos < len(template):
        spans.append(Span(template[pos:]))
    return tuple(spans)


def say_doc(key: str, **fields: object) -> Document:
    """A one-message document; each line of the message is a paragraph."""
    return lines_document(*(((Span(line),)) for line in fill(key, **fields).split("\n")))


class _Defaulting(dict):
    def __missing__(self, key: str) -> str:
        return ""
