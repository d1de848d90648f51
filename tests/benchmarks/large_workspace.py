"""A large workspace for benchmarks: the demo, then generated records through the core's own API.

Run: `uv run python tests/benchmarks/large_workspace.py PATH [--records 10000] [--seed 7]`

About 70% stories of realistic length (situation, task, action, result, competencies), the rest
questions, practice questions and records of the active opportunity. Words come from the project's
own content with a Zipf-like frequency, so common words are common and rare words rare.
"""

from __future__ import annotations

import argparse
import random
import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

from tui.core.demo import build_demo  # noqa: E402
from tui.core.repository import Workspace  # noqa: E402


def _vocabulary() -> list[str]:
    words: dict[str, int] = {}
    for path in sorted((ROOT / "content").rglob("*.toml")):
        for w in re.findall(r"[A-Za-z]{2,}", path.read_text(encoding="utf-8")):
            words[w.lower()] = words.get(w.lower(), 0) + 1
    return sorted(words, key=lambda w: -words[w])


class Writer:
    def __init__(self, rng: random.Random) -> None:
        self.rng = rng
        self.vocab = _vocabulary()
        self.weights = [1 / (rank + 5) for rank in range(len(self.vocab))]

    def words(self, n: int) -> str:
        return " ".join(self.rng.choices(self.vocab, weights=self.weights, k=n)).capitalize() + "."


def build_large(path: Path, records: int = 10_000, seed: int = 7) -> Workspace:
    """The demo workspace at `path` with `records` generated records added to it."""
    rng = random.Random(seed)
    write = Writer(rng)
    ws = build_demo(path)
    tags = [write.words(1).rstrip(".").lower() for _ in range(40)]
    with ws.batch():
        for _ in range(records):
            r = rng.random()
            if r < 0.7:
                ws.add(
                    "story",
                    {
                        "title": write.words(rng.randint(5, 9)),
                        "situation": write.words(30),
                        "task": write.words(20),
                        "action": write.words(45),
                        "result": write.words(25),
                        "impact": f"{rng.randint(2, 90)}% " + write.words(3),
                        "competencies": rng.sample(tags, 3),
                    },
                )
            elif r < 0.85:
                ws.add("question", {"text": write.words(rng.randint(8, 16))})
            elif r < 0.95:
                ws.add("practice", {"text": write.words(rng.randint(8, 16))})
            else:
                ws.add("concern", {"raised": write.words(12), "answer": write.words(30)})
    return ws


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("path", type=Path)
    parser.add_argument("--records", type=int, default=10_000)
    parser.add_argument("--seed", type=int, default=7)
    args = parser.parse_args()
    build_large(args.path, args.records, args.seed).close()
    print(args.path)


if __name__ == "__main__":
    main()
