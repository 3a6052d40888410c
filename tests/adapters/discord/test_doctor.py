"""`victories doctor` on Discord: REST-only checks against the fake, with what to fix."""

import discord

from adapters.discord import connect
from adapters.discord.doctor import channel_permissions
from bot.core import Core
from tests.adapters.discord.conftest import Server
from tests.conftest import make_config
from tests.fakes import discord_payloads as p

SEND = 1 << 11


def findings_text(findings) -> str:
    return "\n".join(f"{'ok' if f.ok else 'FIX'} {f.what} -> {f.fix}" for f in findings)


async def diagnose(server: Server, env, store, **discord_settings):
    settings = {
        "review_channel": server.review,
        "digest_channels": list(server.digests),
        "moderator_roles": [server.editor_role],
        "guild_ids": [server.fake.guild_id],
        **discord_settings,
    }
    core = Core(store=store, config=make_config(discord=settings))
    return await connect(core, env).diagnose()


async def test_a_good_setup_is_all_ok_and_opens_no_gateway(server: Server, env, store):
    findings = await diagnose(server, env, store)
    assert all(f.ok for f in findings), findings_text(findings)
    text = findings_text(findings)
    assert "logged in as" in text and "#review): can see and post" in text
    assert f"moderator role {server.editor_role} exists" in text
    assert server.fake.identified == []  # REST only: a running bot keeps its session


async def test_problems_are_named_with_a_fix(server: Server, env, store):
    fake = server.fake
    fake.channels[[c["id"] for c in fake.channels].index(server.digests[0])][
        "permission_overwrites"
    ] = [{"id": fake.guild_id, "type": 0, "allow": "0", "deny": str(SEND)}]
    findings = await diagnose(
        server, env, store, digest_channels=[*server.digests, "999"], moderator_roles=["12345"]
    )
    problems = [f for f in findings if not f.ok]
    text = findings_text(problems)
    assert "#digest-one): missing send messages" in text and "Edit Channel" in text
    assert "digest channel 999: the bot cannot see it" in text
    assert "moderator role 12345 not found" in text
    assert len(problems) == 3


async def test_a_refused_token_is_one_clear_finding(server: Server, env, store):
    server.fake.fail("GET", r"^/users/@me$", kind="401")
    (finding,) = await diagnose(server, env, store)
    assert not finding.ok and "token was refused" in finding.what and "Reset Token" in finding.fix


def test_permission_order_follows_discords_rules():
    guild = {
        "id": "1",
        "owner_id": "9",
        "roles": [p.role("1", "@everyone", permissions=SEND), p.role("2", "Bots", permissions=0)],
    }
    deny_everyone = {"id": "1", "type": 0, "allow": "0", "deny": str(SEND)}
    allow_role = {"id": "2", "type": 0, "allow": str(SEND), "deny": "0"}
    deny_member = {"id": "5", "type": 1, "allow": "0", "deny": str(SEND)}

    def can_send(roles, overwrites, user="5"):
        return channel_permissions(
            guild=guild, member_roles=roles, user_id=user, overwrites=overwrites
        ).send_messages

    assert can_send([], [])
    assert not can_send([], [deny_everyone])
    assert can_send(["2"], [deny_everyone, allow_role])
    assert not can_send(["2"], [deny_everyone, allow_role, deny_member])
    assert can_send([], [deny_everyone], user="9")  # the owner can do anything
    admin = {**guild, "roles": [*guild["roles"], p.role("3", "Admin", permissions=1 << 3)]}
    assert (
        channel_permissions(
            guild=admin, member_roles=["3"], user_id="5", overwrites=[deny_everyone]
        )
        == discord.Permissions.all()
    )
