"""An email address as readers type it, checked before anything is stored or sent.

Refused, each with its own message: control characters (a header injection such as
``a@b.c\\r\\nBcc: x@y.z``), more than 254 characters, and anything ``email-validator``
does not accept. Only the normalized address is ever used.
"""

from __future__ import annotations

import asyncio
import hashlib
import unicodedata

from bot.model import Refusal

MAX_LENGTH = 254  # RFC 5321's limit on a forward path


async def checked_address(raw: str, *, check_dns: bool = False) -> str:
    """The normalized address, or a ``Refusal``. ``check_dns`` also asks whether the
    domain takes mail (off in tests; a lookup runs in a thread)."""
    value = raw.strip()
    if not value:
        raise Refusal("email_empty")
    if any(unicodedata.category(ch) in ("Cc", "Cf", "Zl", "Zp") for ch in value):
        raise Refusal("email_control")
    if len(value) > MAX_LENGTH:
        raise Refusal("email_too_long", limit=MAX_LENGTH)
    # Imported on first use: compiling its patterns took ~15 ms of every start-up (P4).
    from email_validator import EmailNotValidError, validate_email

    try:
        result = await asyncio.to_thread(
            validate_email, value, check_deliverability=check_dns, allow_smtputf8=False
        )
    except EmailNotValidError:
        raise Refusal("email_malformed") from None
    return result.normalized


def address_hash(address: str) -> str:
    """What is kept of an address once its reader leaves: enough to recognise it again."""
    return hashlib.sha256(address.strip().lower().encode()).hexdigest()
