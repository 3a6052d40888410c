"""The published issue reaches every digest channel exactly once, in order, split well."""

from __future__ import annotations

import hashlib
import re

from adapters.discord.render import DESCRIPTION_LIMIT
from adapters.discord.surface import nonce_for
from bot.chat import commands
from bot.model import Actor, Decision
from bot.store import issues
from tests.adapters.discord.conftest import Bot, Server
from tests.bot.helpers import preview_document
from tests.fakes.discord_events import answer_text, answers, slash

ITEM = re.compile(r"^\*\*(\d+)\.\*\* (.*)$", re.MULTILINE)


def _text(i: int) -> str:
    words = " ".join(hashlib.sha1(f"{i}-{j}".encode()).hexdigest()[:7] for j in range(30))
    return f"Victory {i} came through: {words}."


async def _approved_items(bot: Bot, server: Server, count: int) -> None:
    ana = Actor(platform="discord", user_id=server.ana.id, display_name="Ana Lopez")
    editor = Actor(
        platform="discord",
        user_id=server.editor.id,
        display_name="Eve Editor",
        groups=frozenset({server.editor_role}),
    )
    for i in range(1, count + 1):
        reply = await commands.handle(bot.core, bot.core.community, ana, "victory", _text(i))
        assert reply.ok, reply.plain()
        await bot.core.review.decide(bot.core.community, editor, i, Decision.APPROVE)
    await bot.core.settle()


async def _publish(bot: Bot, server: Server) -> str:
    token = await slash(
        server.fake, server.editor, "victories", "publish", channel_id=server.general
    )
    answer = (await answers(server.fake, token, timeout=20))[-1]
    await bot.core.settle()
    return answer_text(answer)


def _parts(server: Server, channel: str) -> list[dict]:
    return [m for m in server.fake.messages.get(channel, []) if m["embeds"]]


async def test_a_40_item_issue_is_split_between_items_and_sent_once_everywhere(
    bot: Bot, server: Server
):
    await _approved_items(bot, server, 40)
    assert "Issue 1 is out" in await _publish(bot, server)
    first, second = (_parts(server, channel) for channel in server.digests)
    assert len(first) >= 3
    assert [m["embeds"] for m in first] == [m["embeds"] for m in second]
    numbers, texts = [], []
    for index, message in enumerate(first):
        (embed,) = message["embeds"]
        assert len(embed["description"]) <= DESCRIPTION_LIMIT
        assert len(embed["description"]) + len(embed["footer"]["text"]) <= 6000
        assert embed["footer"]["text"].startswith(f"{index + 1}/{len(first)} · ")
        for number, text in ITEM.findall(embed["description"]):
            numbers.append(int(number))
            texts.append(text)
    assert numbers == list(range(1, 41))
    assert all(text == f"{_text(i)} \\(Thanks, Ana Lopez!\\)" for i, text in enumerate(texts, 1))
    assert first[0]["embeds"][0]["description"].startswith("**Small Victories — Issue 1**")

    # Anyone can read it back privately: a long reply arrives as several messages.
    token = await slash(
        server.fake, server.ana, "victory", "issue", channel_id=server.general, number=1
    )

    def complete():
        shown = "\n".join(answer_text(reply) for reply in server.fake.callbacks.get(token, []))
        return all(f"**{i}.** {_text(i)}" in shown for i in range(1, 41))

    assert await server.fake.wait_for(complete)
    assert len(server.fake.callbacks[token]) > len(first)  # 2,000 characters a message


async def test_a_429_from_discord_loses_nothing(bot: Bot, server: Server):
    await _approved_items(bot, server, 12)
    server.fake.fail(
        "POST", rf"^/channels/{server.digests[0]}/messages$", times=2, retry_after=0.05
    )
    assert "Issue 1 is out" in await _publish(bot, server)
    limited = [c for c in server.fake.calls if c.status == 429]
    assert len(limited) == 2
    assert [m["embeds"] for m in _parts(server, server.digests[0])] == [
        m["embeds"] for m in _parts(server, server.digests[1])
    ]
    assert len(_parts(server, server.digests[0])) >= 1


async def test_a_lost_answer_is_found_in_history_not_sent_twice(bot: Bot, server: Server):
    await _approved_items(bot, server, 3)
    # Discord accepts the part but the connection drops before the answer arrives.
    server.fake.fail("POST", rf"^/channels/{server.digests[1]}/messages$", kind="drop")
    reply = await _publish(bot, server)
    assert "reached 1 of 2" in reply
    told = [m["content"] for m in server.fake.messages[server.review] if m["content"]]
    assert any("reached 1 of 2" in text for text in told)  # the editors hear about it
    await bot.core.issues.retry_failed(bot.core.community)
    await bot.core.settle()
    first, second = (_parts(server, channel) for channel in server.digests)
    assert len(second) == len(first) == 1
    history = server.fake.calls_to("GET", rf"^/channels/{server.digests[1]}/messages$")
    assert history, "find_part looked through the channel's history"


async def test_parts_carry_a_per_channel_nonce_that_discord_enforces(bot: Bot, server: Server):
    await _approved_items(bot, server, 2)
    await _publish(bot, server)
    posts = [
        c
        for c in server.fake.calls_to("POST", r"^/channels/\d+/messages$")
        if c.body.get("embeds") and "footer" in c.body["embeds"][0]
    ]
    assert {c.body["nonce"] for c in posts} == {
        nonce_for(channel, "sv-issue-1-part-0") for channel in server.digests
    }
    assert all(c.body["enforce_nonce"] is True and len(c.body["nonce"]) <= 25 for c in posts)
    part = bot.surface.render_issue(await preview_document(bot.core))[0]
    again = await bot.surface.send_part(
        channel=server.digests[0], part=part, key="sv-issue-1-part-0"
    )
    assert again == _parts(server, server.digests[0])[0]["id"]  # Discord returned the first


async def test_publication_updates_cards_and_tells_each_member(bot: Bot, server: Server):
    await _approved_items(bot, server, 2)
    await _publish(bot, server)
    cards = server.fake.messages[server.review]
    assert all("Published as #" in card["embeds"][0]["description"] for card in cards[:2])
    (dm,) = [c for c, user in server.fake.dm_channels.items() if user == server.ana.id]
    notices = [m["content"] for m in server.fake.messages[dm]]
    assert any("is #1 in Issue 1" in text for text in notices)
    assert any("is #2 in Issue 1" in text for text in notices)


async def test_after_a_restart_the_interrupted_channel_is_finished_without_a_repeat(
    make_bot, server: Server
):
    async with make_bot() as first:
        await _approved_items(first, server, 3)
        server.fake.fail("POST", rf"^/channels/{server.digests[0]}/messages$", kind="drop")
        assert "reached 1 of 2" in await _publish(first, server)
    async with make_bot() as second:  # a new process on the same database
        await second.core.resume()
        await second.core.settle()
        assert (await second.core.store.run(issues.latest_published, community=1)).number == 1
    assert [len(_parts(server, channel)) for channel in server.digests] == [1, 1]
    assert (
        _parts(server, server.digests[0])[0]["embeds"]
        == (_parts(server, server.digests[1])[0]["embeds"])
    )


async def test_find_part_looks_back_to_when_the_delivery_began_however_busy(
    bot: Bot, server: Server
):
    """Issue 12, item 9: 150 messages after the part (more than one page of 100)."""
    import datetime as dt

    from bot.issues.delivery import part_key
    from tests.fakes import discord_payloads as p

    began = dt.datetime.now(dt.UTC) - dt.timedelta(seconds=1)
    await _approved_items(bot, server, 2)
    assert "Issue 1 is out" in await _publish(bot, server)
    channel = server.digests[0]
    first = _parts(server, channel)[0]
    for n in range(150):  # a busy channel while the bot was down
        server.fake.messages[channel].append(
            p.message(
                message_id=p.snowflake(),
                channel_id=channel,
                author=p.user(server.ana.id, "Ana Lopez"),
                body={"content": f"chatter {n}"},
            )
        )
    surface = bot.core.surfaces["discord"]
    found = await surface.find_part(channel=channel, key=part_key(1, 0), since=began)
    assert found == first["id"]
    assert await surface.find_part(channel=channel, key=part_key(9, 0), since=began) is None
