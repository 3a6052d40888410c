"""`victories backup FILE` and `victories restore FILE`."""

from __future__ import annotations

import argparse
import sys

from adapters.environment import Environment
from bot.config import Config
from bot.store.backup import BackupError, backup, check, restore
from bot.store.database import open_database
from bot.store.lock import ProcessLock


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("file", help="where to write the backup (must not exist yet)")


def main(args: argparse.Namespace, config: Config, env: Environment) -> int:
    open_database(env.db_path).close()  # make sure the schema exists before copying
    try:
        count = backup(env.db_path, args.file)
    except BackupError as err:
        print(f"error: {err}", file=sys.stderr)
        return 1
    print(f"Backed up {env.db_path} ({count} victories) to {args.file}.")
    return 0


class Restore:
    @staticmethod
    def add_arguments(parser: argparse.ArgumentParser) -> None:
        parser.add_argument("file", help="a file written by `victories backup`")

    @staticmethod
    def main(args: argparse.Namespace, config: Config, env: Environment) -> int:
        lock = ProcessLock(env.db_path)
        lock.acquire()  # refuses while the bot runs
        try:
            count = check(args.file)
            kept = restore(args.file, env.db_path, hold=lock.hold_too)
            open_database(env.db_path).close()  # upgrade an older backup's schema
        except BackupError as err:
            print(f"error: {err}", file=sys.stderr)
            return 1
        finally:
            lock.release()
        print(f"Restored {count} victories from {args.file} into {env.db_path}.")
        if kept:
            print(f"The previous database was kept as {kept}.")
        return 0
