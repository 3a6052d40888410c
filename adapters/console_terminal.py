"""Line editing and history when the console runs at a terminal.

``input()`` goes through the standard library's ``readline`` (arrow keys, Ctrl-A/E,
history with ↑) when stdin and stdout are the terminal. It reads without taking stdin's
buffer lock, so the reading thread still never holds Python's exit up. Readline changes
the terminal's modes while it waits, so they are put back when the console ends.
"""

from __future__ import annotations

import atexit
import contextlib
import sys
from collections.abc import Iterator
from typing import TextIO


def at_terminal(stream: TextIO) -> bool:
    return stream is sys.stdin and stream.isatty() and sys.stdout.isatty()


def terminal_lines() -> Iterator[str]:
    """Lines typed at the terminal, each ending in a newline, then "" at Ctrl-D."""
    with contextlib.suppress(ImportError):
        import readline  # noqa: F401 - importing it turns on line editing for input()
    _restore_modes_at_exit()
    while True:
        try:
            yield input() + "\n"
        except (EOFError, OSError):
            yield ""
            return


def _restore_modes_at_exit() -> None:
    try:
        import termios

        fd = sys.stdin.fileno()
        modes = termios.tcgetattr(fd)
    except (ImportError, OSError, ValueError):
        return

    def restore() -> None:
        with contextlib.suppress(OSError):
            termios.tcsetattr(fd, termios.TCSANOW, modes)

    atexit.register(restore)
