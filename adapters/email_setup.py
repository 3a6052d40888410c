"""Turning the email edition on: with SMTP_URL set, the core gets a mailer and the web
server the sign-up, confirm and unsubscribe pages. Without it, nothing changes."""

from __future__ import annotations

import hashlib
from typing import TYPE_CHECKING

from adapters.environment import Environment
from bot.core import Core
from bot.model import Community

if TYPE_CHECKING:
    from adapters.web import WebServer
    from bot.email.setup import EmailSetup


def link_key(secret_key: str) -> bytes:
    """The key that signs readers' links, derived from VICTORIES_SECRET_KEY (which also
    encrypts tokens): one secret to keep, two separate uses."""
    return hashlib.sha256(b"small-victories email links\0" + secret_key.encode()).digest()


def attach_email(core: Core, env: Environment, server: WebServer | None) -> EmailSetup | None:
    if not env.smtp_url:
        return None
    # Imported only when email is on: the SMTP client and the pages pull in aiohttp.
    from adapters.email_web import EmailPages
    from adapters.smtp import SmtpMailer, parse_smtp_url
    from bot.email.setup import EmailSetup
    from bot.email.tokens import Signer

    if not (env.secret_key and env.email_from and env.web_base_url):
        raise ValueError("SMTP_URL needs EMAIL_FROM, WEB_BASE_URL and VICTORIES_SECRET_KEY")
    setup = EmailSetup(
        mailer=SmtpMailer(parse_smtp_url(env.smtp_url), rate=env.email_rate),
        sender=env.email_from,
        base_url=env.web_base_url,
        signer=Signer(link_key(env.secret_key)),
        many=lambda: core.communities.many,
        check_dns=True,
    )
    core.enable_email(setup)
    if server is not None:
        EmailPages(core).register(server)
    return setup


def subscribe_action(core: Core, community: Community) -> str | None:
    """Where the archive's sign-up form posts; None when the email edition is off."""
    setup = core.email
    return f"{setup.base(community)}/subscribe" if setup else None
