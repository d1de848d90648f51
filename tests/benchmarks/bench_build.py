"""The index build of this checkout against another's, in turn, on the same generated records.

Run: `uv run python tests/benchmarks/bench_build.py OTHER [--records 50000] [--builds 13]`

OTHER is a checkout of another commit, for instance one made with
`git worktree add ../before 82481b1` (its environment is set up by `uv run` there). One
process per checkout generates the records of bench_search.py (the same seed: the same
records) and builds the index when told, so the two build one after the other, in turn,
and the machine's slow and quick moments fall on both alike. Each process's first build pays
for memory the process never had and is left out; the rest give each side's median and the
median of the ratios of each pair (this checkout's over the other's).

The build is `bench_search.build_index`: all records at once, the look-up lists made, as a
workspace opened on a worker thread builds it (target <= 1 s at 50,000 records).
"""

from __future__ import annotations

import argparse
import gc
import random
import statistics
import subprocess
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve()
ROOT = HERE.parents[2]


def worker(root: Path, records: int) -> None:
    """Build the index of `root`'s code each time a line comes in; print the seconds taken."""
    sys.path.insert(0, str(root / "tests" / "benchmarks"))
    sys.path.insert(0, str(root))
    from bench_search import build_index, generate

    made = generate(records, random.Random(7))
    print("ready", flush=True)
    for _ in sys.stdin:
        gc.collect()
        started = time.perf_counter()
        index = build_index(made)
        took = time.perf_counter() - started
        gc.unfreeze()  # the build set the index aside from the collector
        del index
        gc.collect()
        print(f"{took:.4f}", flush=True)


def start(root: Path, records: int) -> subprocess.Popen:
    process = subprocess.Popen(
        ["uv", "run", "--directory", str(root), "python", str(HERE), "--worker", str(root)]
        + ["--records", str(records)],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
    )
    assert process.stdout is not None
    line = process.stdout.readline().strip()
    if line != "ready":
        raise SystemExit(f"the build process in {root} did not start: {line!r}")
    return process


def build(process: subprocess.Popen) -> float:
    assert process.stdin is not None and process.stdout is not None
    process.stdin.write("go\n")
    process.stdin.flush()
    return float(process.stdout.readline())


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("other", nargs="?", type=Path, help="a checkout of another commit")
    parser.add_argument("--records", type=int, default=50_000)
    parser.add_argument("--builds", type=int, default=13, help="builds of each, the first left out")
    parser.add_argument("--worker", type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.worker is not None:
        worker(args.worker, args.records)
        return
    if args.other is None or not (args.other / "tests" / "benchmarks" / "bench_search.py").exists():
        parser.error("give a checkout of another commit that has tests/benchmarks/bench_search.py")
    sides = {"this": ROOT, "other": args.other.resolve()}
    processes = {name: start(root, args.records) for name, root in sides.items()}
    times: dict[str, list[float]] = {name: [] for name in sides}
    try:
        for turn in range(args.builds):
            order = list(sides) if turn % 2 == 0 else list(sides)[::-1]
            for name in order:
                times[name].append(build(processes[name]))
    finally:
        for process in processes.values():
            assert process.stdin is not None
            process.stdin.close()
            process.wait()
    print(f"{args.records:,} records, {args.builds} builds of each in turn, the first left out")
    for name, root in sides.items():
        kept = times[name][1:]
        within = sum(t <= 1.0 for t in kept)
        print(
            f"  {name} ({root}): median {statistics.median(kept):.3f} s, fastest "
            f"{min(kept):.3f} s, {within} of {len(kept)} within 1 s; each: "
            + " ".join(f"{t:.2f}" for t in times[name])
        )
    ratios = [a / b for a, b in zip(times["this"][1:], times["other"][1:], strict=True)]
    print(f"  this over other, median of the pairs: {statistics.median(ratios):.3f}x")


if __name__ == "__main__":
    main()
