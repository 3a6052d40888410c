"""The messages readers get, built from the same issue document as the chat and web
versions: ``multipart/alternative`` (plain text, then HTML with inlined CSS).

Every message carries a stable Message-ID (per issue and reader, so a copy sent again
after a crash is recognisably the same message), RFC 8058 one-click unsubscribe headers,
and visible "read it on the web" and "unsubscribe" links.
"""

from __future__ import annotations

import hashlib
import logging
from dataclasses import dataclass
from functools import cache
from importlib.resources import files
from typing import TYPE_CHECKING

from markupsafe import Markup

from bot.document import Document
from bot.email.mailer import Outgoing
from bot.email.setup import EmailSetup
from bot.email.tokens import CONFIRM, UNSUBSCRIBE
from bot.email.wire import IssueWire, issue_wire
from bot.messages import fill, speaking
from bot.model import Community
from bot.render.html import render_html, safe_url
from bot.render.plain import render_plain
from bot.store.subscribers import Subscriber

if TYPE_CHECKING:
    from email.message import EmailMessage


def _new_message() -> EmailMessage:
    # Imported on first use: the email package's message classes are not needed at start-up.
    from email.message import EmailMessage

    return EmailMessage()


@cache
def _template():
    # Imported on first use, like premailer below: only a letter needs it, not start-up.
    from jinja2 import Environment, StrictUndefined

    text = files("content").joinpath("templates/email/issue.html").read_text(encoding="utf-8")
    return Environment(autoescape=True, undefined=StrictUndefined).from_string(text)


def _inline(html: str) -> str:
    # Imported on first use: premailer (with cssutils and lxml) is the heaviest import of
    # all, and only a send needs it, not the bot's start-up.
    from premailer import Premailer

    return Premailer(
        html,
        allow_network=False,
        keep_style_tags=True,  # the dark-mode and phone media queries cannot be inlined
        strip_important=False,
        cssutils_logging_level=logging.CRITICAL,
    ).transform()


def unsubscribe_url(setup: EmailSetup, community: Community, reader: Subscriber) -> str:
    token = setup.signer.token(
        UNSUBSCRIBE, community=community.id, subscriber=reader.id, email_hash=reader.email_hash
    )
    return f"{setup.base(community)}/unsubscribe/{token}"


def confirm_url(setup: EmailSetup, community: Community, reader: Subscriber) -> str:
    token = setup.signer.token(
        CONFIRM, community=community.id, subscriber=reader.id, email_hash=reader.email_hash
    )
    return f"{setup.base(community)}/confirm/{token}"


def web_url(community: Community, number: int) -> str | None:
    config = community.config
    base = safe_url(config.community.archive_url) or safe_url(config.archive.base_url)
    return f"{base.rstrip('/')}/issues/{number}/" if base else None


def message_id(setup: EmailSetup, community: Community, number: int, reader: Subscriber) -> str:
    """The same for every attempt at this issue for this reader; reveals no address."""
    tag = hashlib.sha256(f"{community.id}:{number}:{reader.email_hash}".encode()).hexdigest()
    return f"<sv.{community.slug}.{number}.{reader.id}.{tag[:16]}@{setup.domain()}>"


def _envelope(setup: EmailSetup, community: Community, reader: Subscriber, subject: str):
    assert reader.email is not None, "only a reader with an address gets mail"
    message = _new_message()
    message["Subject"] = subject
    message["From"] = setup.from_header(community)
    message["To"] = reader.email
    return message


# Stands for each reader's unsubscribe link in the issue rendered once for everyone.
_LEAVE = "https://unsubscribe.invalid/reader"


@dataclass(frozen=True)
class PreparedIssue:
    """The issue rendered (and its CSS inlined) once; each reader's copy differs only in
    its unsubscribe link and headers."""

    number: int
    subject: str
    plain: str
    html: str


def prepare_issue(community: Community, *, number: int, document: Document) -> PreparedIssue:
    with speaking(community.language):
        return _prepare_issue(community, number=number, document=document)


def _prepare_issue(community: Community, *, number: int, document: Document) -> PreparedIssue:
    web = web_url(community, number)
    footer = [fill("email_web", url=web)] if web else []
    footer.append(fill("email_leave", url=_LEAVE))
    html = _template().render(
        lang=community.language,
        title=document.title,
        body=render_html(document),
        web=web,
        web_label=fill("email_web_label"),
        leave=_LEAVE,
        leave_label=fill("email_leave_label"),
        why=fill("email_why", community=community.config.community.name),
        heading=None,
        button=None,
    )
    plain = render_plain(document) + "\n\n-- \n" + "\n".join(footer) + "\n"
    return PreparedIssue(number, document.title, plain, _inline(html))


def _mailto(setup: EmailSetup) -> str:
    return f"mailto:{setup.sender_address()}?subject=unsubscribe"


def _list_id(setup: EmailSetup, community: Community) -> str:
    return f"{community.config.community.name} <{community.slug}.{setup.domain()}>"


def wire(setup: EmailSetup, community: Community, issue: PreparedIssue) -> IssueWire:
    """What every reader's copy of the issue shares, made once per send."""
    shared = _new_message()
    shared["Subject"] = issue.subject
    shared["From"] = setup.from_header(community)
    shared["List-Unsubscribe-Post"] = "List-Unsubscribe=One-Click"
    shared["List-Id"] = _list_id(setup, community)
    return issue_wire(
        headers=shared,
        sender=setup.sender_address(),
        mailto=_mailto(setup),
        placeholder=_LEAVE,
        plain=issue.plain,
        html=issue.html,
    )


def issue_letter(
    setup: EmailSetup,
    community: Community,
    *,
    issue: PreparedIssue,
    reader: Subscriber,
    shared: IssueWire | None = None,
) -> EmailMessage | Outgoing:
    """The reader's copy: from ``shared`` (``wire``) when given and the reader's address
    allows, else as an ``EmailMessage`` (the same message, built the slow way)."""
    leave = unsubscribe_url(setup, community, reader)  # URL-safe: no escaping needed
    mid = message_id(setup, community, issue.number, reader)
    if shared is not None and reader.email is not None:
        fast = shared.letter(to=reader.email, message_id=mid, leave=leave)
        if fast is not None:
            return fast
    message = _envelope(setup, community, reader, issue.subject)
    message["Message-ID"] = mid
    message["List-Unsubscribe"] = f"<{leave}>, <{_mailto(setup)}>"
    message["List-Unsubscribe-Post"] = "List-Unsubscribe=One-Click"
    message["List-Id"] = _list_id(setup, community)
    message.set_content(issue.plain.replace(_LEAVE, leave))
    message.add_alternative(issue.html.replace(_LEAVE, leave), subtype="html")
    return message


def confirmation_letter(
    setup: EmailSetup, community: Community, *, reader: Subscriber
) -> EmailMessage:
    with speaking(community.language):
        return _confirmation_letter(setup, community, reader=reader)


def _confirmation_letter(
    setup: EmailSetup, community: Community, *, reader: Subscriber
) -> EmailMessage:
    name = community.config.community.name
    message = _envelope(setup, community, reader, fill("email_confirm_subject", community=name))
    link = confirm_url(setup, community, reader)
    stamp = hashlib.sha256(reader.created_at.encode()).hexdigest()[:12]
    message["Message-ID"] = f"<sv.confirm.{reader.id}.{stamp}@{setup.domain()}>"
    message.set_content(fill("email_confirm_body", community=name, url=link) + "\n")
    html = _template().render(
        lang=community.language,
        title=fill("email_confirm_subject", community=name),
        body=Markup(""),
        web=None,
        web_label="",
        leave=None,
        leave_label="",
        why=fill("email_confirm_ignore"),
        heading=fill("email_confirm_heading", community=name),
        button={"url": link, "label": fill("email_confirm_button")},
    )
    message.add_alternative(_inline(html), subtype="html")
    return message
