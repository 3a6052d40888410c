"""Editors and the email edition in chat: counts, never addresses; adding a reader is the
same double opt-in as the form."""

from __future__ import annotations

from bot.core import Core
from tests.bot.chat.test_commands import run
from tests.bot.email.conftest import link_in, readers, token_of
from tests.conftest import EDITOR, MEMBER


async def test_subscribers_tells_counts_and_never_an_address(core, sink):
    await readers(core, "ana@example.org", "ben@example.org")
    await core.subscribers.sign_up(core.community, "cy@example.org", client="1.1.1.1")
    reply = await run(core, EDITOR, "victories", "subscribers")
    assert reply.plain() == (
        "Email readers: 2 confirmed, 1 waiting to confirm, 0 unsubscribed, 0 bouncing (suspended)."
    )
    assert "@" not in reply.plain()
    assert not (await run(core, MEMBER, "victories", "subscribers")).ok


async def test_an_editor_adds_a_reader_who_still_confirms(core, sink):
    reply = await run(core, EDITOR, "victories", "subscribers add dee@example.org")
    assert reply.ok and "@" not in reply.plain()
    (confirmation,) = sink.messages("dee@example.org")
    assert await core.subscribers.confirm(
        core.community, token_of(link_in(confirmation, "confirm"))
    )
    assert (await core.subscribers.counts(core.community)).confirmed == 1
    bad = await run(core, EDITOR, "victories", "subscribers add dee@example.org\r\nBcc: x@y.org")
    assert not bad.ok and "a single line" in bad.plain()
    usage = await run(core, EDITOR, "victories", "subscribers remove x")
    assert "/victories subscribers [add <email>]" in usage.plain()


async def test_an_editor_cannot_resubscribe_someone_who_left(core, sink):
    await readers(core, "ana@example.org")
    reader = await core.subscribers.export(core.community)
    assert reader == ["ana@example.org"]
    from bot.email.letters import unsubscribe_url
    from bot.store.subscribers import confirmed

    (row,) = core.store.call(confirmed, community=core.community.id)
    assert core.subscribers.setup is not None
    link = unsubscribe_url(core.subscribers.setup, core.community, row)
    assert await core.subscribers.unsubscribe(core.community, token_of(link))
    reply = await run(core, EDITOR, "victories", "subscribers add ana@example.org")
    assert not reply.ok and "unsubscribed earlier" in reply.plain()
    assert sink.received == []


async def test_with_email_off_editors_are_told(store, config, clock):
    core = Core(store=store, config=config, clock=clock)
    reply = await run(core, EDITOR, "victories", "subscribers add ana@example.org")
    assert not reply.ok and "not switched on" in reply.plain()
