"""Time to the first frame as a person sees it, and the command line's search against --help.

Run: `uv run python tests/benchmarks/bench_startup.py [--runs 9] [--records 10000]`

Each program is started as the installed command (.venv/bin/finalround, not through `uv run`)
in a real 120x40 pseudo-terminal; the clock runs from starting the process until the text of the
dashboard is on screen: its first heading ("What to do next") and the active opportunity's
name, read from the file (for the bare Textual app: the same two lines in one Static). Then
the program is killed, so costs after the first frame on either side do not hide the ratio.
Compared in the same run, alternately, median of N: a bare Textual app, the demo (`--demo`) and
a generated workspace of N records (`--db`, tests/benchmarks/large_workspace.py).
Then `finalround --db <N records> search WORD --json` against `finalround --help` (the search
answers from the index stored for the file on its first search, which is done before timing).

Targets: demo within 1.3x of the bare app, N records within 1.5x; the search within 3x of --help.
Python writes no bytecode here when PYTHONDONTWRITEBYTECODE is set: the project's own modules
are compiled first (an installed wheel has them compiled at install, as uv's compile-bytecode
does for the libraries).
"""

from __future__ import annotations

import argparse
import fcntl
import os
import pty
import select
import shutil
import signal
import statistics
import struct
import subprocess
import sys
import tempfile
import termios
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(Path(__file__).parent))

from large_workspace import build_large  # noqa: E402

BIN = Path(sys.executable).parent
BARE = """
from textual.app import App
from textual.widgets import Static

class Bare(App):
    def compose(self):
        yield Static("Northwind Logistics\\nWhat to do next")

Bare().run()
"""
# the dashboard's first heading and the demo's active opportunity (the large workspace is the
# demo with records added)
MARKS = (b"What to do next", b"Northwind Logistics")


def first_frame(command: list[str]) -> float:
    """Seconds from starting `command` in a pseudo-terminal until all MARKS are on screen."""
    master, slave = pty.openpty()
    fcntl.ioctl(slave, termios.TIOCSWINSZ, struct.pack("HHHH", 40, 120, 0, 0))
    env = {**os.environ, "TERM": "xterm-256color", "TEXTUAL_ANIMATIONS": "none"}
    start = time.perf_counter()
    proc = subprocess.Popen(
        command, stdin=slave, stdout=slave, stderr=slave, env=env, start_new_session=True
    )
    os.close(slave)
    seen = b""
    try:
        while not all(mark in seen for mark in MARKS):
            if time.perf_counter() - start > 60:
                raise SystemExit(f"{command} showed nothing in 60 s")
            if select.select([master], [], [], 1)[0]:
                try:
                    seen += os.read(master, 65536)
                except OSError:
                    raise SystemExit(f"{command} ended before its first frame") from None
        return time.perf_counter() - start
    finally:
        os.killpg(proc.pid, signal.SIGKILL)
        proc.wait()
        os.close(master)


def wall(command: list[str]) -> float:
    start = time.perf_counter()
    subprocess.run(command, check=True, stdout=subprocess.DEVNULL)
    return time.perf_counter() - start


def medians(commands: dict[str, list[str]], runs: int, measure) -> dict[str, float]:
    times: dict[str, list[float]] = {name: [] for name in commands}
    for command in commands.values():  # warm the file cache
        measure(command)
    for _ in range(runs):
        for name, command in commands.items():
            times[name].append(measure(command))
    return times


def spread(times: dict[str, list[float]], name: str, base: str) -> str:
    """The lowest and highest ratio of `name` to `base` within one round."""
    ratios = [a / b for a, b in zip(times[name], times[base], strict=True)]
    return f"{min(ratios):.2f}-{max(ratios):.2f}x"


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=9)
    parser.add_argument("--records", type=int, default=10_000)
    args = parser.parse_args()
    subprocess.run([sys.executable, "-m", "compileall", "-q", str(ROOT / "tui")], check=True)
    folder = Path(tempfile.mkdtemp(prefix="finalround-bench-"))
    large = folder / "large.json"
    build_large(large, args.records).close()
    os.environ["XDG_CACHE_HOME"] = str(folder / "cache")  # the stored search index goes here
    # a killed --demo cannot remove its folder: it makes it here, removed at the end
    (folder / "tmp").mkdir()
    os.environ["TMPDIR"] = str(folder / "tmp")
    finalround = str(BIN / "finalround")
    frame_times = medians(
        {
            "bare": [sys.executable, "-c", BARE],
            "demo": [finalround, "--demo"],
            "large": [finalround, "--db", str(large)],
        },
        args.runs,
        first_frame,
    )
    search = [finalround, "--db", str(large), "search", "leader", "--json"]
    cli_times = medians({"help": [finalround, "--help"], "search": search}, args.runs, wall)
    shutil.rmtree(folder, ignore_errors=True)
    frames = {name: statistics.median(t) for name, t in frame_times.items()}
    cli = {name: statistics.median(t) for name, t in cli_times.items()}
    n = f"{args.records:,} records"
    load = ", ".join(f"{x:.1f}" for x in os.getloadavg())
    print(f"runs: {args.runs} each, alternating; 120x40 pseudo-terminal; medians; load {load}")
    print("| program | first frame | ratio of medians (per round) | target |")
    print("|---|---:|---:|---:|")
    print(f"| bare Textual app | {frames['bare'] * 1000:.0f} ms | 1.00x | |")
    for name, label, target in (("demo", "finalround --demo", 1.3), ("large", n, 1.5)):
        ratio = frames[name] / frames["bare"]
        verdict = "MET" if ratio <= target else "MISSED"
        print(
            f"| {label} | {frames[name] * 1000:.0f} ms | {ratio:.2f}x "
            f"({spread(frame_times, name, 'bare')}) | {target}x {verdict} |"
        )
    ratio = cli["search"] / cli["help"]
    print(
        f"| finalround --help | {cli['help'] * 1000:.0f} ms | | |\n"
        f"| search --json, {n} | {cli['search'] * 1000:.0f} ms | {ratio:.2f}x of --help "
        f"({spread(cli_times, 'search', 'help')}) | 3x {'MET' if ratio <= 3 else 'MISSED'} |"
    )


if __name__ == "__main__":
    main()
