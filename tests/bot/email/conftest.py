"""The email edition on the real core, sending to a real SMTP server on 127.0.0.1."""

from __future__ import annotations

import re

import pytest

from adapters.smtp import SmtpMailer, parse_smtp_url
from bot.core import Core
from bot.email.setup import EmailSetup
from bot.email.tokens import Signer
from tests.bot.helpers import approved
from tests.conftest import make_config
from tests.fakes.smtp_sink import SmtpSink

SENDER = "Our Town News <news@ourtown.example>"
ITEMS = [
    "The council voted 7–2 to end its contract with ICE.",
    "A judge blocked the deportations <for now> & more.",
    "The library stays open on Sundays.",
]


@pytest.fixture
def sink():
    with SmtpSink() as running:
        yield running


@pytest.fixture
def config():
    return make_config(
        community={"name": "Our Town", "archive_url": "https://town.example/news/"},
        intake={"cooldown": "0s"},
        issue={"min_items": 1},
    )


def email_setup(sink: SmtpSink, **more) -> EmailSetup:
    return EmailSetup(
        mailer=SmtpMailer(parse_smtp_url(sink.url), rate=0),
        sender=SENDER,
        base_url="https://victories.example",
        signer=Signer(b"k" * 32),
        retry_delays=(0.01, 0.02, 0.04),
        **more,
    )


@pytest.fixture
async def core(store, config, clock, surface, sink):
    core = Core(store=store, config=config, clock=clock)
    core.attach(surface)
    setup = email_setup(sink)
    core.enable_email(setup)
    yield core
    await core.settle()
    await setup.mailer.close()


def link_in(message, kind: str) -> str:
    text = message.get_body(("plain",)).get_content()
    found = re.search(rf"https?://\S+/{kind}/\S+", text)
    assert found, text
    return found.group()


def token_of(link: str) -> str:
    return link.rstrip("/").rsplit("/", 1)[1]


async def readers(core: Core, *addresses: str) -> None:
    """Confirmed readers, as an import of an audience that already agreed."""
    done = await core.subscribers.import_addresses(core.community, list(addresses), confirmed=True)
    assert done.added == len(addresses)


async def publish(core: Core, items: list[str] = ITEMS) -> int:
    for text in items:
        await approved(core, text)
    result = await core.issues.publish(core.community, force=True)
    assert result.issue is not None, result
    await core.settle()
    return result.issue
