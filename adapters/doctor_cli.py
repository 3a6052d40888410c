"""`victories doctor`: check settings, database and every platform; print what to fix."""

from __future__ import annotations

import argparse
import asyncio

from adapters.doctor_settings import disk_finding, setting_findings
from adapters.environment import Environment, setup_problems
from bot.config import Config
from bot.core import Core
from bot.store.database import Store
from bot.store.health import database_findings
from bot.store.preflight import database_problem
from bot.surfaces import Finding


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--community", metavar="NAME", help="check this community only (default: every one)"
    )


async def platform_findings(config: Config, env: Environment, store: Store) -> list[Finding]:
    from adapters.bootstrap import platform_surfaces

    core = Core(store=store, config=config, secret_key=env.secret_key)
    surfaces = platform_surfaces(core, env)
    if not surfaces:
        return [Finding(True, "no platform token set: `victories run` starts the console bot", "")]
    findings = []
    for surface in surfaces:
        try:
            findings += await surface.diagnose()
        except Exception as err:  # a check that crashes is itself a finding
            findings.append(
                Finding(
                    False,
                    f"{surface.name}: the check failed: {err!r}",
                    "see the log above; check the token and network access",
                )
            )
    return findings


async def _communities(
    config: Config, env: Environment, store: Store, only: str | None
) -> list[Finding]:
    from adapters.doctor_communities import community_findings

    core = Core(store=store, config=config, secret_key=env.secret_key)
    return await community_findings(core, only)


def report(findings: list[Finding]) -> str:
    lines = []
    for finding in findings:
        lines.append(f"{'ok ' if finding.ok else 'FIX'}  {finding.what}")
        if not finding.ok and finding.fix:
            lines.append(f"     → {finding.fix}")
    problems = sum(not f.ok for f in findings)
    lines.append("All good." if not problems else f"{problems} thing(s) to fix.")
    return "\n".join(lines)


def main(args: argparse.Namespace, config: Config, env: Environment) -> int:
    findings = [Finding(True, f"settings: {config.source}")]
    findings += setting_findings(config, env)
    problem = database_problem(env.db_path)
    if problem:
        findings.append(
            Finding(False, f"database: {problem}", "fix the path, then run doctor again")
        )
        print(report(findings))
        return 1
    findings.append(Finding(True, f"database: {env.db_path} can be written"))
    findings.append(disk_finding(env.db_path))
    store = Store(env.db_path)
    try:
        findings += database_findings(store)
        findings += asyncio.run(_communities(config, env, store, getattr(args, "community", None)))
        setup = setup_problems(env)
        if setup:
            findings += [Finding(False, problem, "") for problem in setup]
        else:
            findings += asyncio.run(platform_findings(config, env, store))
    finally:
        store.close()
    print(report(findings))
    return 0 if all(f.ok for f in findings) else 1
