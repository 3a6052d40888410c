"""The log is written by a thread of its own: every line arrives, in order, with its
traceback, even the ones still queued when the process exits."""

import subprocess
import sys

CODE = """
import logging, threading
from adapters.log_output import log_to_stderr
log_to_stderr("INFO")
writers = set()
class Spy(logging.Handler):
    def emit(self, record):
        writers.add(threading.current_thread().name)
logging.getLogger().handlers[0].listener.handlers += (Spy(),)
log = logging.getLogger("victories")
for n in range(500):
    log.info("line %d of %s", n, "many")
try:
    1 / 0
except ZeroDivisionError:
    log.exception("it failed")
log.debug("not at INFO")
logging.getLogger().handlers[0].listener.stop()
print(sorted(writers))
"""


def test_every_line_arrives_in_order_written_off_the_calling_thread():
    done = subprocess.run([sys.executable, "-c", CODE], capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    lines = done.stderr.splitlines()
    said = [line.split(" victories ", 1)[1] for line in lines if " INFO victories line " in line]
    assert said == [f"line {n} of many" for n in range(500)]
    assert " ERROR victories it failed" in done.stderr
    assert "ZeroDivisionError: division by zero" in done.stderr
    assert "not at INFO" not in done.stderr
    assert "MainThread" not in done.stdout


def test_lines_still_queued_at_exit_are_written():
    code = (
        "import logging; from adapters.log_output import log_to_stderr; log_to_stderr('INFO');"
        "[logging.getLogger('victories').info('last %d', n) for n in range(300)]"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    assert done.stderr.count("INFO victories last ") == 300
