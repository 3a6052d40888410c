"""/victories through Slack: editors' verbs work for moderators and are refused for others."""

from __future__ import annotations

from tests.adapters.slack.conftest import GROUP_MODERATOR, MEMBER, MODERATOR


async def test_note_and_preview_for_moderators(http_bot):
    await http_bot.command("Tenants won <their> case")
    await http_bot.reply()
    await http_bot.command(
        "note A hopeful week & more", user=MODERATOR, command="/victories", name="note"
    )
    assert "Saved the editor's note" in await http_bot.reply("note")
    await http_bot.command("approve 1", user=GROUP_MODERATOR, command="/victories", name="ok")
    assert "Victory #1" in await http_bot.reply("ok")
    await http_bot.command("preview", user=MODERATOR, command="/victories", name="preview")
    preview = await http_bot.reply("preview")
    assert "Issue 1" in preview and "A hopeful week &amp; more" in preview
    assert "Tenants won &lt;their&gt; case" in preview


async def test_editors_commands_are_refused_for_members(http_bot):
    for n, line in enumerate(("note Sneaky", "preview", "publish now")):
        await http_bot.command(line, user=MEMBER, command="/victories", name=f"m{n}")
        assert "Only editors can do that." in await http_bot.reply(f"m{n}")
    assert "Saved" not in str(http_bot.api.responses)
