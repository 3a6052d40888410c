"""The console as a new organizer tries it: paragraphs and a quotation typed at the one-line
prompt (\\n), the editor's typed copy-edit, and the preview showing them."""

from __future__ import annotations

import io

from adapters.console import ConsoleSession, ConsoleSurface
from bot.core import Core
from bot.store import victories


async def test_paragraphs_a_quotation_and_a_copy_edit_from_the_console(store, config, clock):
    out = io.StringIO()
    core = Core(store=store, config=config, clock=clock)
    surface = ConsoleSurface(out)
    core.attach(surface)
    session = ConsoleSession(core, surface)
    try:
        session.user = "sam"
        await session.handle(r"/victory The libary stays open\n\n> We did it together\n\nThanks")
        item = core.store.call(victories.by_number, community=core.community.id, number=1)
        assert item.text == "The libary stays open\n\n> We did it together\n\nThanks"
        start = len(out.getvalue())
        session.user = "editor"
        await session.handle("/queue")  # one line per item, however many paragraphs
        assert out.getvalue()[start:].count("\n") == 1
        session.user = "editor"
        await session.handle(r"/victories edit 1 The library stays open\n\n> We did it together")
        await session.handle(r"/victories note A hopeful week.\n\nSecond paragraph.")
        await session.handle("/victories approve 1")
        start = len(out.getvalue())
        await session.handle("/victories preview")
        preview = out.getvalue()[start:]
        assert "A hopeful week.\n[to editor] \n[to editor] Second paragraph." in preview
        assert "1. The library stays open\n[to editor] \n" in preview
        assert "[to editor]    > We did it together (Thanks, sam!)" in preview
        assert "libary" not in preview
    finally:
        await core.settle()
