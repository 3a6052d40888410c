"""Issue 13's isolation matrix, for issue 15's buttons, forms and message command, on two
Discord servers on two shards (see tests/isolation_matrix.py): from server A, every card
button on every number (component interactions), every form it opens (modal submits) and
"Share as a victory" act only on A's own item or are refused; nothing of B changes."""

from __future__ import annotations

from tests.adapters.discord.conftest import Server
from tests.adapters.discord.modal_forms import inputs, submit_form
from tests.adapters.discord.test_shards import second  # noqa: F401  (a fixture)
from tests.adapters.discord.test_share_message import open_share
from tests.fakes.discord_events import answer_text, answers, press, slash
from tests.fakes.discord_guilds import FakeGuild
from tests.fakes.discord_interactions import member_message
from tests.isolation_matrix import A_TEXT, B_ONLY, B_TEXTS, BUTTONS, OWN, items, snapshot

EPHEMERAL = 64


async def test_from_server_a_no_button_form_or_share_reaches_b(
    make_bot,
    server: Server,
    second: FakeGuild,  # noqa: F811
):
    fake, news = server.fake, second.channels[0]["id"]
    cai = fake.add_person("Cai Chen")
    async with make_bot() as bot:
        await bot.core.communities.for_place("discord", fake.guild_id)
        bot.core.communities.many = True
        shares = [(server.ana, server.general, A_TEXT)]
        shares += list(zip((server.ana, server.ben, cai), (news,) * 3, B_TEXTS, strict=True))
        for person, channel, text in shares:
            token = await slash(fake, person, "victory", "share", channel_id=channel, text=text)
            assert "#" in answer_text((await answers(fake, token))[0]), (person.name, text)
        await bot.core.settle()
        alpha = (await bot.core.communities.for_place("discord", fake.guild_id)).id
        beta = (await bot.core.communities.for_place("discord", second.id)).id
        assert sorted(items(bot.core.store, beta)) == [1, 2, 3]
        before_b, before_a = snapshot(bot.core.store, beta), items(bot.core.store, alpha)
        (card,) = fake.messages[server.review]

        async def pressed(action: str, number: int) -> dict:
            token = await press(
                fake,
                server.editor,
                message=card,
                custom_id=f"victory:{action}:{number}",
                channel_id=server.review,
            )
            (answer,) = await answers(fake, token)
            await bot.core.settle()
            return answer

        # B's numbers, pressed in A: refused privately, no form (type 9), nothing changes.
        for number in B_ONLY:
            for action in BUTTONS:
                answer = await pressed(action, number)
                assert answer["type"] == 4 and answer["data"]["flags"] & EPHEMERAL
                assert f"no victory #{number}" in answer_text(answer), (action, answer)
                assert items(bot.core.store, alpha) == before_a
        assert snapshot(bot.core.store, beta) == before_b

        # The number both servers have: A's #1, every button and its form.
        assert "Approved" in answer_text(await pressed("approve", OWN))
        assert items(bot.core.store, alpha)[OWN][:2] == ("approved", False)
        await pressed("feature", OWN)
        assert items(bot.core.store, alpha)[OWN][:2] == ("approved", True)
        edit = await pressed("edit", OWN)
        assert edit["type"] == 9 and inputs(edit)["text"]["value"] == A_TEXT
        token = await submit_form(
            fake, server.editor, edit, channel_id=server.review, text="Alpha, copy-edited"
        )
        await answers(fake, token)
        await bot.core.settle()
        assert items(bot.core.store, alpha)[OWN][2] == "Alpha, copy-edited"
        reject = await pressed("reject", OWN)
        assert reject["type"] == 9
        token = await submit_form(
            fake, server.editor, reject, channel_id=server.review, reason="Next week"
        )
        await answers(fake, token)
        await bot.core.settle()
        assert items(bot.core.store, alpha)[OWN][0::3] == ("rejected", "Next week")

        # A slot form opened and sent in A writes A's note only.
        token = await slash(fake, server.editor, "victories", "note", channel_id=server.general)
        (note,) = await answers(fake, token)
        assert note["type"] == 9
        token = await submit_form(
            fake, server.editor, note, channel_id=server.general, slot="Alpha's note\n\nMore"
        )
        assert "Saved" in answer_text((await answers(fake, token))[0])

        # "Share as a victory" on a message in A: A's #2, never B's.
        message = member_message(fake, server.ben, server.general, "Alpha's clinic reopens")
        shared = await open_share(server, server.editor, message)
        token = await submit_form(fake, server.editor, shared, channel_id=server.general)
        assert "#2" in answer_text((await answers(fake, token))[0])
        await bot.core.settle()
        assert items(bot.core.store, alpha)[2][2] == "Alpha's clinic reopens"

        assert snapshot(bot.core.store, beta) == before_b
        token = await slash(fake, server.editor, "victories", "preview", channel_id=server.general)
        preview = answer_text((await answers(fake, token))[0])
        assert "Alpha's note" in preview and not any(text in preview for text in B_TEXTS)
