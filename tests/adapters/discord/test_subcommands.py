"""The editors' desk as /victories subcommands with typed options: the paged queue,
autocomplete of pending items (type 4 interactions), forms for slots and reasons, and
the admins' setup with channel and role pickers (issue 13)."""

from __future__ import annotations

from tests.adapters.discord.conftest import Bot, Server
from tests.adapters.discord.modal_forms import inputs, submit_form
from tests.fakes import discord_payloads as p
from tests.fakes.discord_events import answer_text, answers, autocomplete, press, slash

NOTE = "A hopeful week.\n\n> We keep going\n\nSee you Friday."


async def said(server: Server, person, /, *path: str, **options) -> dict:
    token = await slash(server.fake, person, *path, channel_id=server.general, **options)
    return (await answers(server.fake, token))[0]


async def share(bot: Bot, server: Server, *texts: str) -> None:
    for text in texts:
        assert "#" in answer_text(await said(server, server.ana, "victory", "share", text=text))
    await bot.core.settle()


async def test_the_queue_is_paged_for_editors_and_refused_to_members(bot: Bot, server: Server):
    await share(bot, server, *(f"Victory number {n} for the town" for n in range(1, 13)))
    first = answer_text(await said(server, server.editor, "victories", "queue"))
    assert "page 1 of 2" in first and "#1" in first and "/victories queue 2" in first
    second = answer_text(await said(server, server.editor, "victories", "queue", page=2))
    assert "page 2 of 2" in second and "#12" in second
    assert "Only editors" in answer_text(await said(server, server.ana, "victories", "queue"))


async def test_item_numbers_autocomplete_from_pending_items_for_editors_only(
    bot: Bot, server: Server
):
    await share(bot, server, "The bus line stays", "The library opens late", "A bus shelter")
    fake = server.fake
    offered = await autocomplete(
        fake,
        server.editor,
        "victories",
        "approve",
        channel_id=server.general,
        focused="number",
        number="bus",
    )
    assert sorted(c["value"] for c in offered) == [1, 3]
    assert all(1 <= len(c["name"]) <= 100 and "bus" in c["name"].lower() for c in offered)
    everything = await autocomplete(
        fake, server.editor, "victories", "move", channel_id=server.general, focused="number"
    )
    assert {c["value"] for c in everything} == {1, 2, 3}
    for person in (server.ana, fake.bot):
        assert not await autocomplete(
            fake, person, "victories", "reject", channel_id=server.general, focused="number"
        )


async def test_a_slot_without_text_opens_a_form_that_keeps_paragraphs(bot: Bot, server: Server):
    fake = server.fake
    modal = await said(server, server.editor, "victories", "note")
    assert modal["type"] == 9 and modal["data"]["title"] == "The editor's note"
    field = inputs(modal)["slot"]
    assert field["style"] == 2 and field["required"]
    token = await submit_form(fake, server.editor, modal, channel_id=server.general, slot=NOTE)
    assert "Saved" in answer_text((await answers(fake, token))[0])
    preview = answer_text(await said(server, server.editor, "victories", "preview"))
    assert "A hopeful week." in preview and "See you Friday." in preview
    assert "We keep going" in preview
    # A member asking for the form gets a refusal, not a form.
    refused = await said(server, server.ana, "victories", "thanks")
    assert refused["type"] == 4 and "Only editors" in answer_text(refused)


async def test_reject_without_a_reason_asks_for_one_in_a_form(bot: Bot, server: Server):
    await share(bot, server, "Not news")
    modal = await said(server, server.editor, "victories", "reject", number=1)
    assert modal["type"] == 9 and set(inputs(modal)) == {"reason"}
    with_reason = await said(
        server, server.editor, "victories", "reject", number=1, reason="Needs a source"
    )
    assert "Rejected" in answer_text(with_reason)


async def settings(bot: Bot, server: Server) -> dict[str, str]:
    community = await bot.core.communities.for_place("discord", server.fake.guild_id)
    return dict(bot.core.communities.settings(community))


async def test_setup_saves_every_option_together_or_refuses_each_bad_one(bot: Bot, server: Server):
    fake = server.fake
    admin = fake.add_person("Ada Admin", permissions=p.MANAGE_GUILD)
    reviews, news = fake.add_channel("reviews"), fake.add_channel("news")
    editors = fake.add_role("Newsletter editors")
    options = {
        "name": "Our Town Wins",
        "timezone": "Europe/Lisbon",
        "review_channel": reviews,
        "digest_channel": news,
        "digest_channel_2": server.general,
        "editors": editors,
        "weekday": "friday",
    }
    before = await settings(bot, server)
    refused = await said(server, admin, "victories", "setup", **options, time="25:99")
    shown = answer_text(refused).replace("\\_", "_")  # as Discord shows it
    assert refused["data"]["flags"] & 64
    assert "Nothing was saved" in shown and "schedule.time" in shown and "25:99" in shown
    assert await settings(bot, server) == before  # all or nothing, as on Slack

    saved = await said(server, admin, "victories", "setup", **options, time="09:30")
    shown = answer_text(saved).replace("\\_", "_")
    for key in ("community.name", "community.timezone", "discord.review_channel"):
        assert f"{key}:" in shown, shown
    now = await settings(bot, server)
    assert now["community.name"] == "Our Town Wins"
    assert now["community.timezone"] == "Europe/Lisbon"
    assert reviews in now["discord.review_channel"]
    assert news in now["discord.digest_channels"]
    assert server.general in now["discord.digest_channels"]
    assert editors in now["discord.moderator_roles"]
    assert (now["schedule.weekday"], now["schedule.time"]) == ("friday", "09:30")
    again = await said(server, admin, "victories", "setup", name="Our Town Wins")
    assert "Nothing changed" in answer_text(again)


async def test_setup_and_set_are_for_admins_only(bot: Bot, server: Server):
    before = await settings(bot, server)
    for person in (server.ana, server.editor, server.fake.bot):
        answer = await said(server, person, "victories", "setup", name="Taken over")
        assert "admins" in answer_text(answer) or "Bots" in answer_text(answer)
        answer = await said(server, person, "victories", "set", key="community.name", value="X")
        assert "admins" in answer_text(answer) or "Bots" in answer_text(answer)
    assert await settings(bot, server) == before


async def test_set_takes_pickers_and_keys_and_zones_autocomplete(bot: Bot, server: Server):
    fake = server.fake
    admin = fake.add_person("Ada Admin", permissions=p.MANAGE_GUILD)
    reviews = fake.add_channel("reviews")
    answer = await said(
        server, admin, "victories", "set", key="discord.review_channel", channel=reviews
    )
    assert "Saved" in answer_text(answer)
    assert reviews in (await settings(bot, server))["discord.review_channel"]
    keys = await autocomplete(
        fake, admin, "victories", "set", channel_id=server.general, focused="key", key="week"
    )
    assert [k["value"] for k in keys] == ["schedule.weekday"]
    zones = await autocomplete(
        fake,
        admin,
        "victories",
        "setup",
        channel_id=server.general,
        focused="timezone",
        timezone="new york",
    )
    assert [z["value"] for z in zones] == ["America/New_York"]
    guide = answer_text(await said(server, admin, "victories", "setup"))
    assert "Welcome" in guide  # no options: the guide to what to set


async def test_move_reorders_the_next_issue_as_the_preview_shows(bot: Bot, server: Server):
    await share(bot, server, "First of all", "Second in line", "Third at last")
    for number in (1, 2, 3):
        await said(server, server.editor, "victories", "approve", number=number)
    moved = await said(server, server.editor, "victories", "move", number=3, position=1)
    assert "#3 is now #1" in answer_text(moved)
    preview = answer_text(await said(server, server.editor, "victories", "preview"))
    assert preview.index("Third at last") < preview.index("First of all")
    refused = await said(server, server.ana, "victories", "move", number=1, position=3)
    assert "Only editors" in answer_text(refused)


async def test_hostile_text_in_forms_and_options_never_pings_or_breaks(bot: Bot, server: Server):
    fake = server.fake
    hostile = "@everyone <@&123456789012345678> **loud**\n\n> `quote` ||spoiler||\n\n\x00\u202e"
    modal = await said(server, server.editor, "victories", "note")
    token = await submit_form(fake, server.editor, modal, channel_id=server.general, slot=hostile)
    assert (await answers(fake, token))[0]["type"] == 4
    await share(bot, server, "A fair share")
    card = fake.messages[server.review][-1]
    edit = await pressed_edit(bot, server, card)
    token = await submit_form(fake, server.editor, edit, channel_id=server.review, text=hostile)
    assert (await answers(fake, token))[0]["type"] == 4
    await bot.core.settle()
    preview = await said(server, server.editor, "victories", "preview")
    for sent in fake.sent_messages():
        body = sent.body if isinstance(sent.body, dict) else {}
        data = body.get("data", body)
        texts = [data.get("content") or ""]
        texts += [e.get("description") or "" for e in data.get("embeds") or []]
        for text in texts:
            assert "@everyone" not in text and "<@&" not in text.replace("\\<@&", "")
        if data.get("content") or data.get("embeds"):
            assert data.get("allowed_mentions", {"parse": []})["parse"] == []
    assert "loud" in answer_text(preview)


async def pressed_edit(bot: Bot, server: Server, card: dict) -> dict:
    token = await press(
        server.fake,
        server.editor,
        message=card,
        custom_id="victory:edit:1",
        channel_id=server.review,
    )
    return (await answers(server.fake, token))[0]
