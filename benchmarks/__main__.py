"""`python -m benchmarks [--quick] [--only P1,P3]`: run, print the table, write JSON."""

from __future__ import annotations

import argparse
import gc
import importlib
import sys
import time
from pathlib import Path

from benchmarks.results import table, write_json

BENCHES = {
    "P1": "benchmarks.p1_ack",
    "P2": "benchmarks.p2_fanout",
    "P3": "benchmarks.p3_scale",
    "P4": "benchmarks.p4_startup",
    "P5": "benchmarks.p5_communities",
    "P6": "benchmarks.p6_publish_stall",
    "E1": "benchmarks.e1_email",
}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m benchmarks")
    parser.add_argument("--quick", action="store_true", help="tiny sizes: a smoke run")
    parser.add_argument("--only", default="", help="comma-separated, e.g. P1,P3")
    parser.add_argument("--out", default="bench-results.json")
    args = parser.parse_args(argv)
    chosen = [b.strip().upper() for b in args.only.split(",") if b.strip()] or list(BENCHES)
    results = []
    for name in chosen:
        try:
            module = importlib.import_module(BENCHES[name])
        except ModuleNotFoundError as err:
            print(f"{name}: not available ({err})", file=sys.stderr)
            continue
        # The runner's own garbage from earlier benchmarks (P3 and P5 run the core in this
        # process) is collected now: left to chance, one full collection of it (0.6 s
        # after P3) paused a later benchmark's clients mid-measurement, which P6 read as
        # a member's ack taking 600+ ms.
        gc.collect()
        started = time.perf_counter()
        print(f"running {name}...", file=sys.stderr, flush=True)
        results += module.run(quick=args.quick)
        print(f"{name} took {time.perf_counter() - started:.1f}s", file=sys.stderr, flush=True)
    print(table(results))
    write_json(results, Path(args.out))
    return 0 if all(r.met is not False for r in results) or args.quick else 1


if __name__ == "__main__":
    sys.exit(main())
