"""Save time, fsync included, with 1,000 and 10,000 records; and keys handled during a save.

Run: `uv run python tests/benchmarks/bench_save.py [--saves 30]`

Each save is one edit of one story through the workspace, as the app makes it (serialize,
temporary file, flush, fsync, rename), on a workspace of generated records of realistic size
in a temporary folder. Then the app runs headless on the 10,000-record workspace: while a save
of it runs on the save thread, keys are pressed and the time each takes to be handled is
compared with the same keys pressed with no save under way.

The same edits through the save thread, as the app makes them, each kept for undo: their
time, and how much text the undo history holds afterwards.

Target: median save at most 20 ms with 1,000 records; keys still handled during a
10,000-record save.
"""

from __future__ import annotations

import argparse
import asyncio
import queue
import random
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

from tui.core.repository import Workspace  # noqa: E402
from tui.core.requests import SaveRecord  # noqa: E402

WORDS = (
    "build pipeline team latency migration customer release incident review design "
    "platform cost metric mentor conflict roadmap deadline quality scale"
).split()


def sentence(rng: random.Random, n: int) -> str:
    return " ".join(rng.choice(WORDS) for _ in range(n)).capitalize() + "."


def make_workspace(path: Path, n: int, rng: random.Random) -> Workspace:
    ws = Workspace(path)
    opp = ws.add("opportunity", {"company": "Acme", "role": "Engineer"})
    with ws.batch():
        for i in range(n):
            if i % 3:
                ws.add(
                    "story",
                    {
                        "title": sentence(rng, 7),
                        "situation": sentence(rng, 35),
                        "task": sentence(rng, 25),
                        "action": sentence(rng, 55),
                        "result": sentence(rng, 30),
                        "impact": "30% faster",
                        "competencies": ["leadership", "delivery"],
                    },
                )
            else:
                ws.add(
                    "concern",
                    {"raised": sentence(rng, 15), "answer": sentence(rng, 40)},
                    opportunity=opp.id,
                )
    return ws


def time_saves(ws: Workspace, saves: int) -> list[float]:
    story = ws.all_records("story")[0]
    times = []
    for i in range(saves):
        start = time.perf_counter()
        ws.update("story", story.id, {"title": f"Edited title {i}"})
        times.append(time.perf_counter() - start)
    return times


def saves_with_undo(ws: Workspace, saves: int) -> tuple[list[float], int]:
    """Save times through the save thread, as the app saves, each change kept for undo; and
    the characters of text the undo history holds afterwards."""
    from tui.core.save_queue import Change, SaveQueue

    done: queue.Queue[Change] = queue.Queue()
    thread = SaveQueue(done.put)
    story = ws.all_records("story")[1]
    times = []
    for i in range(saves):
        start = time.perf_counter()
        thread.submit(ws, SaveRecord("story", story.id, {"title": f"Kept for undo {i}"}))
        change = done.get(timeout=60)
        times.append(time.perf_counter() - start)
        assert change.ok, change.error
    return times, thread.history.size


async def keys_during_save(ws: Workspace, presses: int = 20):
    """Key handling times with no save, then while a save runs on the save thread; and how
    many of the keys pressed meanwhile were handled before the save had finished."""
    from tui.ui.app import FinalRoundApp

    app = FinalRoundApp(ws)
    story = ws.all_records("story")[0]
    window: dict[str, float] = {}

    class TimedSave(SaveRecord):  # the app's own save request, timed on the save thread
        def apply(self, ws: Workspace) -> None:
            window["start"] = time.perf_counter()
            super().apply(ws)
            window["end"] = time.perf_counter()

    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("4")
        await pilot.pause()

        async def press_times() -> list[tuple[float, float]]:
            out = []
            for i in range(presses):
                start = time.perf_counter()
                await pilot.press("j" if i % 2 == 0 else "k")
                out.append((start, time.perf_counter()))
            return out

        quiet = await press_times()
        ticks: list[float] = []

        async def tick() -> None:  # how often the UI thread gets to run during the save
            while "end" not in window:
                ticks.append(time.perf_counter())
                await asyncio.sleep(0.001)

        app.submit(TimedSave("story", story.id, {"title": "saved meanwhile"}))
        ticker = asyncio.create_task(tick())
        during = await press_times()
        await asyncio.to_thread(app.saves.wait, 60)
        await ticker
    inside_ticks = [t for t in ticks if window["start"] <= t <= window["end"]]
    gaps = [b - a for a, b in zip(inside_ticks, inside_ticks[1:], strict=False)]
    window["lag"] = max(gaps, default=0.0)
    window["ticks"] = len(inside_ticks)
    inside = sum(1 for _, done in during if window["start"] <= done <= window["end"])
    return ([e - s for s, e in quiet], [e - s for s, e in during], window, inside)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--saves", type=int, default=30)
    args = parser.parse_args()
    rng = random.Random(3)
    ms = 1000
    print("| records | file size | saves | median | p95 |")
    print("|---:|---:|---:|---:|---:|")
    results = {}
    with tempfile.TemporaryDirectory() as tmp:
        for n in (1_000, 10_000):
            path = Path(tmp) / f"w{n}.json"
            ws = make_workspace(path, n, rng)
            times = time_saves(ws, args.saves)
            results[n] = statistics.median(times)
            p95 = sorted(times)[int(0.95 * (len(times) - 1))]
            print(
                f"| {n:,} | {path.stat().st_size / 1e6:.1f} MB | {len(times)} | "
                f"{results[n] * ms:.1f} ms | {p95 * ms:.1f} ms |"
            )
            if n == 10_000:
                undo_times, held = saves_with_undo(ws, args.saves)
                size = path.stat().st_size
                quiet, during, window, inside = asyncio.run(keys_during_save(ws))
        print()
        print(
            f"10,000 records through the save thread, each change kept for undo: median "
            f"{statistics.median(undo_times) * ms:.1f} ms; after {len(undo_times)} saves undo "
            f"holds {held / 1e3:.1f} thousand characters of record text "
            f"({held / size:.4f}x the {size / 1e6:.1f} MB file)."
        )
        took = window["end"] - window["start"]
        print(
            f"10,000 records, a save on the save thread took {took * ms:.0f} ms. Meanwhile "
            f"the UI thread ran {window['ticks']} times, its longest wait between turns "
            f"{window['lag'] * ms:.0f} ms, and "
            f"{inside} key presses finished. A key press through Pilot: median "
            f"{statistics.median(during) * ms:.0f} ms around the save (max "
            f"{max(during) * ms:.0f}), {statistics.median(quiet) * ms:.0f} ms with no save "
            f"(max {max(quiet) * ms:.0f}); Pilot waits for the screen after each key."
        )
    ok = results[1_000] <= 0.020
    print(f"target (median <= 20 ms at 1,000 records): {'MET' if ok else 'MISSED'}")


if __name__ == "__main__":
    main()
