"""`victories doctor` tells "cannot reach" apart from "token refused", for each platform,
and prints only its own findings (no library warnings)."""

from __future__ import annotations

import pytest
from aiohttp import web

from tests.reliability.bot_process import BotProcess
from tests.reliability.community import Community

CLOSED = "http://127.0.0.1:9"  # the discard port: connection refused
PORTAL = "<html><body>Please sign in to the guest Wi-Fi</body></html>"
LIBRARY_NOISE = ("PyNaCl", "davey", "Guilds intent", "will be unused", "Traceback")


@pytest.fixture
async def captive_portal():
    """A proxy or captive portal: answers every request with a web page."""

    async def page(request: web.Request) -> web.Response:
        return web.Response(text=PORTAL, content_type="text/html")

    app = web.Application()
    app.router.add_route("*", "/{tail:.*}", page)
    runner = web.AppRunner(app)
    await runner.setup()
    site = web.TCPSite(runner, "127.0.0.1", 0)
    await site.start()
    yield f"http://127.0.0.1:{site._server.sockets[0].getsockname()[1]}"
    await runner.cleanup()


# case -> (what to break, the finding expected, its fix)
CASES = {
    "slack token refused": (
        "slack-refuse",
        "FIX  slack: bot token refused (invalid_auth)",
        "SLACK_BOT_TOKEN",
    ),
    "slack unreachable": ("slack-closed", "FIX  slack: cannot reach Slack", "DNS"),
    "slack behind a portal": (
        "slack-portal",
        "FIX  slack: something other than Slack answered (HTTP 200",
        "HTTPS_PROXY",
    ),
    "discord token refused": ("discord-refuse", "FIX  discord: the token was refused", "Reset"),
    "discord unreachable": ("discord-closed", "FIX  discord: cannot reach Discord", "DNS"),
    "discord behind a portal": (
        "discord-portal",
        "FIX  discord: something other than Discord answered",
        "proxy",
    ),
}


@pytest.mark.parametrize("case", CASES.values(), ids=list(CASES))
async def test_doctor_tells_unreachable_from_refused(community: Community, captive_portal, case):
    broken, finding, fix = case
    env = community.env()
    if broken == "slack-refuse":
        community.slack.refuse("auth.test", "invalid_auth", times=5)
    elif broken == "slack-closed":
        env["SLACK_API_URL"] = f"{CLOSED}/api/"
    elif broken == "slack-portal":
        env["SLACK_API_URL"] = f"{captive_portal}/api/"
    elif broken == "discord-refuse":
        community.discord.fail("GET", r"^/users/@me$", kind="401", times=5)
    elif broken == "discord-closed":
        env["DISCORD_API_URL"] = f"{CLOSED}/api/v10"
    else:
        env["DISCORD_API_URL"] = f"{captive_portal}/api/v10"
    code, out, err = await BotProcess(community.workdir, env).run_once("doctor")
    assert code == 1, out + err
    lines = out.splitlines()
    index = next((i for i, line in enumerate(lines) if line.startswith(finding)), None)
    assert index is not None, out
    assert fix in lines[index + 1]
    other = "discord" if broken.startswith("slack") else "slack"
    assert any(line.startswith(f"ok   {other}: ") for line in lines), "the other one is checked"


async def test_doctor_output_has_only_its_own_findings(community: Community):
    code, out, err = await BotProcess(community.workdir, community.env()).run_once("doctor")
    assert code == 0, out + err
    for noise in LIBRARY_NOISE:
        assert noise not in out + err, noise
