"""`victories doctor` as a process with both platforms configured: a good set-up passes
(exit 0); a missing scope or a channel the bot cannot use fails (exit 1) and says what to
fix, on Slack and on Discord."""

from __future__ import annotations

from tests.reliability.bot_process import BotProcess
from tests.reliability.community import SLACK_REVIEW, Community


async def test_a_good_setup_passes(community: Community):
    doctor = BotProcess(community.workdir, community.env())
    code, out, err = await doctor.run_once("doctor")
    assert code == 0, out + err
    assert "ok   slack: signed in as victories in Test" in out
    assert f"ok   slack: digest channel {community.slack_digests[0]}: bot is a member" in out
    assert "ok   slack: Socket Mode app token accepted" in out
    assert "ok   discord: logged in as" in out
    assert f"ok   discord: digest channel {community.discord_digests[0]} (#" in out
    assert out.strip().endswith("All good.")


async def test_problems_fail_with_what_to_fix(community: Community):
    community.slack.scopes.remove("channels:history")
    community.slack.outside_channels.add(SLACK_REVIEW)
    community.slack.missing_channels.add(community.slack_digests[0])
    for channel in community.discord.channels:  # nobody may post in the Discord digest
        if channel["id"] == community.discord_digests[0]:
            channel["permission_overwrites"] = [
                {"id": community.discord.guild_id, "type": 0, "allow": "0", "deny": str(1 << 11)}
            ]
    doctor = BotProcess(community.workdir, community.env())
    code, out, _ = await doctor.run_once("doctor")
    assert code == 1
    lines = out.splitlines()

    def fix_for(problem: str) -> str:
        index = next(i for i, line in enumerate(lines) if line.startswith(f"FIX  {problem}"))
        return lines[index + 1].strip()

    assert "reinstall" in fix_for("slack: scopes missing: channels:history")
    assert fix_for(f"slack: review channel {SLACK_REVIEW}: not_in_channel") == (
        "→ invite the bot: type `/invite @Small Victories` in that channel"
    )
    assert "check the channel ID" in fix_for(
        f"slack: digest channel {community.slack_digests[0]}: channel_not_found"
    )
    discord_problem = next(
        line
        for line in lines
        if line.startswith(f"FIX  discord: digest channel {community.discord_digests[0]}")
    )
    assert discord_problem.endswith("missing send messages")
    assert "Edit Channel" in fix_for(discord_problem.removeprefix("FIX  "))
    assert out.strip().endswith("4 thing(s) to fix.")
    assert not any(line.startswith("FIX  database") for line in lines)
