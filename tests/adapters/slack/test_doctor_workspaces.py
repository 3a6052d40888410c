"""`victories doctor` with a distributed app: each installed workspace's token is tried
with auth.test, with that workspace's token from the installation store. Two workspaces
installed through the real OAuth flow; the fake Slack then stops honouring one's token."""

from __future__ import annotations

import argparse
import asyncio
import dataclasses

from adapters import doctor_cli
from tests.adapters.slack.test_distribution import (  # noqa: F401 (a fixture)
    TOKENS,
    A,
    B,
    installer,
    set_up,
)
from tests.conftest import make_config

REVOKED = (
    "community beta-club: slack workspace TB: token refused (invalid_auth): revoked or invalid"
)


async def test_each_workspace_token_is_checked_and_a_revoked_one_named(installer):  # noqa: F811
    for ws in (A, B):
        await set_up(installer, ws)
    installer.api.revoke("TB")  # Beta Club's token no longer works; the store still has it
    installer.api.calls.clear()
    found = {f.what: f for f in await installer.surface.diagnose()}
    alpha = "community alpha-org: slack workspace TA: signed in as victories in Alpha Org"
    assert found[alpha].ok
    assert not found[REVOKED].ok and "installs the app again" in found[REVOKED].fix
    # Each workspace was asked with its own token.
    assert sorted(installer.api.tokens_used("auth.test")) == sorted(TOKENS.values())


async def test_doctor_prints_the_revoked_workspace_without_a_traceback(
    installer,  # noqa: F811 (the fixture imported above)
    db_path,
    capsys,
):
    for ws in (A, B):
        await set_up(installer, ws)
    installer.api.revoke("TB")
    env = dataclasses.replace(installer.surface_env, db_path=str(db_path))
    args = argparse.Namespace(community=None)
    # The command runs its own event loop, as from a shell; the fakes keep serving here.
    code = await asyncio.to_thread(doctor_cli.main, args, make_config(), env)
    printed = capsys.readouterr()
    assert code == 1
    assert f"FIX  {REVOKED}" in printed.out
    assert "ok   community alpha-org: slack workspace TA: signed in" in printed.out
    assert "Traceback" not in printed.out + printed.err
