"""The archive's render process forks from one warm forkserver, in a bot started as systemd
starts it (umask 077, a private temporary folder, another working directory), and the
server goes away with the bot, however the bot ends."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

# A stand-in for the bot: renders twice, says which processes did it, then waits to be
# stopped. It never imports jinja2 itself; the worker has it because the server preloaded
# the render module.
BOT = """
import functools, os, sys
from bot.archive.process import in_worker
loaded = functools.partial(eval, "__import__('sys').modules.__contains__('jinja2')")
first, again = in_worker(os.getppid), in_worker(os.getppid)
print(os.getpid(), first, again, in_worker(loaded), "jinja2" in sys.modules, flush=True)
sys.stdin.read()
"""


def alive(pid: int) -> bool:
    try:
        status = Path(f"/proc/{pid}/status").read_text()
    except FileNotFoundError:
        return False
    return "\nState:\tZ" not in status  # a zombie has exited; only its entry remains


def start_bot(tmp_path: Path) -> subprocess.Popen:
    private = tmp_path / "private-tmp"
    private.mkdir()
    return subprocess.Popen(
        [sys.executable, "-c", BOT],
        cwd=tmp_path,
        env={**os.environ, "TMPDIR": str(private)},
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
        preexec_fn=lambda: os.umask(0o077),
    )


def test_renders_fork_from_one_warm_server_that_ends_with_the_bot(tmp_path):
    bot = start_bot(tmp_path)
    try:
        assert bot.stdout is not None
        pid, server, again, preloaded, bot_has_jinja = bot.stdout.readline().split()
    finally:
        bot.kill()  # SIGKILL: the bot gets no chance to stop the server itself
        bot.wait(timeout=60)
    assert int(server) != int(pid)  # a fork of the server, not of the bot (which has threads)
    assert again == server  # the same warm server both times, no spawn per render
    assert (preloaded, bot_has_jinja) == ("True", "False")
    assert bot.returncode == -signal.SIGKILL
    for _ in range(600):  # the server notices its pipe from the bot closed, and exits
        if not alive(int(server)):
            break
        time.sleep(0.1)
    assert not alive(int(server))
