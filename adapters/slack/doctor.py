"""`victories doctor` for Slack: token, scopes, channels, moderators and the connection mode.

Uses only Web API reads (plus apps.connections.open, which just issues a URL), so it is
safe while the bot itself is running.
"""

from __future__ import annotations

import aiohttp
from slack_sdk.errors import SlackApiError
from slack_sdk.web.async_client import AsyncWebClient

from adapters.slack.client import API_ERRORS
from bot.config import Slack
from bot.surfaces import Finding

# What the adapter calls, by scope (keep in step with manifest.yaml).
REQUIRED_SCOPES = (
    "chat:write",
    "commands",
    "reactions:read",
    "im:write",
    "users:read",
    "usergroups:read",
    "channels:history",
    "groups:history",
)
CHANNEL_FIXES = {
    "not_in_channel": "invite the bot: type `/invite @Small Victories` in that channel",
    "channel_not_found": "check the channel ID in victories.yaml (channel details → About)",
    "missing_scope": "add the channels:history and groups:history scopes and reinstall the app",
}


def token_refused(err: Exception) -> Finding:
    return Finding(
        False,
        f"slack: bot token refused ({_error(err)})",
        "copy the Bot User OAuth Token (xoxb-…) into SLACK_BOT_TOKEN",
    )


def _not_slack(err: Exception) -> bool:
    """Slack always answers JSON with an error code; anything else came from elsewhere."""
    return isinstance(err, SlackApiError) and not err.response.get("error")


def unreachable(platform: str, name: str, err: Exception) -> Finding | None:
    """Tell "cannot reach" (DNS, refused, timeout, a proxy's page) from "token refused"."""
    if isinstance(err, SlackApiError) and _not_slack(err):
        status = getattr(err.response, "status_code", "?")
        return Finding(
            False,
            f"{platform}: something other than {name} answered (HTTP {status}, not {name}'s "
            "JSON): a proxy, firewall or captive portal is in the way",
            "let the machine reach slack.com over HTTPS (check HTTPS_PROXY and the firewall)",
        )
    if isinstance(err, (OSError, TimeoutError, aiohttp.ClientError)):
        return Finding(
            False,
            f"{platform}: cannot reach {name} ({type(err).__name__}: {' '.join(str(err).split())})",
            "check the network, DNS and firewall (and HTTPS_PROXY); the token was not tried",
        )
    return None


def _error(err: Exception) -> str:
    return err.response.get("error", "") if isinstance(err, SlackApiError) else repr(err)


async def diagnose(web: AsyncWebClient, *, settings: Slack, app_token: str | None) -> list[Finding]:
    try:
        who = await web.auth_test()
    except API_ERRORS as err:
        return [unreachable("slack", "Slack", err) or token_refused(err)]
    findings = [Finding(True, f"slack: signed in as {who.get('user')} in {who.get('team')}")]
    granted = {s.strip() for s in (who.headers.get("x-oauth-scopes") or "").split(",") if s.strip()}
    missing = [scope for scope in REQUIRED_SCOPES if scope not in granted]
    findings.append(
        Finding(
            not missing,
            f"slack: scopes{' missing: ' + ', '.join(missing) if missing else ''}",
            "create the app from adapters/slack/manifest.yaml, or add the scopes and reinstall it",
        )
    )
    channels = [("review", settings.review_channel)] if settings.review_channel else []
    channels += [("digest", channel) for channel in settings.digest_channels]
    if not channels:
        findings.append(
            Finding(
                False,
                "slack: no review or digest channel configured",
                "set slack.review_channel and slack.digest_channels",
            )
        )
    for role, channel in channels:
        findings.append(await _channel(web, role, channel))
    findings += await _moderators(web, settings)
    findings.append(await _connection(web, app_token))
    return findings


async def _channel(web: AsyncWebClient, role: str, channel: str) -> Finding:
    # Reading history is what find_part needs, and it fails when the bot is not a member.
    try:
        await web.conversations_history(channel=channel, limit=1)
    except API_ERRORS as err:
        code = _error(err)
        return Finding(
            False,
            f"slack: {role} channel {channel}: {code}",
            CHANNEL_FIXES.get(code, "check the channel and the bot's access to it"),
        )
    return Finding(True, f"slack: {role} channel {channel}: bot is a member")


async def _moderators(web: AsyncWebClient, settings: Slack) -> list[Finding]:
    if not settings.moderator_users and not settings.moderator_usergroups:
        return [
            Finding(
                False,
                "slack: no moderators configured",
                "list member IDs or user group IDs under slack.moderators",
            )
        ]
    findings = []
    for group in settings.moderator_usergroups:
        try:
            users = (await web.usergroups_users_list(usergroup=group))["users"]
            findings.append(Finding(True, f"slack: user group {group}: {len(users)} members"))
        except API_ERRORS as err:
            findings.append(
                Finding(
                    False,
                    f"slack: user group {group}: {_error(err)}",
                    "user groups need a paid plan and the usergroups:read scope; "
                    "or list editors under slack.moderators.users",
                )
            )
    return findings


async def _connection(web: AsyncWebClient, app_token: str | None) -> Finding:
    if not app_token:
        return Finding(
            True, "slack: HTTP mode (no SLACK_APP_TOKEN): Slack must reach /slack/events"
        )
    try:
        await web.apps_connections_open(app_token=app_token)
    except API_ERRORS as err:
        return Finding(
            False,
            f"slack: Socket Mode app token refused ({_error(err)})",
            "generate an app-level token with connections:write into SLACK_APP_TOKEN, "
            "and enable Socket Mode in the app settings",
        )
    return Finding(True, "slack: Socket Mode app token accepted")
