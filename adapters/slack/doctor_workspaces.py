"""`victories doctor` for a distributed app: each installed workspace's own token.

Every community on Slack acts with the bot token its workspace's install left in the
installation store, so each is tried with auth.test on its own: one revoked or invalid
token is reported for its community and does not hide the others.
"""

from __future__ import annotations

from adapters.slack.client import API_ERRORS
from adapters.slack.doctor import _error, unreachable
from adapters.slack.workspaces import PLATFORM, Workspaces
from bot.communities.installations import SecretKeyError
from bot.model import Community
from bot.surfaces import Finding

REINSTALL = "an admin of that workspace installs the app again from /slack/install"


async def diagnose(workspaces: Workspaces) -> list[Finding]:
    communities = await workspaces.core.communities.every()
    findings = []
    for community in communities:
        team = await workspaces.core.communities.place_of(community, PLATFORM)
        if team is not None:
            findings.append(await _workspace(workspaces, community, team))
    if not findings:
        findings.append(Finding(True, "slack: no workspace has installed the app yet", ""))
    return findings


async def _workspace(workspaces: Workspaces, community: Community, team: str) -> Finding:
    name = f"community {community.slug}: slack workspace {team}"
    try:
        token = await workspaces.token_of(team)
    except SecretKeyError as err:
        return Finding(False, f"{name}: its token cannot be read ({err})", REINSTALL)
    if token is None:
        return Finding(False, f"{name}: no token (the app was removed or revoked)", REINSTALL)
    try:
        who = await workspaces.client(token).auth_test()
    except API_ERRORS as err:
        found = unreachable("slack", "Slack", err)
        if found is not None:
            return found
        return Finding(
            False, f"{name}: token refused ({_error(err)}): revoked or invalid", REINSTALL
        )
    return Finding(True, f"{name}: signed in as {who.get('user')} in {who.get('team')}")
