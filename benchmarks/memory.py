"""Peak memory of the current process, read from the kernel's own high-water mark."""

from __future__ import annotations

from pathlib import Path


def peak_rss_mb() -> float:
    """This process's peak resident set size (``VmHWM``), in MB (Linux).

    Not ``getrusage(RUSAGE_SELF).ru_maxrss``: Linux carries that across ``execve`` from
    the process that spawned us, so a benchmark child started by a runner that had once
    grown to 300 MB reported 300 MB however little it used itself. ``VmHWM`` belongs to
    this process's own address space, which ``execve`` makes new.
    """
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1]) / 1024
    return float("nan")
