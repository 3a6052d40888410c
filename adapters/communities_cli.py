"""`victories communities`: every community this deployment serves, one line each."""

from __future__ import annotations

import argparse
import asyncio

from adapters.environment import Environment
from bot.config import Config


def add_arguments(parser: argparse.ArgumentParser) -> None:
    pass


async def lines(config: Config, env: Environment) -> list[str]:
    from bot.core import Core
    from bot.store.database import Store

    store = Store(env.db_path)
    try:
        core = Core(store=store, config=config)
        out = []
        for community in await core.communities.every():
            places = await core.communities.places(community)
            where = ", ".join(f"{platform} {place}" for platform, place in places) or "no platform"
            upcoming = await core.issues.next_issue(community)
            latest = await core.issues.latest(community)
            last = f"Issue {latest.issue.number}" if latest else "none yet"
            state = "paused" if community.paused else "active"
            out.append(
                f"{community.slug}: {state}; {where}; next Issue {upcoming.issue} "
                f"{upcoming.when}; last {last}"
            )
        return out
    finally:
        store.close()


def main(args: argparse.Namespace, config: Config, env: Environment) -> int:
    for line in asyncio.run(lines(config, env)):
        print(line)
    return 0
