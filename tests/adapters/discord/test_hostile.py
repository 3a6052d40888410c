"""Hostile submissions are refused or inert; nothing the bot sends can ping anyone."""

from __future__ import annotations

import re

from bot.model import Actor, Decision
from tests.adapters.discord.conftest import Bot, Server
from tests.fakes.discord_events import answer_text, answers, slash

NONE = {"parse": []}


def _outgoing(server: Server) -> list[dict]:
    """The message payload of every call that posts or edits a message."""
    payloads = []
    for call in server.fake.sent_messages():
        body = call.body or {}
        if call.path.startswith("/interactions/"):
            if body.get("type") not in (4, 7):
                continue  # a deferral or a form: no message text
            body = body["data"]
        payloads.append(body)
    return payloads


async def _submit(server: Server, text: str) -> str:
    token = await slash(
        server.fake, server.ana, "victory", "share", channel_id=server.general, text=text
    )
    return answer_text((await answers(server.fake, token))[-1])


async def test_hostile_text_is_refused_or_shown_literally_and_never_pings(bot: Bot, server: Server):
    role = server.editor_role
    assert "limit" in await _submit(server, "x" * 5000)
    texts = [
        f"@everyone @here the vote passed <@&{role}> <@{server.editor.id}>",
        "**" * 200 + "bold?" + "__~~||`",
        "# Heading\n> quote [click](https://evil.example) -# small",
    ]
    for text in texts:
        assert "Thank you" in await _submit(server, text)
    await bot.core.settle()
    editor = Actor(
        platform="discord", user_id=server.editor.id, display_name="Eve", groups=frozenset({role})
    )
    for number in (1, 2, 3):
        await bot.core.review.decide(bot.core.community, editor, number, Decision.APPROVE)
    (published,) = await answers(
        server.fake,
        await slash(
            server.fake,
            server.editor,
            "victories",
            "publish",
            channel_id=server.general,
        ),
    )
    assert "is out" in answer_text(published)
    await bot.core.settle()

    shown = [server.fake.messages[server.review][i]["embeds"][0]["description"] for i in range(3)]
    shown += [m["embeds"][0]["description"] for m in server.fake.messages[server.digests[0]]]
    for text in shown:
        assert "@everyone" not in text and "@here" not in text
        assert not re.search(r"(?<!\\)<@", text), "a mention survived unescaped"
        assert not re.search(r"(?<!\\)\*\*\*", text), "a markup flood survived unescaped"
        assert "](https://evil" not in text.replace("\\]\\(", "")
    issue = server.fake.messages[server.digests[0]][0]["embeds"][0]["description"]
    assert "\\*\\*" * 200 + "bold?" in issue

    outgoing = _outgoing(server)
    assert len(outgoing) >= 10
    assert all(body.get("allowed_mentions") == NONE for body in outgoing), [
        body for body in outgoing if body.get("allowed_mentions") != NONE
    ]


async def test_unsafe_links_are_refused(bot: Bot, server: Server):
    assert "link" in await _submit(server, "It passed javascript:alert(1)")
