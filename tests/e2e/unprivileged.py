"""Run `victories` as a user the file permissions apply to.

Root writes read-only files anyway, so when the suite runs as root the command runs as
`nobody` with the system Python 3.11 and this venv's packages (the venv's own Python may
live in root's home, out of nobody's reach).
"""

import os
import subprocess
import sys
import sysconfig
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
NOBODY = 65534


def shared_folder() -> Path:
    """A folder everyone may write in (so only the file's own permission is tested)."""
    folder = Path(tempfile.mkdtemp(prefix="victories-perm-"))
    folder.chmod(0o777)
    return folder


def as_unprivileged_user(args, *, env, cwd, stdin=""):
    if os.getuid() != 0:
        command = [str(Path(sys.executable).with_name("victories")), *args]
        return subprocess.run(
            command, input=stdin, capture_output=True, text=True, cwd=cwd, env=env, timeout=60
        )
    python = f"/usr/bin/python{sys.version_info.major}.{sys.version_info.minor}"
    assert os.access(python, os.X_OK), f"{python} is needed to run as nobody"
    env = {**env, "PYTHONPATH": f"{ROOT}:{sysconfig.get_paths()['purelib']}", "HOME": str(cwd)}
    command = [python, "-c", "import sys; from adapters.cli import main; sys.exit(main())", *args]
    return subprocess.run(
        command,
        input=stdin,
        capture_output=True,
        text=True,
        cwd=cwd,
        env=env,
        timeout=60,
        user=NOBODY,
        group=NOBODY,
        extra_groups=[],
    )
