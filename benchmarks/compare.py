"""`python -m benchmarks.compare a.json b.json ...`: several runs side by side, with how
many met each target (for the README's table: never one flattering run)."""

from __future__ import annotations

import json
import sys
from pathlib import Path


def fmt(row: dict) -> str:
    return f"{row['value']:,.3g} {row['unit']}".strip()


def compare(paths: list[Path]) -> str:
    runs = [json.loads(path.read_text()) for path in paths]
    names = [(row["bench"], row["name"]) for row in runs[0]]
    by_run = [{(row["bench"], row["name"]): row for row in run} for run in runs]
    rows = [("bench", "figure", *(f"run {i + 1}" for i in range(len(runs))), "target", "met")]
    for key in names:
        found = [run.get(key) for run in by_run]
        target = found[0]["target"] if found[0] else ""
        met = [row["met"] for row in found if row and row["met"] is not None]
        rows.append(
            (
                key[0],
                key[1],
                *(fmt(row) if row else "-" for row in found),
                target or "-",
                f"{sum(met)} of {len(found)}" if target else "-",
            )
        )
    widths = [max(len(str(row[i])) for row in rows) for i in range(len(rows[0]))]
    lines = [" | ".join(str(c).ljust(w) for c, w in zip(row, widths, strict=True)) for row in rows]
    lines.insert(1, "-|-".join("-" * w for w in widths))
    return "\n".join(line.rstrip() for line in lines)


if __name__ == "__main__":
    print(compare([Path(arg) for arg in sys.argv[1:]]))
