"""Set up in chat: the same keys and checks as victories.yaml, admins only, audited; and
linking a workspace with a server by a one-time code."""

from __future__ import annotations

import datetime as dt

import pytest

from bot.chat import commands
from bot.core import Core
from bot.model import Actor, Refusal, Submission
from bot.store import audit
from tests.conftest import EDITOR, MEMBER

SLACK_ADMIN = Actor("slack", "U_ADMIN", "Sam Admin", is_admin=True, place="T_ONE")
DISCORD_ADMIN = Actor("discord", "1001", "Dee Admin", is_admin=True, place="G_ONE")
DISCORD_MEMBER = Actor("discord", "1002", "Dan Member", place="G_ONE")


@pytest.fixture
async def core(store, config, clock, surface):
    core = Core(store=store, config=config, clock=clock)
    core.communities.many = True
    core.attach(surface)
    yield core
    await core.settle()


async def say(core: Core, actor: Actor, line: str) -> str:
    community = (
        core.community
        if actor.platform == "console"
        else await core.communities.for_place(actor.platform, actor.place)
    )
    return (await commands.handle(core, community, actor, "victories", line)).plain()


async def test_set_checks_values_as_the_settings_file_does(core):
    assert "Saved: schedule.weekday is now monday" in await say(
        core, EDITOR, "set schedule.weekday Monday"
    )
    assert core.community.config.schedule.weekday == "monday"
    refused = await say(core, EDITOR, "set schedule.weekday fryday")
    assert refused.startswith("schedule.weekday:") and "not one of" in refused
    assert core.community.config.schedule.weekday == "monday"
    assert "is not a number" in await say(core, EDITOR, "set issue.max_items lots")
    assert (await say(core, EDITOR, "set schedule.time 25:00")).startswith("schedule.time:")
    assert "There is no setting" in await say(core, EDITOR, "set schedule.color blue")
    helped = await say(core, EDITOR, "set issue.max_items")
    assert "the most victories in one issue" in helped and "Now: " in helped
    shown = await say(core, EDITOR, "settings")
    assert "schedule.weekday: monday" in shown and "slack.digest_channels: none" in shown
    rows = core.store.call(audit.of_community, community=core.community.id)
    assert [r["detail"] for r in rows if r["action"] == "set"] == ["schedule.weekday = Monday"]


async def test_channels_users_and_roles_are_taken_as_the_platform_writes_them(core):
    await say(core, SLACK_ADMIN, "set slack.review_channel <#C0REVIEW|reviews>")
    await say(core, SLACK_ADMIN, "set slack.digest_channels <#C0NEWS|news> <#C0GEN|general>")
    await say(core, SLACK_ADMIN, "set slack.moderators.usergroups <!subteam^S0EDIT|@editors>")
    await say(core, DISCORD_ADMIN, "set discord.moderator_roles <@&555000111>")
    slack = (await core.communities.for_place("slack", "T_ONE")).config.slack
    assert slack.review_channel == "C0REVIEW"
    assert slack.digest_channels == ("C0NEWS", "C0GEN")
    assert slack.moderator_usergroups == ("S0EDIT",)
    discord = (await core.communities.for_place("discord", "G_ONE")).config.discord
    assert discord.moderator_roles == ("555000111",)


async def test_only_admins_change_settings(core):
    assert "Only this workspace's or server's admins" in await say(
        core, MEMBER, "set issue.max_items 3"
    )
    assert "Only this workspace's or server's admins" in await say(core, DISCORD_MEMBER, "settings")
    bot = Actor("discord", "9", "Bot", is_admin=True, is_bot=True, place="G_ONE")
    assert "Only" in await say(core, bot, "set issue.max_items 3")


async def test_a_new_workspace_and_server_get_their_own_communities(core):
    slack = await core.communities.for_place("slack", "T_ONE", name="Our Town")
    discord = await core.communities.for_place("discord", "G_ONE", name="Our Town")
    assert len({core.community.id, slack.id, discord.id}) == 3
    assert slack.slug == "our-town" and discord.slug == "our-town-2"
    assert (await core.communities.for_place("slack", "T_ONE")).id == slack.id


async def test_link_joins_a_server_to_a_workspace_once_and_unlink_splits_them(core, clock):
    slack = await core.communities.for_place("slack", "T_ONE")
    discord = await core.communities.for_place("discord", "G_ONE")
    await core.submissions.submit(discord, DISCORD_MEMBER, Submission(text="Server news"))
    shown = await say(core, SLACK_ADMIN, "link")
    code = shown.split("Link code: ")[1].split()[0]
    assert len(code) >= 16  # 96 random bits, URL-safe
    assert "Only" in await say(core, DISCORD_MEMBER, f"link {code}")
    assert "Linked" in await say(core, DISCORD_ADMIN, f"link {code}")
    assert (await core.communities.for_place("discord", "G_ONE")).id == slack.id
    assert "does not work" in await say(core, DISCORD_ADMIN, f"link {code}")  # single use
    assert "Unlinked" in await say(core, DISCORD_ADMIN, "unlink")
    back = await core.communities.for_place("discord", "G_ONE")
    assert back.id == discord.id
    assert [v.text for v in await core.submissions.mine(back, DISCORD_MEMBER)] == ["Server news"]
    assert "not linked" in await say(core, DISCORD_ADMIN, "unlink")


async def test_a_link_code_expires_after_ten_minutes(core, clock):
    shown = await say(core, SLACK_ADMIN, "link")
    code = shown.split("Link code: ")[1].split()[0]
    clock.advance(dt.timedelta(minutes=10, seconds=1))
    assert "does not work" in await say(core, DISCORD_ADMIN, f"link {code}")
    with pytest.raises(Refusal):
        await core.communities.link(
            await core.communities.for_place("discord", "G_ONE"), DISCORD_ADMIN, "guess"
        )


async def test_the_installer_is_an_admin_and_an_uninstall_pauses_without_losing_anything(core):
    slack = await core.communities.for_place("slack", "T_ONE")
    installer = Actor("slack", "U_INSTALLER", "Ivy", place="T_ONE")
    assert not core.communities.is_admin(installer, slack)
    slack = await core.communities.installed(slack, installer="U_INSTALLER")
    assert core.communities.is_admin(installer, slack) and not slack.paused
    await core.submissions.submit(slack, installer, Submission(text="Kept through it all"))
    paused = await core.communities.paused(slack)
    assert paused.paused and (await core.communities.for_place("slack", "T_ONE")).paused
    back = await core.communities.installed(paused, installer="U_INSTALLER")
    assert not back.paused
    assert [v.text for v in await core.submissions.mine(back, installer)] == ["Kept through it all"]


async def test_a_channel_typed_as_plain_text_is_refused_with_how_to_fix_it(core):
    refused = await say(core, SLACK_ADMIN, "set slack.review_channel #reviews")
    assert refused.startswith("slack.review_channel:") and "is not an ID" in refused
    assert "is not an ID" in await say(core, DISCORD_ADMIN, "set discord.moderator_roles Editors")
    ok = await say(core, SLACK_ADMIN, "set slack.review_channel C0REVIEW")
    assert "Saved: slack.review_channel is now C0REVIEW" in ok


async def test_the_community_of_a_known_place_is_found_without_a_database_read(core):
    """Every request asks which community its workspace or server is: after the first
    time the answer comes from memory, kept true by link and unlink (tested above)."""
    first = await core.communities.for_place("slack", "T_ONE")
    statements: list[str] = []
    core.store.call(lambda db: db.conn.set_trace_callback(statements.append))
    try:
        again = await core.communities.for_place("slack", "T_ONE")
    finally:
        core.store.call(lambda db: db.conn.set_trace_callback(None))
    assert again.id == first.id
    assert statements == []
