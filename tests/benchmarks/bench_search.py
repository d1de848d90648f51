"""Search speed per keystroke: the index against a naive rapidfuzz scan, 10,000 and 100,000 records.

Run: `uv run python tests/benchmarks/bench_search.py [--sizes 10000 50000] [--seed 7]
[--thesaurus off|on|both|pairs] [--slowest N]` (`on`: with the competency thesaurus of search by
meaning; `both`: one row without it, one with; `pairs`: both indexes over the same records, each key
timed on one then the other in alternating order, medians and the median ratio per key: the
thesaurus's cost measured under the same load)

The workspace is generated: stories of about 150 words (situation, task, action, result),
questions and other records of realistic lengths, over a vocabulary of real words from
`content/` plus made-up words, drawn with a Zipf-like frequency. Queries of one to four words
from a random record, with typos (a letter swapped, dropped or changed) and the last word
unfinished, are typed one key at a time: each key is one search. Both methods are timed in the
same run on the same texts.

Index memory is measured separately with tracemalloc (which slows the build down, so the build
is timed without it) and compared with the raw text it indexes (UTF-8 bytes of the searched fields).
Beside the build (all records at once, as opening a workspace of 2,000 records or more does), the
same records added one by one, as a smaller workspace is and as every workspace was before: the
build's baseline in the same run.

Targets: at 10,000 records median <= 10 ms, p95 <= 25 ms, >= 50x faster than the naive scan,
index built in <= 1 s, memory <= 4x the raw text; at 50,000 records the same but a median of
<= 25 ms; at 100,000 records median <= 50 ms. `--slowest N` prints the N slowest keystrokes.

A large workspace's index is also kept for its next start (tui/core/index_cache.py): the time to
pack it once, then to have it ready from the kept file (read back, each record compared, the
changed ones indexed again) with nothing changed and with 1% of records changed, <= 1 s.
"""

from __future__ import annotations

import argparse
import gc
import random
import re
import statistics
import sys
import tempfile
import time
import tracemalloc
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

from rapidfuzz import fuzz, process  # noqa: E402

from tui.core.kinds import KINDS  # noqa: E402
from tui.core.search_bulk import bulk_add  # noqa: E402
from tui.core.search_index import BULK_MIN, SearchIndex  # noqa: E402

# loaded before memory is measured: index memory is what the index holds, not numpy's modules
assert bulk_add

SYLLABLES = [
    "ka",
    "ro",
    "mi",
    "ten",
    "dor",
    "al",
    "ve",
    "sun",
    "pri",
    "lo",
    "gar",
    "neth",
    "ist",
    "ou",
    "bel",
    "cor",
    "fa",
    "ly",
    "tion",
    "ment",
    "ex",
    "qu",
    "ar",
    "on",
]


def vocabulary(rng: random.Random, size: int = 30_000) -> list[str]:
    real: set[str] = set()
    for path in (ROOT / "content").rglob("*.toml"):
        real.update(w.lower() for w in re.findall(r"[A-Za-z]{2,}", path.read_text()))
    words = sorted(real)
    rng.shuffle(words)
    made: set[str] = set()
    while len(words) + len(made) < size:
        made.add("".join(rng.choice(SYLLABLES) for _ in range(rng.randint(2, 4))))
    return words + sorted(made)


class Texts:
    def __init__(self, rng: random.Random, vocab: list[str]) -> None:
        self.rng = rng
        self.vocab = vocab
        weights = [1 / (rank + 10) for rank in range(len(vocab))]
        total = sum(weights)
        self.cum = []
        acc = 0.0
        for w in weights:
            acc += w / total
            self.cum.append(acc)

    def words(self, n: int) -> str:
        picks = self.rng.choices(self.vocab, cum_weights=self.cum, k=n)
        return " ".join(picks).capitalize() + "."


def generate(n: int, rng: random.Random) -> list[tuple[tuple[str, int], str, dict]]:
    texts = Texts(rng, vocabulary(rng))
    records = []
    tags = [texts.words(1).rstrip(".").lower() for _ in range(60)]
    for i in range(n):
        r = rng.random()
        if r < 0.6:
            kind = "story"
            values = {
                "title": texts.words(rng.randint(5, 9)),
                "situation": texts.words(35),
                "task": texts.words(25),
                "action": texts.words(55),
                "result": texts.words(30),
                "impact": f"{rng.randint(2, 90)}% " + texts.words(4),
                "competencies": rng.sample(tags, 3),
            }
        elif r < 0.8:
            kind = "question"
            values = {
                "text": texts.words(rng.randint(8, 18)),
                "for_whom": "hiring manager",
                "answer": texts.words(rng.randint(0, 30)),
            }
        else:
            kind = rng.choice(["feedback", "research", "concern", "insight"])
            k = KINDS[kind]
            values = {
                f.name: texts.words(rng.randint(6, 30))
                for f in k.fields
                if f.type in ("text", "long")
            }
        records.append(((kind, i + 1), kind, values))
    return records


def typo(word: str, rng: random.Random) -> str:
    if len(word) < 5:
        return word
    i = rng.randrange(1, len(word) - 1)
    change = rng.choice(["swap", "drop", "change"])
    if change == "swap":
        return word[:i] + word[i + 1] + word[i] + word[i + 2 :]
    if change == "drop":
        return word[:i] + word[i + 1 :]
    return word[:i] + rng.choice("aeioulnrst") + word[i + 1 :]


def queries(records, rng: random.Random, count: int) -> list[str]:
    found = []
    while len(found) < count:
        _, kind, values = rng.choice(records)
        text = " ".join(str(v) for v in values.values() if isinstance(v, str))
        words = [w for w in re.findall(r"\w+", text.lower()) if len(w) >= 4]
        if not words:
            continue
        chosen = rng.sample(words, min(len(words), rng.randint(1, 4)))
        chosen = [typo(w, rng) if rng.random() < 0.4 else w for w in chosen]
        last = chosen[-1]
        chosen[-1] = last[: max(3, rng.randint(len(last) // 2, len(last)))]
        found.append(" ".join(chosen))
    return found


def keystrokes(qs: list[str]) -> list[str]:
    """Every prefix a person types on the way to each query."""
    return [q[:i] for q in qs for i in range(1, len(q) + 1) if q[:i].strip()]


def pct(values: list[float], p: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(p / 100 * (len(ordered) - 1))))]


def build_index(records, meaning=None) -> SearchIndex:
    index = SearchIndex(meaning)
    index.add_many((key, KINDS[kind], values, None) for key, kind, values in records)
    return index


def raw_bytes(records) -> int:
    """UTF-8 size of the text the index looks into (the searched fields only)."""
    total = 0
    for _, kind, values in records:
        for f in KINDS[kind].fields:
            if f.search_weight <= 0:
                continue
            value = values.get(f.name)
            if isinstance(value, list):
                total += len(", ".join(value).encode())
            elif isinstance(value, str):
                total += len(value.encode())
    return total


def one_by_one(records, meaning=None) -> float:
    """The build's baseline in the same run: the same records added one by one, as a
    workspace of fewer than BULK_MIN records is (an index holding one record already adds
    the rest so)."""
    items = [(key, KINDS[kind], values, None) for key, kind, values in records]
    index = SearchIndex(meaning)
    index.add(*items[0])
    started = time.perf_counter()
    index.add_many(items[1:])
    took = time.perf_counter() - started
    gc.unfreeze()  # add_many set the index aside from the collector
    del index
    gc.collect()
    return took


def index_memory(records, meaning=None) -> int:
    tracemalloc.start()
    before = tracemalloc.get_traced_memory()[0]
    index = build_index(records, meaning)
    used = tracemalloc.get_traced_memory()[0] - before
    tracemalloc.stop()
    del index
    return used


def kept_times(index: SearchIndex, records, meaning, rng: random.Random) -> dict:
    """The index kept for the next start (see index_cache): the time to pack it, then to have
    it ready again from the kept file with nothing changed, and with 1% of records changed."""
    from tui.core import index_cache
    from tui.core.collector import LONG_LIVED, collector_paused

    items = [(key, KINDS[kind], values, None) for key, kind, values in records]
    started = time.perf_counter()
    pieces = index_cache.pack(index)
    packed = time.perf_counter() - started
    found = {"pack": packed, "size": sum(map(len, pieces))}
    with tempfile.TemporaryDirectory() as folder:
        kept = Path(folder) / "kept.index"
        index_cache.write(kept, pieces)
        del pieces
        changed = list(items)
        for i in rng.sample(range(len(changed)), len(changed) // 100):
            key, kind, values, opportunity = changed[i]
            values = dict(values)
            name = next(
                f.name
                for f in kind.fields
                if f.search_weight > 0 and isinstance(values.get(f.name), str)
            )
            values[name] += " and then the quarterly review moved"
            changed[i] = (key, kind, values, opportunity)
        for label, now in (("ready", items), ("ready_1pct", changed)):
            started = time.perf_counter()
            # with the collector held off, as WorkspaceSearch.build reads the kept index
            with collector_paused(freeze_past=LONG_LIVED):
                back = index_cache.load(kept, meaning)
                assert back is not None and index_cache.catch_up(back, now) is not None
            found[label] = time.perf_counter() - started
            del back
            # the collector may walk all it set aside again (the index read back refers to
            # itself: only a walk frees it)
            gc.unfreeze()
    return found


def run(n: int, seed: int, naive_keys: int, meaning=None, slowest: int = 0) -> dict:
    rng = random.Random(seed)
    records = generate(n, rng)
    memory = index_memory(records, meaning)
    started = time.perf_counter()
    index = build_index(records, meaning)  # ready for typing: the look-up lists are made too
    build = time.perf_counter() - started
    before = one_by_one(records, meaning)
    keys = keystrokes(queries(records, rng, 60))
    index_times = []
    for q in keys:
        t = time.perf_counter()
        index.search(q, limit=20)
        index_times.append(time.perf_counter() - t)
    for t, q in sorted(zip(index_times, keys, strict=True), reverse=True)[:slowest]:
        print(f"  {t * 1000:.1f} ms  {q!r}", file=sys.stderr)
    texts = [
        " ".join(str(v) if not isinstance(v, list) else " ".join(v) for v in values.values())
        for _, _, values in records
    ]
    naive_times = []
    for q in rng.sample(keys, min(naive_keys, len(keys))):
        t = time.perf_counter()
        process.extract(q, texts, scorer=fuzz.WRatio, limit=20)
        naive_times.append(time.perf_counter() - t)
    words = sum(len(t.split()) for t in texts) / len(texts)
    kept = kept_times(index, records, meaning, rng)
    return {
        "kept": kept,
        "n": n,
        "build": build,
        "one_by_one": before,
        "keys": len(keys),
        "median": statistics.median(index_times),
        "p95": pct(index_times, 95),
        "naive_median": statistics.median(naive_times),
        "naive_p95": pct(naive_times, 95),
        "naive_keys": len(naive_times),
        "vocab": len(index.vocabulary),
        "memory": memory,
        "raw": raw_bytes(records),
        "words": words,
    }


def pairs(n: int, seed: int, meaning) -> None:
    """Each keystroke timed on the index without and with the thesaurus, in alternating
    order, so both see the same load; prints medians, p95 and the median ratio."""
    rng = random.Random(seed)
    records = generate(n, rng)
    plain, by_meaning = build_index(records), build_index(records, meaning)
    keys = keystrokes(queries(records, rng, 60))
    off: list[float] = []
    on: list[float] = []
    for i, q in enumerate(keys):
        order = [(plain, off), (by_meaning, on)]
        for index, times in order if i % 2 else order[::-1]:
            t = time.perf_counter()
            index.search(q, limit=20)
            times.append(time.perf_counter() - t)
    ratios = [b / a for a, b in zip(off, on, strict=True) if a > 0]
    ms = 1000
    print(
        f"{n:,} records, {len(keys)} keys: without the thesaurus median "
        f"{statistics.median(off) * ms:.1f} ms, p95 {pct(off, 95) * ms:.1f} ms; with it median "
        f"{statistics.median(on) * ms:.1f} ms, p95 {pct(on, 95) * ms:.1f} ms; "
        f"median ratio per key {statistics.median(ratios):.2f}"
    )


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--sizes", type=int, nargs="+", default=[10_000, 50_000])
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--naive-keys", type=int, default=40)
    parser.add_argument("--thesaurus", choices=("off", "on", "both", "pairs"), default="off")
    parser.add_argument("--slowest", type=int, default=0, help="print the N slowest keystrokes")
    args = parser.parse_args()
    from tui.core.thesaurus import thesaurus

    if args.thesaurus == "pairs":
        for n in args.sizes:
            pairs(n, args.seed, thesaurus())
        return
    modes = {"off": [None], "on": [thesaurus()], "both": [None, thesaurus()]}[args.thesaurus]
    ms = 1000
    print(
        "| records | vocabulary | index build | index memory | keystrokes | index median | "
        "index p95 | naive median | naive p95 | speed-up (median) |"
    )
    print("|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|")
    for n, meaning in [(n, m) for n in args.sizes for m in modes]:
        r = run(n, args.seed, args.naive_keys, meaning, args.slowest)
        label = " with thesaurus" if meaning is not None else ""
        print(
            f"| {r['n']:,}{label} | {r['vocab']:,} | {r['build']:.2f} s | "
            f"{r['memory'] / 2**20:.0f} MB ({r['memory'] / r['raw']:.1f}x text) | {r['keys']} | "
            f"{r['median'] * ms:.1f} ms | {r['p95'] * ms:.1f} ms | "
            f"{r['naive_median'] * ms:.0f} ms | {r['naive_p95'] * ms:.0f} ms | "
            f"{r['naive_median'] / r['median']:.0f}x |"
        )
        if n <= 50_000:  # at 50,000 records the targets of 10,000 but a median of 25 ms
            ok = (
                r["median"] <= (0.010 if n == 10_000 else 0.025)
                and r["p95"] <= 0.025
                and r["naive_median"] / r["median"] >= 50
                and r["build"] <= 1.0
                and r["memory"] <= 4 * r["raw"]
            )
        else:
            ok = r["median"] <= 0.050
        kept = r["kept"]
        print(
            f"  average words per record: {r['words']:.0f}; targets {'MET' if ok else 'MISSED'}"
            f"\n  the same records added one by one (as under {BULK_MIN:,} records): "
            f"{r['one_by_one']:.2f} s, {r['one_by_one'] / r['build']:.1f}x the build"
            f"\n  kept for the next start: packed in {kept['pack']:.2f} s "
            f"({kept['size'] / 2**20:.0f} MB); ready from it in {kept['ready']:.2f} s, "
            f"{kept['ready_1pct']:.2f} s with 1% of records changed; "
            f"{'MET' if max(kept['ready'], kept['ready_1pct']) <= 1.0 else 'MISSED'} (<= 1 s)",
            file=sys.stderr,
        )


if __name__ == "__main__":
    main()
