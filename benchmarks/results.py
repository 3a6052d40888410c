"""One benchmark figure, its target, and the table and JSON they end up in."""

from __future__ import annotations

import json
import statistics
from dataclasses import asdict, dataclass
from pathlib import Path


@dataclass
class Result:
    bench: str  # P1 .. P4
    name: str
    value: float
    unit: str
    target: str = ""  # e.g. "<= 1.25", ">= 2000", or "" for information only
    note: str = ""

    @property
    def met(self) -> bool | None:
        if not self.target:
            return None
        op, limit = self.target.split()
        return self.value <= float(limit) if op == "<=" else self.value >= float(limit)


def percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    if not ordered:
        return float("nan")
    index = min(len(ordered) - 1, max(0, round(q / 100 * (len(ordered) - 1))))
    return ordered[index]


def median(values: list[float]) -> float:
    return statistics.median(values)


def table(results: list[Result]) -> str:
    rows = [("bench", "figure", "value", "target", "met", "note")]
    for r in results:
        met = {True: "yes", False: "NO", None: "-"}[r.met]
        rows.append(
            (r.bench, r.name, f"{r.value:,.3g} {r.unit}".strip(), r.target or "-", met, r.note)
        )
    widths = [max(len(str(row[i])) for row in rows) for i in range(len(rows[0]))]
    lines = [
        " | ".join(str(cell).ljust(w) for cell, w in zip(row, widths, strict=True)) for row in rows
    ]
    lines.insert(1, "-|-".join("-" * w for w in widths))
    return "\n".join(lines)


def write_json(results: list[Result], path: Path) -> None:
    path.write_text(json.dumps([{**asdict(r), "met": r.met} for r in results], indent=2) + "\n")
