"""``victories export`` (the archive website, or a lossless JSON dump) and ``victories import``
(past issues from Markdown files or such a dump)."""

from __future__ import annotations

import argparse
import asyncio
import sys
from pathlib import Path

from adapters.environment import Environment
from bot.archive.service import Archive
from bot.clock import SystemClock
from bot.config import Config
from bot.model import DEFAULT_COMMUNITY, Community


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--out",
        help="folder for the website (default: archive.out in the "
        "settings); with --format json, the file to write (default: stdout)",
    )
    parser.add_argument(
        "--format",
        choices=("site", "json"),
        default="site",
        help="site: HTML pages, feed and Markdown files; json: a dump that "
        "`victories import` reads back",
    )


def main(args: argparse.Namespace, config: Config, env: Environment) -> int:
    from bot.store.database import Store

    if args.format == "site" and not (args.out or config.archive.out):
        print(
            "error: say where to write the site: --out DIR (or archive.out in the settings)",
            file=sys.stderr,
        )
        return 2
    store = Store(env.db_path)
    archive, community = Archive(store), Community(1, DEFAULT_COMMUNITY, config)
    try:
        if args.format == "json":
            text = archive.dump(community)
            if args.out in (None, "-"):
                sys.stdout.write(text)
            else:
                Path(args.out).write_text(text, encoding="utf-8")
                print(f"wrote {args.out}")
            return 0
        out = args.out or config.archive.out
        assert out, "checked above"
        # With the email edition on, every page carries the sign-up form.
        signup = env.web_base_url.rstrip("/") if env.smtp_url and env.web_base_url else None
        if many := asyncio.run(_many_sites(store, archive, config, Path(out), signup)):
            print(f"exported {len(many)} archives to {out}:", *many, sep="\n  ")
            return 0
        report = archive.export(community, out, subscribe=signup and f"{signup}/subscribe")
        print(f"exported the archive to {out}: {report.summary()}")
        return 0
    finally:
        store.close()


async def _many_sites(
    store, archive: Archive, config: Config, out: Path, signup: str | None
) -> list[str]:
    """With several communities, one site each under <out>/<slug>/ (else nothing)."""
    from adapters.archive_sites import export_all
    from bot.core import Core

    core = Core(store=store, config=config)
    if await core.communities.count() < 2:
        return []
    return await export_all(core, archive, out, signup_base=signup)


class Import:
    @staticmethod
    def add_arguments(parser: argparse.ArgumentParser) -> None:
        parser.add_argument(
            "source",
            metavar="FILE_OR_DIR",
            help="a Markdown file (one issue per title), a folder of them, "
            "or a JSON dump from `victories export --format json`",
        )

    @staticmethod
    def main(args: argparse.Namespace, config: Config, env: Environment) -> int:
        from bot.store.database import Store

        store = Store(env.db_path)
        try:
            community = Community(1, DEFAULT_COMMUNITY, config)
            report = Archive(store).import_from(community, args.source, now=SystemClock().now())
        finally:
            store.close()
        problems = {str(problem) for problem in report.problems}
        for line in report.lines():
            print(line, file=sys.stderr if line in problems else sys.stdout)
        return 1 if report.problems and not report.imported else 0
