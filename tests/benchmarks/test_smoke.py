"""A tiny run of every benchmark keeps `make bench` working; no timing is asserted here."""

import json
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def test_benchmarks_run_in_quick_mode(tmp_path):
    out = tmp_path / "results.json"
    result = subprocess.run(
        [sys.executable, "-m", "benchmarks", "--quick", "--out", str(out)],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert result.returncode == 0, result.stderr
    rows = json.loads(out.read_text())
    benches = {row["bench"] for row in rows}
    assert benches == {"P1", "P2", "P3", "P4", "P5", "P6", "E1"}, result.stderr
    assert all(row["value"] == row["value"] for row in rows)  # no NaN figures
    for figure in (
        "compose next issue",
        "bare Bolt",
        "lower bound",
        "start-up",
        "idle RSS",
        "during a publish",
        "bare batched inserts",
        "compose and freeze every community",
        "aiosmtplib",
    ):
        assert figure in result.stdout
