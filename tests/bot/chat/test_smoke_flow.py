from bot.chat import commands
from tests.conftest import EDITOR, MEMBER


async def test_submit_approve_feature_publish(core, surface):
    await commands.handle(
        core,
        core.community,
        MEMBER,
        "victory",
        "Council passed the tenant bill https://example.org/a thanks: Ana",
    )
    await commands.handle(core, core.community, MEMBER, "victory", "The union vote won")
    await core.settle()
    assert set(surface.cards) == {"card-1", "card-2"}
    for number, emoji in ((1, "white_check_mark"), (2, "white_check_mark"), (2, "star")):
        await commands.react(
            core,
            core.community,
            actor=EDITOR,
            platform="console",
            channel="#review",
            message_id=f"card-{number}",
            emoji=emoji,
            added=True,
        )
    reply = await commands.handle(core, core.community, EDITOR, "victories", "publish now")
    assert reply.ok, reply.plain()
    text = "\n".join(surface.posts_to("#general"))
    assert "Small Victories — Issue 1" in text
    assert text.index("1. The union vote won") < text.index("2. Council passed the tenant bill")
    assert "(Thanks, Ana!)" in text
