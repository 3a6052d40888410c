"""At a terminal the console has line editing and history (the standard readline)."""

import os
import pty
import select
import signal
import subprocess
import time

from tests.e2e.test_console import VICTORIES, clean_env


def read_until(fd: int, text: str, timeout: float = 30.0) -> str:
    seen = ""
    deadline = time.monotonic() + timeout
    while text not in seen:
        left = deadline - time.monotonic()
        assert left > 0, f"waited for {text!r}; the terminal showed:\n{seen}"
        ready, _, _ = select.select([fd], [], [], left)
        if ready:
            try:
                seen += os.read(fd, 4096).decode(errors="replace")
            except OSError:  # the child closed the terminal
                break
    return seen


def at_terminal(tmp_path):
    master, slave = pty.openpty()
    bot = subprocess.Popen(
        [VICTORIES, "run"],
        stdin=slave,
        stdout=slave,
        stderr=slave,
        cwd=tmp_path,
        env={**clean_env(tmp_path), "TERM": "dumb"},
        start_new_session=True,
        # A terminal's Ctrl-C reaches a program whose SIGINT is the default. A suite run
        # in the background (``make test &``) passes SIGINT on as ignored, and Python then
        # installs no KeyboardInterrupt: restore the default, as a terminal would have it.
        preexec_fn=lambda: signal.signal(signal.SIGINT, signal.SIG_DFL),
    )
    os.close(slave)
    return master, bot


def test_ctrl_a_edits_the_line_and_up_arrow_recalls_the_last_command(tmp_path):
    master, bot = at_terminal(tmp_path)
    try:
        read_until(master, "Ctrl-D to quit")
        # Ctrl-A goes to the start of the line, where the missing "/" is typed.
        os.write(master, b"victory The tenant bill passed\x01/\r")
        assert "#1" in read_until(master, "review queue")
        os.write(master, b"/queue\r")
        read_until(master, "[pending]")
        os.write(master, b"\x1b[A\r")  # up arrow: /queue again, from the history
        again = read_until(master, "[pending]")
        assert "I don't know" not in again
        os.write(master, b"\x04")  # Ctrl-D ends the console
        assert bot.wait(timeout=30) == 0
    finally:
        if bot.poll() is None:
            bot.kill()
            bot.wait()
        os.close(master)


def test_an_interrupt_while_waiting_at_the_prompt_ends_the_console_at_once(tmp_path):
    master, bot = at_terminal(tmp_path)
    try:
        read_until(master, "Ctrl-D to quit")
        os.write(master, b"/victory The clinic stays open\r")
        read_until(master, "review queue")
        bot.send_signal(signal.SIGINT)  # what Ctrl-C sends
        assert bot.wait(timeout=30) in (0, 130)
    finally:
        if bot.poll() is None:
            bot.kill()
            bot.wait()
        os.close(master)
