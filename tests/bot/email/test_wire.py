"""Each reader's copy built from the issue's shared pieces is the same message, parsed back
by the standard library, as the one ``EmailMessage`` builds: headers, parts and bodies."""

from __future__ import annotations

from email import policy
from email.message import EmailMessage
from email.parser import BytesParser

import pytest

from adapters.smtp import SmtpMailer, parse_smtp_url
from bot.email import letters
from bot.email.mailer import Outgoing
from bot.email.setup import EmailSetup
from bot.email.tokens import Signer
from bot.model import Community, SubscriberState
from bot.store.subscribers import Subscriber
from tests.conftest import make_config

LONG = "A line much longer than seventy-eight characters, " * 4
PLAIN = f"Our Town — Issue 3\n\n1. Ünïcode & <markup> = fine.\n2. {LONG}\n\n-- \nLeave: {{}}\n"
HTML = f'<p style="color: red">{LONG}</p>\n<a href="{{}}">Unsubscribe</a> . \n.dot start\n'


def _parts(
    name: str, email: str, sender: str = "Our Town News <news@ourtown.example>"
) -> tuple[EmailSetup, Community, letters.PreparedIssue, Subscriber]:
    community = Community(id=1, slug="default", config=make_config(community={"name": name}))
    setup = EmailSetup(
        mailer=SmtpMailer(parse_smtp_url("smtp://127.0.0.1:1"), rate=0),
        sender=sender,
        base_url="https://victories.example",
        signer=Signer(b"k" * 32),
    )
    leave = letters._LEAVE
    issue = letters.PreparedIssue(3, f"{name} — Issue 3", PLAIN.format(leave), HTML.format(leave))
    reader = Subscriber(
        id=7,
        community=1,
        email=email,
        email_hash="h7",
        state=SubscriberState.CONFIRMED,
        bounces=0,
        created_at="",
    )
    return setup, community, issue, reader


def _parsed(message: EmailMessage | Outgoing) -> EmailMessage:
    is_wire = isinstance(message, Outgoing)
    data = message.data if is_wire else message.as_bytes(policy=policy.SMTP)  # type: ignore[union-attr]
    return BytesParser(policy=policy.default).parsebytes(data)  # type: ignore[return-value]


@pytest.mark.parametrize("name", ["Our Town", "Zürich Tenants' Ünion, Local 7"])
def test_the_shared_copy_is_the_same_message(name):
    setup, community, issue, reader = _parts(name, "ana.b+news@example.org")
    shared = letters.wire(setup, community, issue)
    fast = letters.issue_letter(setup, community, issue=issue, reader=reader, shared=shared)
    slow = letters.issue_letter(setup, community, issue=issue, reader=reader)
    assert isinstance(fast, Outgoing) and isinstance(slow, EmailMessage)
    assert fast.recipient == "ana.b+news@example.org"
    assert fast.sender == "news@ourtown.example"
    assert max(len(line) for line in fast.data.split(b"\r\n")) <= 998  # SMTP's line limit
    assert fast.data.isascii()  # no 8BITMIME needed
    got, want = _parsed(fast), _parsed(slow)
    for header in ("Subject", "From", "To", "Message-ID", "List-Unsubscribe", "List-Id"):
        assert str(got[header]) == str(want[header]), header
    assert got["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    assert got.get_content_type() == want.get_content_type() == "multipart/alternative"
    for kind in ("plain", "html"):
        mine, theirs = got.get_body((kind,)), want.get_body((kind,))
        assert mine is not None and theirs is not None
        assert mine.get_content() == theirs.get_content()
        assert letters._LEAVE not in mine.get_content()
        assert "https://victories.example/unsubscribe/" in mine.get_content()


@pytest.mark.parametrize(
    "email", ['"odd, quoted"@example.org', "ünïcode@exämple.org", "a@b.c\r\nBcc: x@y.z"]
)
def test_an_address_it_cannot_write_plainly_falls_back_to_email_message(email):
    setup, community, issue, reader = _parts("Our Town", email)
    shared = letters.wire(setup, community, issue)
    assert shared.letter(to=email, message_id="<x@y>", leave="https://v.example/u/t") is None
