"""The whole flow through the real `victories` entry point and `make run`, as a person uses it."""

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
VICTORIES = str(Path(sys.executable).with_name("victories"))
DEMO = (
    "/victory Council passed the tenant bill https://example.org/a thanks: Ana\n"
    "/victory The union vote won\n"
    "{switch}"
    "/react 1 white_check_mark\n"
    "/react 2 white_check_mark\n"
    "/react 2 star\n"
    "/victories publish now\n"
)


def clean_env(tmp_path: Path) -> dict:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("SLACK_", "DISCORD_"))}
    env["VICTORIES_DB"] = str(tmp_path / "victories.db")
    return env


def victories(tmp_path, *args, stdin="", env=None):
    return subprocess.run(
        [VICTORIES, *args],
        input=stdin,
        capture_output=True,
        text=True,
        cwd=tmp_path,
        env=env or clean_env(tmp_path),
        timeout=60,
    )


def issue_lines(stdout: str) -> list[str]:
    return [
        line.removeprefix("[#general] ")
        for line in stdout.splitlines()
        if line.startswith("[#general]")
    ]


def test_piped_console_session_publishes_issue_one(tmp_path):
    result = victories(tmp_path, "run", stdin=DEMO.format(switch=""))
    assert result.returncode == 0, result.stderr
    issue = issue_lines(result.stdout)
    assert issue[0] == "Small Victories — Issue 1"
    assert "1. The union vote won (Thanks, editor!)" in issue
    assert "2. Council passed the tenant bill https://example.org/a (Thanks, Ana!)" in issue
    assert "Issue 1 is out" in result.stdout


def test_a_non_moderator_approves_nothing(tmp_path):
    result = victories(tmp_path, "run", stdin=DEMO.format(switch="/as sam\n"))
    assert result.returncode == 0, result.stderr
    assert issue_lines(result.stdout) == []
    assert result.stdout.count("Only editors can do that.") == 4
    assert "Issue 1" not in result.stdout


def test_bad_input_gets_clear_messages(tmp_path):
    lines = [
        "/victory ",
        "/victory " + "x" * 10_000,
        "/victory see javascript:alert(1)",
        "/victory \x01\x02",
        "/react 9 white_check_mark",
        "/react x",
        "/frob",
        "/as",
    ]
    result = victories(tmp_path, "run", stdin="\n".join(lines) + "\n")
    assert result.returncode == 0, result.stderr
    out = result.stdout
    for expected in (
        "Share good news",
        "the limit is 600",
        "only web links",
        "is empty",
        "no review card for item #9",
        "Usage: /react",
        "I don't know",
        "Usage: /as",
    ):
        assert expected in out, expected
    assert "Traceback" not in result.stderr


def test_cli_preview_publish_version_and_bad_config(tmp_path):
    assert victories(tmp_path, "--version").stdout.startswith("victories ")
    victories(tmp_path, "run", stdin="/victory Park saved\n/react 1 white_check_mark\n")
    preview = victories(tmp_path, "preview")
    assert preview.returncode == 0 and "1. Park saved" in preview.stdout
    published = victories(tmp_path, "publish", "--now")
    assert published.returncode == 0, published.stderr
    assert "Issue 1 is out" in published.stdout
    again = victories(tmp_path, "publish", "--now")
    assert again.returncode == 1 and "no approved victories" in again.stdout
    (tmp_path / "victories.yaml").write_text("schedule: {weekday: fryday}\n")
    bad = victories(tmp_path, "run")
    assert bad.returncode == 2
    assert "victories.yaml: schedule.weekday: 'fryday' is not one of" in bad.stderr


def test_a_second_bot_on_the_same_database_refuses_to_start(tmp_path):
    first = subprocess.Popen(
        [VICTORIES, "run"],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        cwd=tmp_path,
        env=clean_env(tmp_path),
    )
    try:
        first.stdin.write("/help\n")
        first.stdin.flush()
        first.stdout.readline()  # it is up
        second = victories(tmp_path, "run", stdin="")
        assert second.returncode == 3
        assert "already running" in second.stderr
    finally:
        first.stdin.close()
        first.wait(timeout=30)


@pytest.mark.skipif(shutil.which("make") is None, reason="make is part of the documented set-up")
def test_make_run_starts_the_console_bot(tmp_path):
    result = subprocess.run(
        ["make", "-s", "-C", str(ROOT), "run"],
        input=DEMO.format(switch=""),
        capture_output=True,
        text=True,
        env=clean_env(tmp_path),
        timeout=600,
    )
    assert result.returncode == 0, result.stderr
    assert "Small Victories — Issue 1" in issue_lines(result.stdout)


def test_ctrl_c_ends_an_interactive_console_at_once(tmp_path):
    """At a terminal, Ctrl-C quits even while the bot waits for the next line."""
    import pty
    import signal
    import time

    pid, terminal = pty.fork()
    if pid == 0:  # the child: the bot, at a terminal
        # As in a terminal: a test runner started in the background inherits an ignored
        # SIGINT, which would pass to the bot through exec.
        signal.signal(signal.SIGINT, signal.SIG_DFL)
        os.chdir(tmp_path)
        os.execve(VICTORIES, [VICTORIES, "run"], clean_env(tmp_path))
    seen = b""
    deadline = time.monotonic() + 30
    while b"Ctrl-D to quit" not in seen and time.monotonic() < deadline:
        seen += os.read(terminal, 1000)
    os.kill(pid, signal.SIGINT)
    deadline = time.monotonic() + 10
    while (status := os.waitpid(pid, os.WNOHANG))[0] == 0:
        if time.monotonic() > deadline:
            os.kill(pid, signal.SIGKILL)
            raise AssertionError("the console did not stop on Ctrl-C")
        time.sleep(0.05)
    assert os.waitstatus_to_exitcode(status[1]) in (0, 130)
    os.close(terminal)


def test_two_communities_on_the_console_keep_apart_and_link(tmp_path):
    """`/community` makes and switches communities, so setup and linking can be tried
    with no tokens; each has its own numbers, channels and issue."""
    lines = (
        "/victory Library saved\n"
        "/community riverside\n"
        "/victories set community.name Riverside\n"
        "/victories set intake.cooldown 0s\n"
        "/victory Bridge repaired\n"
        "/victory Park reopened\n"
        "/react 2 white_check_mark\n"
        "/queue\n"
        "/victories publish now\n"
        "/community default\n"
        "/queue\n"
        "/victories link\n"
    )
    result = victories(tmp_path, "run", stdin=lines)
    assert result.returncode == 0, result.stderr
    out = result.stdout
    assert "You are now in riverside." in out
    assert "Saved: community.name is now Riverside" in out
    riverside = [line for line in out.splitlines() if line.startswith("[#riverside]")]
    assert riverside[0] == "[#riverside] Riverside — Issue 1"
    assert any("1. Park reopened" in line for line in riverside)
    assert not any("Library" in line or "Bridge" in line for line in riverside)
    assert not issue_lines(out)  # the default community published nothing
    # Each /queue shows only its own community's items, under its own numbers.
    assert "[to editor] #1 [pending] Bridge repaired" in out
    assert "[to editor] #1 [pending] Library saved" in out
    assert "#3" not in out.split("You are now in default.")[1]
    assert "Link code: " in out


def test_victories_communities_lists_each_community(tmp_path):
    lines = "/victory Library saved\n/community riverside\n/victory Bridge repaired\n"
    assert victories(tmp_path, "run", stdin=lines).returncode == 0
    listed = victories(tmp_path, "communities")
    assert listed.returncode == 0, listed.stderr
    rows = listed.stdout.splitlines()
    assert [row.split(":")[0] for row in rows] == ["default", "riverside"]
    assert all("active" in row and "next Issue 1" in row and "last none yet" in row for row in rows)
    assert "console riverside" in rows[1]


def test_export_writes_one_site_per_community_and_an_index_of_the_public_ones(tmp_path):
    import html5lib

    lines = (
        "/victory Library saved\n/react 1 white_check_mark\n/victories publish now\n"
        "/community riverside\n/victories set community.name Riverside\n"
        "/victories set archive.public true\n"
        "/victory Bridge repaired\n/react 1 white_check_mark\n/victories publish now\n"
    )
    assert victories(tmp_path, "run", stdin=lines).returncode == 0
    result = victories(tmp_path, "export", "--out", str(tmp_path / "site"))
    assert result.returncode == 0, result.stderr
    site = tmp_path / "site"
    default_page = (site / "default" / "issues" / "1" / "index.html").read_text(encoding="utf-8")
    riverside_page = (site / "riverside" / "issues" / "1" / "index.html").read_text(
        encoding="utf-8"
    )
    assert "Library saved" in default_page and "Bridge" not in default_page
    assert "Bridge repaired" in riverside_page and "Library" not in riverside_page
    index = html5lib.parse((site / "index.html").read_text(encoding="utf-8"), treebuilder="dom")
    links = [(a.getAttribute("href"), a.firstChild.data) for a in index.getElementsByTagName("a")]
    assert links == [("riverside/", "Riverside")]  # the default community is not public


def test_after_publish_each_communitys_site_is_refreshed_where_export_writes_it(tmp_path):
    (tmp_path / "victories.yaml").write_text(
        "archive:\n  out: site\n  base_url: https://victories.example.org/\n", encoding="utf-8"
    )
    lines = (
        "/community riverside\n/victory Bridge repaired\n/react 1 white_check_mark\n"
        "/victories publish now\n/community default\n"
        "/victory Library saved\n/react 1 white_check_mark\n/victories publish now\n"
    )
    result = victories(tmp_path, "run", stdin=lines)
    assert result.returncode == 0, result.stderr
    site = tmp_path / "site"
    river = (site / "riverside" / "issues" / "1" / "index.html").read_text(encoding="utf-8")
    home = (site / "default" / "issues" / "1" / "index.html").read_text(encoding="utf-8")
    assert "Bridge repaired" in river and "Library saved" in home
    assert not (site / "issues").exists()  # nothing at the top level with many communities
    # Rendered in a process forked from the render server, not in the fallback thread.
    assert "no render process" not in result.stderr
