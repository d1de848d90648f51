"""Time to the first frame: the demo dashboard against a bare Textual app that shows one line.

Run: `uv run python tests/benchmarks/bench_startup.py [--runs N]`

Both programs run in a real pseudo-terminal, alternately, on the same machine in the same run;
each exits as soon as its first full screen has been drawn. The figure is the wall time from
starting the process to its exit (Python start-up and imports included), median of N runs.
Target: the demo dashboard within 1.5x of the bare app.
"""

from __future__ import annotations

import argparse
import fcntl
import os
import pty
import statistics
import struct
import subprocess
import sys
import termios
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]

BARE = """
from textual.app import App
from textual.widgets import Static

class Bare(App):
    def compose(self):
        yield Static("Final Round")

    def on_ready(self):
        self.call_after_refresh(self.exit)

Bare().run()
"""

DEMO = """
from tui.ui.app import FinalRoundApp
from tui.ui.dashboard import Dashboard

def on_ready(self):
    assert self.screen.query_one(Dashboard).is_mounted
    self.call_after_refresh(self.exit)

FinalRoundApp.on_ready = on_ready
from tui.cli import main
main(["--demo"])
"""


def run_in_pty(code: str) -> float:
    master, slave = pty.openpty()
    fcntl.ioctl(slave, termios.TIOCSWINSZ, struct.pack("HHHH", 40, 120, 0, 0))
    env = {**os.environ, "TERM": "xterm-256color", "TEXTUAL_ANIMATIONS": "none"}

    def drain() -> None:
        while True:
            try:
                if not os.read(master, 65536):
                    break
            except OSError:
                break

    reader = threading.Thread(target=drain, daemon=True)
    reader.start()
    start = time.perf_counter()
    proc = subprocess.Popen(
        [sys.executable, "-c", code],
        stdin=slave,
        stdout=slave,
        stderr=slave,
        cwd=ROOT,
        env=env,
        start_new_session=True,
    )
    code_ = proc.wait(timeout=60)
    elapsed = time.perf_counter() - start
    os.close(slave)
    os.close(master)
    if code_ != 0:
        raise SystemExit(f"benchmark program failed with status {code_}")
    return elapsed


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=9)
    args = parser.parse_args()
    run_in_pty(BARE)  # warm the file cache for both
    run_in_pty(DEMO)
    bare, demo = [], []
    for _ in range(args.runs):
        bare.append(run_in_pty(BARE))
        demo.append(run_in_pty(DEMO))
    b, d = statistics.median(bare), statistics.median(demo)
    print(f"runs: {args.runs} each, alternating, 120x40 pseudo-terminal")
    print(
        f"bare Textual app, first frame:      median {b * 1000:7.1f} ms "
        f"(min {min(bare) * 1000:.1f})"
    )
    print(
        f"Final Round demo dashboard:          median {d * 1000:7.1f} ms "
        f"(min {min(demo) * 1000:.1f})"
    )
    ratio = d / b
    print(f"ratio: {ratio:.2f}x (target: at most 1.5x) -> {'MET' if ratio <= 1.5 else 'MISSED'}")


if __name__ == "__main__":
    main()
