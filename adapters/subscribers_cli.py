"""``victories subscribers import FILE.csv [--confirmed]`` and ``victories subscribers
export [--out FILE.csv]``: the email audience, to and from Mailchimp, Buttondown and the
like (their "Email Address" or "email" column)."""

from __future__ import annotations

import argparse
import asyncio
import csv
import io
import sys
from pathlib import Path

from adapters.environment import Environment
from bot.config import Config

COLUMNS = ("email address", "email", "e-mail")  # Mailchimp, Buttondown, others


def add_arguments(parser: argparse.ArgumentParser) -> None:
    sub = parser.add_subparsers(dest="action", metavar="ACTION", required=True)
    load = sub.add_parser("import", help="add readers from an audience export (CSV)")
    load.add_argument("file", help="CSV with an 'Email Address' (or 'email') column")
    load.add_argument(
        "--confirmed",
        action="store_true",
        help="these readers already agreed to get the newsletter: send no confirmation",
    )
    save = sub.add_parser("export", help="write the confirmed readers as CSV")
    save.add_argument("--out", help="file to write (default: standard output)")
    for each in (load, save):
        each.add_argument("--community", help="the community's slug (default: the first)")


def addresses_in(text: str) -> list[str]:
    """Every address in the CSV's email column; ``ValueError`` if there is none."""
    reader = csv.DictReader(io.StringIO(text.lstrip("\ufeff")))
    column = next(
        (name for name in reader.fieldnames or [] if name.strip().lower() in COLUMNS), None
    )
    if column is None:
        raise ValueError("no 'Email Address' or 'email' column in the first line")
    return [row[column] for row in reader if row.get(column)]


async def _run(args: argparse.Namespace, config: Config, env: Environment) -> int:
    from adapters.email_setup import attach_email
    from bot.core import Core
    from bot.model import Refusal
    from bot.store.database import Store

    store = Store(env.db_path)
    core = Core(store=store, config=config, secret_key=env.secret_key)
    try:
        community = core.community
        if args.community:
            found = await core.communities.by_slug(args.community)
            if found is None:
                print(f"error: no community {args.community!r}", file=sys.stderr)
                return 2
            community = found
        if args.action == "export":
            out = io.StringIO()
            writer = csv.writer(out)
            writer.writerow(["Email Address"])
            writer.writerows([address] for address in await core.subscribers.export(community))
            if args.out:
                Path(args.out).write_text(out.getvalue(), encoding="utf-8")
            else:
                sys.stdout.write(out.getvalue())
            return 0
        if not args.confirmed and not env.smtp_url:
            print(
                "error: without --confirmed each reader gets a confirmation email, and "
                "SMTP_URL is not set",
                file=sys.stderr,
            )
            return 2
        try:
            addresses = addresses_in(Path(args.file).read_text(encoding="utf-8-sig"))
        except (OSError, ValueError) as err:
            print(f"error: {args.file}: {err}", file=sys.stderr)
            return 2
        setup = attach_email(core, env, None) if env.smtp_url else None
        try:
            done = await core.subscribers.import_addresses(
                community, addresses, confirmed=args.confirmed
            )
        except Refusal as refusal:
            from bot.messages import fill

            print(f"error: {fill(refusal.key, **refusal.fields)}", file=sys.stderr)
            return 1
        finally:
            if setup is not None:
                await setup.mailer.close()
        from bot.messages import fill

        print(fill("subscribers_imported", **done.__dict__))
        return 0
    finally:
        store.close()


def main(args: argparse.Namespace, config: Config, env: Environment) -> int:
    return asyncio.run(_run(args, config, env))
