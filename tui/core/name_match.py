"""Matching a short query against a long name, as the command palette does: the query's words
at the start of the name's words first ("name" finds "Set your name for thank-you notes"),
then letters in order anywhere."""

from __future__ import annotations

import re

_WORD = re.compile(r"\w+")
WORD_STARTS = 0.97  # every query word begins a word of the name
FUZZY = 0.85  # the best a name matched only letter by letter can score


def word_starts(query: str, name: str) -> list[int] | None:
    """Offsets in `name` of the letters typed, when each query word begins a different word of
    `name` (in any order); None otherwise."""
    words = [(m.group().lower(), m.start()) for m in _WORD.finditer(name)]
    wanted = _WORD.findall(query.lower())
    if not wanted:
        return None
    used: set[int] = set()
    offsets: list[int] = []
    for q in wanted:
        # the first unused word it begins, preferring one after the previous match
        after = max(used) if used else -1
        order = [i for i in range(len(words)) if i > after] + list(range(after + 1))
        found = next((i for i in order if i not in used and words[i][0].startswith(q)), None)
        if found is None:
            return None
        used.add(found)
        start = words[found][1]
        offsets += range(start, start + len(q))
    return offsets


def name_score(query: str, name: str) -> tuple[float, list[int]] | None:
    """How well `query` names `name` (0..1) and the offsets to highlight; None: no match.

    The exact name scores 1; every query word beginning a word of the name scores just below,
    more when the query covers more of the name's words; otherwise letters typed in order
    score by how close together they are, never above FUZZY."""
    q = " ".join(query.lower().split())
    if not q:
        return None
    if q == " ".join(name.lower().split()):
        return 1.0, list(range(len(name)))
    offsets = word_starts(q, name)
    if offsets is not None:
        covered = len(_WORD.findall(q)) / max(1, len(_WORD.findall(name)))
        return WORD_STARTS + 0.02 * covered, offsets
    offsets = []
    at = 0
    lower = name.lower()
    for ch in q.replace(" ", ""):
        at = lower.find(ch, at)
        if at < 0:
            return None
        offsets.append(at)
        at += 1
    spread = offsets[-1] - offsets[0] + 1
    return FUZZY * len(offsets) / spread, offsets
