"""Matching a job description's key terms to the stories: the demo's bank against a large one.

Run: `uv run python tests/benchmarks/bench_key_terms.py [--records 10000] [--pairs 5]`

Pane 2 works out the key terms of the active opportunity's description and which stories
mention each on every redraw. Timed in the same run, over several pairs, medians reported:
  demo     the demo workspace (nine stories)
  first    the large workspace (tests/benchmarks/large_workspace.py, 70% stories), stories
           never read before: every story tokenised
  again    the same stories read afresh from the workspace, unchanged: the usual redraw
Reading the records is the pane's own cost and is not timed here. Targets: 'again' at most
150 ms at 10,000 records, and a bank over 1,000 stories is matched on a worker anyway, so the
screen never waits for it (the text itself shows at once).
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(Path(__file__).parent))

from large_workspace import build_large  # noqa: E402

from tui.core import key_terms  # noqa: E402
from tui.core.demo import build_demo  # noqa: E402
from tui.core.job_description import requirement_lines  # noqa: E402
from tui.core.repository import Workspace  # noqa: E402


def redraw(ws: Workspace) -> float:
    """What pane 2 works out on a redraw from the records the pane has read already."""
    opp = ws.active
    assert opp is not None
    stories = list(ws.stories_by_id().values())
    requirements = [r["text"] for r in ws.scoped_records("requirement")]
    description = opp["job_description"]
    start = time.perf_counter()
    requirement_lines(description, requirements)
    key_terms.coverage(description, stories, ignore=[opp["company"]])
    return time.perf_counter() - start


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--records", type=int, default=10_000)
    parser.add_argument("--pairs", type=int, default=5)
    args = parser.parse_args()
    folder = Path(tempfile.mkdtemp(prefix="finalround-bench-"))
    demo = build_demo(folder / "demo.json")
    large = build_large(folder / "large.json", records=args.records)
    stories = len(large.stories_by_id())
    times: dict[str, list[float]] = {"demo": [], "first": [], "again": []}
    for _ in range(args.pairs):
        key_terms._SEEN.clear()  # every story unread
        times["demo"].append(redraw(demo))
        times["first"].append(redraw(large))
        times["again"].append(redraw(large))
    print(f"{args.records} records, {stories} stories; medians of {args.pairs} pairs")
    for name, values in times.items():
        print(f"  {name:<6} {statistics.median(values) * 1000:8.1f} ms")


if __name__ == "__main__":
    main()
