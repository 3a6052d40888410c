"""Read a P6 trace: `python -m benchmarks.store_trace.report /some/prefix`.

Prints the commits' and checkpoints' figures, then, for the worst acks of each phase,
what the bot was doing while each request waited (see sitecustomize.py for the fields).
"""

from __future__ import annotations

import json
import sys
from pathlib import Path


def _bot_trace(prefix: Path) -> dict:
    found = [p for p in prefix.parent.glob(prefix.name + ".*") if p.suffix[1:].isdigit()]
    return json.loads(max(found, key=lambda p: p.stat().st_size).read_text())  # not the render


def _quantile(values: list[float], q: float) -> float:
    values = sorted(values)
    return values[min(len(values) - 1, int(q * len(values)))] if values else float("nan")


def report(prefix: Path) -> None:
    harness = json.loads(Path(f"{prefix}.harness").read_text())
    bot = _bot_trace(prefix)
    commits = bot["commits"]
    in_commit = [c for c in commits if c[4][1] != c[3][1] and c[4][1] > 0]
    ms = [c[2] * 1000 for c in commits]
    print(
        f"{len(commits)} commits; COMMIT p50/p99/max "
        f"{_quantile(ms, 0.5):.1f}/{_quantile(ms, 0.99):.1f}/{max(ms):.1f} ms; "
        f"{len(in_commit)} with checkpoint progress during the COMMIT; "
        f"{sum(c[5] > 0.02 for c in commits)} waited over 20 ms to begin "
        f"(longest {max(c[5] for c in commits) * 1000:.0f} ms); "
        f"largest WAL {max(c[4][0] for c in commits)} frames"
    )
    print(
        "WAL restarts on the store's thread (ms):", [round(r[1] * 1000, 1) for r in bot["restarts"]]
    )
    print("gc generation 2 (ms):", [round(g[1] * 1000) for g in bot["gc"] if g[2] == 2])
    for phase in ("quiet", "busy"):
        run = harness[phase]
        start = run["started"]
        requests = sorted(zip(run["acks"], run["sent"], strict=True), reverse=True)
        print(f"\n== {phase}: {len(requests)} requests")
        shown: list[float] = []
        for ack, (sent, kind) in requests:
            if len(shown) == 3:
                break
            if any(abs(sent - other) < 0.3 for other in shown):
                continue
            shown.append(sent)
            end = sent + ack
            print(f"  {kind} ack {ack * 1000:.0f} ms, sent at +{sent - start:.3f} s")
            for c in commits:
                if c[0] < end and c[0] + c[1] + c[2] > sent and c[1] + c[2] > 0.01:
                    print(
                        f"    transaction at +{c[0] - start:.3f}: waited {c[5] * 1000:.1f}, "
                        f"body {(c[1] - c[5]) * 1000:.1f}, COMMIT {c[2] * 1000:.1f} ms; "
                        f"WAL frames/checkpointed {c[3]} -> {c[4]}"
                    )
            for queued, began, took, name in bot["jobs"]:
                if began < end and began + took > sent and took > 0.015:
                    print(
                        f"    job {name} {took * 1000:.1f} ms at +{began - start:.3f} "
                        f"(queued {(began - queued) * 1000:.1f} ms)"
                    )
            for began, took in bot["restarts"]:
                if began < end and began + took > sent:
                    print(f"    WAL restart {took * 1000:.1f} ms at +{began - start:.3f}")
            for began, took, generation in bot["gc"]:
                if began < end and began + took > sent:
                    print(f"    gc gen{generation} {took * 1000:.1f} ms at +{began - start:.3f}")
            for began, took, what in bot["slow"]:
                if began < end and began + took > sent:
                    print(
                        f"    loop callback {took * 1000:.1f} ms at +{began - start:.3f} {what[:80]}"
                    )
            for began, took in bot["spawn"]:
                if began < end and began + took > sent - 0.5:
                    print(f"    process spawned at +{began - start:.3f}")


if __name__ == "__main__":
    report(Path(sys.argv[1]))
