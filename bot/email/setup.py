"""What the email edition needs once it is on (``SMTP_URL`` set): the mailer, the sender,
the public web address for links, and the key that signs them."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from email.utils import formataddr, parseaddr
from functools import cache

from bot.email.mailer import Mailer
from bot.email.tokens import Signer
from bot.model import Community


def _one() -> bool:
    return False


@dataclass
class EmailSetup:
    mailer: Mailer
    sender: str  # EMAIL_FROM: "Name <address>" or an address
    base_url: str  # WEB_BASE_URL: where the web server is reached from outside
    signer: Signer
    many: Callable[[], bool] = field(default=_one)  # paths under each community's slug
    check_dns: bool = False  # ask DNS whether an address's domain takes mail
    retry_delays: tuple[float, ...] = (2.0, 10.0, 60.0)  # after a temporary failure
    hard_bounce_limit: int = 3

    def base(self, community: Community) -> str:
        root = self.base_url.rstrip("/")
        return f"{root}/{community.slug}" if self.many() else root

    # Read once per message: worked out once (parsing an address is slow).
    def sender_address(self) -> str:
        return _sender(self.sender)[1]

    def from_header(self, community: Community) -> str:
        """EMAIL_FROM's name if it has one, else the community's name; its address."""
        name, address = _sender(self.sender)
        return formataddr((name or community.config.community.name, address))

    def domain(self) -> str:
        return _domain(self.sender_address())


@cache
def _sender(value: str) -> tuple[str, str]:
    return parseaddr(value)


@cache
def _domain(address: str) -> str:
    from email.headerregistry import Address  # the email package's heavy half: not at start-up

    return Address(addr_spec=address).domain if "@" in address else "localhost"
