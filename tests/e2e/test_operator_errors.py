"""Every misconfiguration ends in one message naming what to fix and a non-zero exit.

Each row runs the real `victories` command in a fresh folder: the files to write there,
the environment to add, the command, and the words the message must contain.
"""

import datetime as dt
import os
import shutil
import stat
from zoneinfo import ZoneInfo

import pytest

from tests.e2e.test_console import clean_env, victories

NOT_UTF8 = b"community:\n  name: Caf\xe9\n"

# id: (files, environment, arguments, exit code, words the message must contain)
CASES = {
    "slack token without app token or secret (run)": (
        {},
        {"SLACK_BOT_TOKEN": "xoxb-1"},
        ["run"],
        2,
        ["SLACK_BOT_TOKEN", "SLACK_APP_TOKEN", "SLACK_SIGNING_SECRET"],
    ),
    "slack token without app token or secret (doctor finding)": (
        {},
        {"SLACK_BOT_TOKEN": "xoxb-1"},
        ["doctor"],
        1,
        ["FIX  SLACK_BOT_TOKEN is set", "SLACK_SIGNING_SECRET"],
    ),
    "port that is not a number": (
        {},
        {"SLACK_HTTP_PORT": "abc"},
        ["preview"],
        2,
        ["SLACK_HTTP_PORT", "'abc'"],
    ),
    "database in a missing folder": (
        {},
        {"VICTORIES_DB": "{tmp}/nowhere/victories.db"},
        ["run"],
        2,
        ["VICTORIES_DB=", "nowhere does not exist"],
    ),
    "database path is a folder": (
        {"data/.keep": ""},
        {"VICTORIES_DB": "{tmp}/data"},
        ["preview"],
        2,
        ["VICTORIES_DB=", "is a folder"],
    ),
    "database file is not a database": (
        {"notes.txt": "hello\n" * 200},
        {"VICTORIES_DB": "{tmp}/notes.txt"},
        ["run"],
        2,
        ["VICTORIES_DB=", "not a SQLite database"],
    ),
    "doctor on a file that is not a database": (
        {"notes.txt": "hello\n" * 200},
        {"VICTORIES_DB": "{tmp}/notes.txt"},
        ["doctor"],
        1,
        ["FIX  database: VICTORIES_DB=", "not a SQLite database"],
    ),
    "holiday that is not a date": (
        {"victories.yaml": "schedule:\n  holidays: [2026-13-45]\n"},
        {},
        ["preview"],
        2,
        ["victories.yaml", "schedule.holidays", "2026-13-45"],
    ),
    "--config naming a folder": (
        {"conf/.keep": ""},
        {},
        ["preview", "--config", "conf"],
        2,
        ["conf", "is a folder"],
    ),
    "settings file that is not UTF-8": (
        {"victories.yaml": NOT_UTF8},
        {},
        ["preview"],
        2,
        ["victories.yaml", "not UTF-8"],
    ),
    "duplicate key": (
        {"victories.yaml": "community:\n  name: A\n  name: B\n"},
        {},
        ["preview"],
        2,
        ["victories.yaml", "name", "appears twice", "lines 2 and 3"],
    ),
    "same emoji for two decisions": (
        {"victories.yaml": "emoji:\n  approve: x\n"},
        {},
        ["preview"],
        2,
        ["victories.yaml", "emoji.reject", "emoji.approve"],
    ),
    "base_url that is not http(s)": (
        {"victories.yaml": "archive:\n  base_url: ftp://example.org/\n"},
        {},
        ["preview"],
        2,
        ["archive.base_url", "http(s)"],
    ),
    "unquoted time": (
        {"victories.yaml": "schedule:\n  time: 10:00\n"},
        {},
        ["preview"],
        2,
        ["schedule.time", "quote it", '"10:00"'],
    ),
}


def write_files(tmp_path, files):
    for name, content in files.items():
        path = tmp_path / name
        path.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(content, bytes):
            path.write_bytes(content)
        else:
            path.write_text(content)


@pytest.mark.parametrize("case", CASES.values(), ids=list(CASES))
def test_misconfiguration_names_what_to_fix(tmp_path, case):
    files, extra, args, code, words = case
    write_files(tmp_path, files)
    env = clean_env(tmp_path)
    env.update({k: v.format(tmp=tmp_path) for k, v in extra.items()})
    result = victories(tmp_path, *args, env=env)
    said = result.stdout + result.stderr
    assert result.returncode == code, said
    assert "Traceback" not in said
    for word in words:
        assert word in said


def test_fixed_offset_zone_is_a_warning_not_a_refusal(tmp_path):
    write_files(tmp_path, {"victories.yaml": "community:\n  timezone: EST\n"})
    result = victories(tmp_path, "preview")
    assert result.returncode == 0, result.stderr
    assert "warning: victories.yaml: community.timezone: 'EST'" in result.stderr
    assert "daylight saving" in result.stderr
    doctor = victories(tmp_path, "doctor")
    assert "FIX  victories.yaml: community.timezone" in doctor.stdout


def test_place_zones_without_daylight_saving_are_not_warned_about(tmp_path):
    write_files(tmp_path, {"victories.yaml": "community:\n  timezone: Asia/Tokyo\n"})
    result = victories(tmp_path, "preview")
    assert result.returncode == 0 and "warning" not in result.stderr


def test_config_is_accepted_before_or_after_the_command(tmp_path):
    write_files(tmp_path, {"mine.yaml": "community:\n  name: Tenants United\n"})
    before = victories(tmp_path, "--config", "mine.yaml", "preview")
    after = victories(tmp_path, "preview", "--config", "mine.yaml")
    assert before.returncode == after.returncode == 0, before.stderr + after.stderr
    assert before.stdout.startswith("Tenants United — Issue 1")
    assert after.stdout == before.stdout
    doctor = victories(tmp_path, "--config", "mine.yaml", "doctor")
    assert "settings: mine.yaml" in doctor.stdout


@pytest.fixture
def shared(tmp_path):
    from tests.e2e.unprivileged import shared_folder

    folder = shared_folder()
    yield folder
    shutil.rmtree(folder, ignore_errors=True)


def test_a_database_that_cannot_be_written_is_refused_and_doctor_says_so(tmp_path, shared):
    from tests.e2e.unprivileged import as_unprivileged_user

    folder = shared
    db = folder / "victories.db"
    victories(
        tmp_path,
        "run",
        stdin="/victory First\n",
        env={**clean_env(tmp_path), "VICTORIES_DB": str(db)},
    )
    os.chmod(db, stat.S_IRUSR | stat.S_IRGRP | stat.S_IROTH)  # read-only for everyone
    env = {**clean_env(tmp_path), "VICTORIES_DB": str(db)}
    run = as_unprivileged_user(["run"], env=env, cwd=folder, stdin="/victory Second\n")
    assert run.returncode == 2, run.stdout + run.stderr
    assert "VICTORIES_DB=" in run.stderr and "cannot be written" in run.stderr
    assert "Traceback" not in run.stdout + run.stderr
    doctor = as_unprivileged_user(["doctor"], env=env, cwd=folder)
    assert doctor.returncode == 1
    assert "cannot be written" in doctor.stdout and "All good" not in doctor.stdout


def test_cli_preview_and_chat_preview_show_the_same_date(tmp_path):
    # Due two days from now, so "today" (what the CLI used to show) is another date.
    due = dt.datetime.now(ZoneInfo("America/New_York")) + dt.timedelta(days=2)
    weekday = due.strftime("%A")
    write_files(tmp_path, {"victories.yaml": f"schedule:\n  weekday: {weekday.lower()}\n"})
    cli = victories(tmp_path, "preview")
    chat = victories(tmp_path, "run", stdin="/victories preview\n")
    assert cli.returncode == chat.returncode == 0, cli.stderr + chat.stderr
    cli_date = cli.stdout.splitlines()[2]
    assert cli_date.startswith(f"{weekday}, ")
    assert any(line.endswith(cli_date) for line in chat.stdout.splitlines()), chat.stdout


def test_doctor_flags_the_example_base_url_when_the_archive_is_exported(tmp_path):
    write_files(tmp_path, {"victories.yaml": "archive:\n  out: site\n"})
    result = victories(tmp_path, "doctor")
    assert result.returncode == 1
    assert "FIX  archive.base_url is still the example https://example.org/victories/" in (
        result.stdout
    )
    assert "set archive.base_url" in result.stdout
    assert "ok   free disk beside the database: " in result.stdout
    assert "ok   database: " in result.stdout and "can be written" in result.stdout
    write_files(
        tmp_path,
        {"victories.yaml": "archive:\n  out: site\n  base_url: https://tenants.example.net/\n"},
    )
    assert victories(tmp_path, "doctor").returncode == 0
