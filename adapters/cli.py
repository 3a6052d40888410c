"""The ``victories`` command line."""

from __future__ import annotations

import argparse
import asyncio
import logging
import sys

from adapters.environment import Environment, read_environment, setup_problems
from adapters.log_noise import quiet_library_noise
from adapters.log_output import log_to_stderr
from bot import __version__
from bot.config import Config, ConfigError, load_config
from bot.store.lock import AlreadyRunning
from bot.store.preflight import database_problem


def _parser(argv: list[str] | None = None) -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="victories",
        description="Small Victories: members share good news, editors approve it, "
        "and every week the bot publishes it as a numbered issue.",
    )
    parser.add_argument("--version", action="version", version=f"victories {__version__}")
    config_help = (
        "YAML settings file (default: ./victories.yaml, "
        "or the built-in demo settings if it does not exist)"
    )
    # Accepted before or after the command; SUPPRESS keeps the subcommand's default from
    # overwriting a --config given before it.
    parser.add_argument("--config", help=config_help)
    common = argparse.ArgumentParser(add_help=False)
    common.add_argument("--config", help=config_help, default=argparse.SUPPRESS)
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    sub.add_parser(
        "run",
        parents=[common],
        help="run the bot: every configured platform "
        "(or the console when no token is set) and the weekly schedule",
    )
    sub.add_parser("preview", parents=[common], help="print the next issue as it stands")
    publish = sub.add_parser("publish", parents=[common], help="publish the next issue")
    publish.add_argument(
        "--now",
        action="store_true",
        required=True,
        help="publish right away instead of waiting for the schedule",
    )
    # Only the command being run is imported (some pull in a platform library).
    wanted = next((word for word in argv or [] if word in EXTRA_COMMANDS), None)
    for name, target in EXTRA_COMMANDS.items():
        module_parser = sub.add_parser(name, parents=[common], help=EXTRA_HELP.get(name))
        if name == wanted:
            _extra(target).add_arguments(module_parser)
    return parser


# Commands that live in their own modules: name -> "module" or "module:Class", either
# having add_arguments(parser) and main(args, config, env) -> int. Their help lines live
# here so that listing the commands imports none of them.
EXTRA_COMMANDS: dict[str, str] = {
    "backup": "adapters.backup_cli",
    "restore": "adapters.backup_cli:Restore",
    "doctor": "adapters.doctor_cli",
    "export": "adapters.archive_cli",
    "import": "adapters.archive_cli:Import",
    "discord-invite": "adapters.discord.invite",
    "communities": "adapters.communities_cli",
    "subscribers": "adapters.subscribers_cli",
}
EXTRA_HELP = {
    "backup": "copy the database to FILE (safe while the bot runs)",
    "restore": "replace the database with a backup FILE (stop the bot first)",
    "doctor": "check settings, database, tokens, permissions and channels; print what to fix",
    "export": "write the archive website, feed and Markdown (or a JSON dump)",
    "import": "load past issues from Markdown files or a JSON dump",
    "discord-invite": "print the link that adds the bot to a Discord server",
    "communities": "list every community: platforms, next issue and when, last issue, paused",
    "subscribers": "email readers: import FILE.csv [--confirmed] or export [--out FILE.csv]",
}


def _extra(target: str):
    import importlib

    module, _, attribute = target.partition(":")
    loaded = importlib.import_module(module)
    return getattr(loaded, attribute) if attribute else loaded


def _setup_logging(env: Environment, *, console: bool) -> None:
    level = (env.log_level or ("WARNING" if console else "INFO")).upper()
    log_to_stderr(level)
    quiet_library_noise()


def _preview(config: Config, env: Environment) -> int:
    from bot.store.database import Store

    store = Store(env.db_path)
    try:
        from bot.core import Core

        async def show() -> str:
            from bot.issues.layout import issue_document
            from bot.render.plain import render_plain

            core = Core(store=store, config=config)
            # The same date as /victories preview: the day the next issue is due.
            view = await core.issues.preview_next(core.community)
            return render_plain(issue_document(view, config=config))

        print(asyncio.run(show()))
    finally:
        store.close()
    return 0


def _publish(config: Config, env: Environment) -> int:
    from adapters.bootstrap import open_bot, start_surfaces

    async def publish() -> int:
        bot = open_bot(config, env)
        try:
            await start_surfaces(bot)
            from bot.issues import notices
            from bot.render.plain import render_plain

            result = await bot.core.issues.publish(bot.core.community, force=True)
            print(render_plain(notices.published(result)))
            return 0 if result.ok else 1
        finally:
            await bot.stop()

    return asyncio.run(publish())


# Commands that open VICTORIES_DB; doctor reports the same checks as findings instead.
USES_DATABASE = {"run", "preview", "publish", "backup", "export", "import", "subscribers"}


def preflight(command: str, env: Environment) -> str | None:
    """Why ``command`` cannot start in this environment, naming what to fix."""
    if command in ("run", "publish"):
        problems = setup_problems(env)
        if problems:
            return problems[0]
    if command in USES_DATABASE:
        return database_problem(env.db_path)
    return None


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    args = _parser(argv).parse_args(argv)
    if not args.command:
        _parser().print_help()
        return 2
    try:
        env = read_environment()
    except ValueError as err:
        print(f"error: bad environment setting: {err}", file=sys.stderr)
        return 2
    _setup_logging(env, console=not env.platforms)
    try:
        config = load_config(args.config or env.config_path)
    except ConfigError as err:
        print(f"error: {err}", file=sys.stderr)
        return 2
    for warning in config.warnings:
        print(f"warning: {warning}", file=sys.stderr)
    refusal = preflight(args.command, env)
    if refusal:
        print(f"error: {refusal}", file=sys.stderr)
        return 2
    try:
        if args.command == "run":
            from adapters.bootstrap import run

            asyncio.run(run(config, env))
            return 0
        if args.command == "preview":
            return _preview(config, env)
        if args.command == "publish":
            return _publish(config, env)
        return _extra(EXTRA_COMMANDS[args.command]).main(args, config, env)
    except AlreadyRunning as err:
        print(f"error: {err}", file=sys.stderr)
        return 3
    except KeyboardInterrupt:
        return 130
    except Exception as err:  # never a traceback for the operator; the log keeps it
        logging.getLogger("victories").debug("unexpected error", exc_info=True)
        print(
            f"error: {args.command} failed: {type(err).__name__}: {err} "
            "(set LOG_LEVEL=DEBUG to see where)",
            file=sys.stderr,
        )
        return 1


if __name__ == "__main__":
    sys.exit(main())
