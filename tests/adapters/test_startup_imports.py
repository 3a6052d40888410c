"""Start-up loads only what the configured platforms need (issue 18, P4): building the
bot for Slack in HTTP mode and Discord, with its database open, leaves the libraries
that only some later step uses (tables for the JSON export, Babel's calendar data,
the archive's templates and Markdown, email) unimported."""

import subprocess
import sys

LATER = (
    *("sqlite_utils", "babel", "jinja2", "markdown_it", "premailer", "feedgen", "aiosmtplib"),
    "bot.email",  # our own email edition: SMTP_URL is not set
)

CODE = """
import sys
from adapters.bootstrap import open_bot
from adapters.environment import read_environment
from bot.config import parse_config
env = read_environment({{
    "VICTORIES_DB": {db!r},
    "SLACK_BOT_TOKEN": "xoxb-test", "SLACK_SIGNING_SECRET": "s", "SLACK_HTTP_PORT": "0",
    "DISCORD_TOKEN": "d", "DISCORD_APPLICATION_ID": "1",
}})
config = parse_config({{"slack": {{"review_channel": "C1", "digest_channels": ["C2"]}},
                        "discord": {{"review_channel": "1", "digest_channels": ["2"]}}}},
                      source="test")
bot = open_bot(config, env)
assert {{surface.name for surface in bot.surfaces}} == {{"slack", "discord"}}, bot.surfaces
print(" ".join(sorted(name for name in {later!r} if name in sys.modules)))
"""


def test_building_the_bot_imports_no_library_it_needs_only_later(tmp_path):
    code = CODE.format(db=str(tmp_path / "v.db"), later=LATER)
    done = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, cwd=tmp_path
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout.split() == []
