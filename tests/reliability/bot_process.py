"""`victories run` as a real child process, pointed at the fakes served by the test's loop.

The child is started with asyncio so the fakes keep serving while the test waits on it.
Its stderr (the structured log) is collected line by line; ``ready()`` waits for the line
the composition root writes once every surface is connected and start-up work is done.
"""

from __future__ import annotations

import asyncio
import contextlib
import os
import signal
import sys
from pathlib import Path

READY_LINE = "running; stop with Ctrl-C or SIGTERM"
# Only what a Python process needs: a developer's own SLACK_* / DISCORD_* must not leak in.
PASSED_THROUGH = ("PATH", "HOME", "LANG", "LC_ALL", "TMPDIR")
VICTORIES = str(Path(sys.executable).with_name("victories"))


class BotProcess:
    def __init__(self, workdir: Path, env: dict[str, str]) -> None:
        self.workdir = workdir
        self.env = {
            **{k: os.environ[k] for k in PASSED_THROUGH if k in os.environ},
            "PYTHONUNBUFFERED": "1",
            "LOG_LEVEL": "INFO",
            **env,
        }
        self.lines: list[str] = []  # every log line of every run, in order
        self.runs = 0
        self.proc: asyncio.subprocess.Process | None = None
        self._reader: asyncio.Task | None = None
        self._ready: asyncio.Event = asyncio.Event()

    async def start(self, *args: str) -> None:
        self.runs += 1
        self._ready = asyncio.Event()
        self.proc = await asyncio.create_subprocess_exec(
            VICTORIES,
            *(args or ("run",)),
            cwd=self.workdir,
            env=self.env,
            stdin=asyncio.subprocess.DEVNULL,
            stdout=asyncio.subprocess.DEVNULL,
            stderr=asyncio.subprocess.PIPE,
        )
        self._reader = asyncio.create_task(self._read(self.proc))

    async def run_once(self, *args: str, timeout: float = 60.0) -> tuple[int, str, str]:
        """Run a one-shot command (doctor, backup ...) to its end: (status, stdout, stderr)."""
        proc = await asyncio.create_subprocess_exec(
            VICTORIES,
            *args,
            cwd=self.workdir,
            env=self.env,
            stdin=asyncio.subprocess.DEVNULL,
            stdout=asyncio.subprocess.PIPE,
            stderr=asyncio.subprocess.PIPE,
        )
        out, err = await asyncio.wait_for(proc.communicate(), timeout)
        return proc.returncode, out.decode(), err.decode()

    async def _read(self, proc: asyncio.subprocess.Process) -> None:
        # Keep draining, or a chatty bot blocks on a full pipe.
        async for raw in proc.stderr:
            line = raw.decode(errors="replace").rstrip()
            self.lines.append(line)
            if READY_LINE in line:
                self._ready.set()

    async def ready(self, timeout: float = 30.0) -> None:
        waiting = asyncio.ensure_future(self._ready.wait())
        exited = asyncio.ensure_future(self.proc.wait())
        done, _ = await asyncio.wait(
            {waiting, exited}, timeout=timeout, return_when="FIRST_COMPLETED"
        )
        waiting.cancel()
        exited.cancel()
        if not self._ready.is_set():
            raise AssertionError(f"the bot did not get ready (run {self.runs}):\n{self.tail()}")

    def kill(self) -> None:
        """SIGKILL, at once: no clean-up code in the bot gets to run."""
        if self.proc is not None and self.proc.returncode is None:
            with contextlib.suppress(ProcessLookupError):
                self.proc.send_signal(signal.SIGKILL)

    async def wait(self, timeout: float = 20.0) -> int:
        code = await asyncio.wait_for(self.proc.wait(), timeout)
        if self._reader is not None:
            await self._reader
        return code

    async def stop(self, timeout: float = 20.0) -> int:
        """SIGTERM, as a service manager stops the bot; returns the exit status."""
        if self.proc is None:
            return 0
        if self.proc.returncode is None:
            self.proc.send_signal(signal.SIGTERM)
        try:
            return await self.wait(timeout)
        except TimeoutError:
            self.kill()
            await self.wait()
            raise AssertionError(f"the bot did not stop on SIGTERM:\n{self.tail()}") from None

    def tail(self, count: int = 40) -> str:
        return "\n".join(self.lines[-count:])

    def logged(self, text: str) -> list[str]:
        return [line for line in self.lines if text in line]


async def until(condition, *, timeout: float, what: str, bot: BotProcess | None = None) -> None:
    """Poll ``condition()`` (cheap, synchronous) until true."""
    deadline = asyncio.get_running_loop().time() + timeout
    while not condition():
        if asyncio.get_running_loop().time() > deadline:
            extra = f"\n{bot.tail()}" if bot else ""
            raise AssertionError(f"timed out waiting for {what}{extra}")
        await asyncio.sleep(0.02)
