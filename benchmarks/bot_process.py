"""`victories run` as a child process pointed at local fakes, and the moment it is ready.

The bot runs in its own process so that its CPU is not shared with the fakes and the
clients driving it (the real Slack and Discord are not on our machine either).

"Ready" is the log line the composition root writes after every surface has connected
(Slack's HTTP port is listening; Discord's gateway has sent READY and the guilds) and the
scheduler has armed the next issue: ``run()`` logs it just before waiting for a signal.
"""

from __future__ import annotations

import asyncio
import contextlib
import os
import signal
import socket
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path

import yaml

READY_LINE = "running; stop with Ctrl-C or SIGTERM"
# Only what a Python process needs: a developer's SLACK_*/DISCORD_* must not leak in.
PASSED_THROUGH = ("PATH", "HOME", "LANG", "LC_ALL", "TMPDIR", "SYSTEMROOT")


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def clean_env(extra: dict[str, str]) -> dict[str, str]:
    env = {k: os.environ[k] for k in PASSED_THROUGH if k in os.environ}
    return {**env, "PYTHONUNBUFFERED": "1", **extra}


def victories_command() -> list[str]:
    script = Path(sys.executable).with_name("victories")
    return [str(script)] if script.exists() else [sys.executable, "-m", "adapters.cli"]


@dataclass
class BotProcess:
    proc: asyncio.subprocess.Process
    started: float
    ready_after: float = float("nan")  # seconds from spawn to READY_LINE
    lines: list[str] = field(default_factory=list)  # stderr (the log) and stdout, merged
    arrived: list[float] = field(default_factory=list)  # when each line was read
    _reader: asyncio.Task | None = None

    def rss_mb(self) -> float:
        """Resident set size now, from /proc (Linux)."""
        for line in Path(f"/proc/{self.proc.pid}/status").read_text().splitlines():
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
        return float("nan")

    def cpu_seconds(self) -> float:
        """User + system CPU time used so far, all threads, from /proc (Linux)."""
        fields = Path(f"/proc/{self.proc.pid}/stat").read_text().rsplit(")", 1)[1].split()
        return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")

    async def idle(self, quiet: float = 0.15, limit: float = 10.0) -> bool:
        """Wait until the process has used no CPU for ``quiet`` seconds (its background
        work, such as review cards, is done): True; False if ``limit`` seconds passed."""
        deadline = time.perf_counter() + limit
        last, still = self.cpu_seconds(), time.perf_counter()
        while time.perf_counter() < deadline:
            await asyncio.sleep(0.03)
            now = self.cpu_seconds()
            if now != last:
                last, still = now, time.perf_counter()
            elif time.perf_counter() - still >= quiet:
                return True
        return False

    def pause(self) -> None:
        """Freeze the process (SIGSTOP): it uses no CPU while another one is measured."""
        if self.proc.returncode is None:
            self.proc.send_signal(signal.SIGSTOP)

    def resume(self) -> None:
        if self.proc.returncode is None:
            self.proc.send_signal(signal.SIGCONT)

    async def wait(self, timeout: float) -> int:
        """Wait for the process to exit by itself (killing it after ``timeout``)."""
        try:
            await asyncio.wait_for(self.proc.wait(), timeout)
        finally:
            await self.stop()
        return self.proc.returncode

    def last(self, text: str) -> float:
        """When the last line containing ``text`` was read (nan if none)."""
        found = [at for line, at in zip(self.lines, self.arrived, strict=True) if text in line]
        return found[-1] if found else float("nan")

    def first(self, text: str) -> float:
        found = [at for line, at in zip(self.lines, self.arrived, strict=True) if text in line]
        return found[0] if found else float("nan")

    async def stop(self, timeout: float = 15.0) -> int:
        self.resume()
        if self.proc.returncode is None:
            self.proc.send_signal(signal.SIGTERM)
            try:
                await asyncio.wait_for(self.proc.wait(), timeout)
            except TimeoutError:
                self.proc.kill()
                await self.proc.wait()
        if self._reader is not None:
            with contextlib.suppress(asyncio.CancelledError):
                await self._reader
        return self.proc.returncode


async def spawn(
    command: list[str],
    *,
    cwd: Path,
    env: dict[str, str],
    ready_line: str = READY_LINE,
    timeout: float = 60.0,
) -> BotProcess:
    """Start ``command`` and wait until it writes ``ready_line`` (on stdout or stderr)."""
    started = time.perf_counter()
    proc = await asyncio.create_subprocess_exec(
        *command,
        cwd=cwd,
        env=clean_env(env),
        stdin=asyncio.subprocess.DEVNULL,
        stdout=asyncio.subprocess.PIPE,
        stderr=asyncio.subprocess.STDOUT,
    )
    bot = BotProcess(proc, started)
    ready = asyncio.get_running_loop().create_future()

    async def read() -> None:
        # Keep draining stderr after ready, or a chatty bot blocks on a full pipe.
        async for raw in proc.stdout:
            line = raw.decode(errors="replace").rstrip()
            bot.lines.append(line)
            bot.arrived.append(time.perf_counter())
            if ready_line in line and not ready.done():
                ready.set_result(time.perf_counter())
        if not ready.done():
            ready.set_exception(RuntimeError("exited before ready:\n" + tail(bot.lines)))

    bot._reader = asyncio.create_task(read())
    try:
        bot.ready_after = await asyncio.wait_for(ready, timeout) - started
    except BaseException:
        await bot.stop()
        raise
    return bot


async def start_bot(
    workdir: Path,
    *,
    config: dict,
    env: dict[str, str],
    args: tuple[str, ...] = ("run",),
    ready_line: str = READY_LINE,
    timeout: float = 60.0,
) -> BotProcess:
    """Spawn `victories run` (or other ``args``) in ``workdir`` (no stray .env there) and
    wait until it logs ``ready_line``."""
    workdir.mkdir(parents=True, exist_ok=True)
    (workdir / "victories.yaml").write_text(yaml.safe_dump(config))
    settings = {
        "VICTORIES_DB": str(workdir / "bot.db"),
        "VICTORIES_CONFIG": str(workdir / "victories.yaml"),
        "LOG_LEVEL": "INFO",
        **env,
    }
    return await spawn(
        [*victories_command(), *args],
        cwd=workdir,
        env=settings,
        ready_line=ready_line,
        timeout=timeout,
    )


def tail(lines: list[str], count: int = 30) -> str:
    return "\n".join(lines[-count:])
