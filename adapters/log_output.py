"""Where the log goes: standard error, written by a thread of its own.

The bot logs a line per submission, decision and delivered part. Formatting a line and
writing it to a pipe (systemd's journal, a terminal) took about 6% of the CPU a /victory
costs, on the event loop that answers members, and a stalled reader (a full pipe) would
stop the loop altogether. So the loop only queues the record (its message already
merged, a traceback already rendered) and a listener thread formats and writes it.
Lines still queued at exit are written then (``atexit``); a kill -9 can lose the last
few milliseconds of lines, never data (every submission is also in the audit table).
"""

from __future__ import annotations

import atexit
import logging
import logging.handlers
import queue
import sys

FORMAT = "%(asctime)s %(levelname)s %(name)s %(message)s"


def log_to_stderr(level: str) -> None:
    lines: queue.SimpleQueue[logging.LogRecord] = queue.SimpleQueue()
    out = logging.StreamHandler(sys.stderr)
    out.setFormatter(logging.Formatter(FORMAT))
    handler = _Queued(lines)
    handler.setFormatter(logging.Formatter("%(message)s"))  # the message; the rest later
    handler.listener = logging.handlers.QueueListener(lines, out)
    handler.listener.start()
    atexit.register(handler.listener.stop)
    logging.basicConfig(level=level, handlers=[handler])


class _Queued(logging.handlers.QueueHandler):
    listener: logging.handlers.QueueListener  # its writer (a test stops it to flush)
