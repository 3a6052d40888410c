"""`.env.example` lists every setting the bot reads from the environment."""

from dataclasses import fields
from pathlib import Path

from adapters.environment import ALIASES, NAMES, Environment

ROOT = Path(__file__).resolve().parents[1]


def test_every_environment_variable_is_documented():
    lines = (ROOT / ".env.example").read_text().splitlines()
    documented = {
        line.split("=", 1)[0] for line in lines if "=" in line and not line.startswith("#")
    }
    expected = {
        NAMES.get(f.name, f.name.upper()) for f in fields(Environment) if f.name not in ALIASES
    } | {name for names in ALIASES.values() for name in names}
    assert expected == documented
    for index, line in enumerate(lines):  # each one has a comment just above it
        if "=" in line and not line.startswith("#"):
            assert lines[index - 1].startswith("#"), line


def test_the_database_lock_file_is_git_ignored():
    import subprocess

    result = subprocess.run(
        ["git", "check-ignore", "--no-index", "-q", "victories.db.lock"], cwd=ROOT
    )
    assert result.returncode == 0, "victories.db.lock should be listed in .gitignore"
