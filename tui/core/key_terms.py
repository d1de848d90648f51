"""A job description's key terms (skills, tools, domain words) and the stories that mention
them, forgiving plurals, hyphens and small typos; the terms no story mentions are gaps."""

from __future__ import annotations

import re
import sys
from collections import defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass

from rapidfuzz import process
from rapidfuzz.distance import OSA

from .job_description import candidates, cues
from .kinds import STORY_KIND
from .record import Record

# Words: letters and digits, with inner '-', '/', '.', and trailing '+' or '#' (C++, C#, CI/CD).
_TOKEN = re.compile(r"[A-Za-z0-9][A-Za-z0-9]*(?:[-/.][A-Za-z0-9]+)*[+#]*")
PAIR_WINDOW = 3  # a phrase's two words may stand this far apart, in either order, in a story
# What a word that a listed phrase holds must score outside that phrase to be listed on its
# own too: a name once in a requirement line, or a plain word in two ('data' beside 'data
# quality' in a title, a blurb or once more is not enough)
ON_ITS_OWN = 2.0
_STORY_FIELDS = ("title", "situation", "task", "action", "result", "impact")


def fold(word: str) -> str:
    """The form words are compared in: lowercase, no hyphens or dots, plural made singular."""
    w = word.lower().replace("-", "").replace(".", "")
    if len(w) > 4 and w.endswith("ies"):
        return w[:-3] + "y"
    if len(w) > 4 and w.endswith(("sses", "xes", "zes", "ches", "shes")):
        return w[:-2]
    if len(w) > 3 and w.endswith("s") and not w.endswith(("ss", "us", "is")):
        return w[:-1]
    return w


def max_typos(word: str) -> int:
    """Short words must match exactly; longer ones forgive one or two slips."""
    return 2 if len(word) >= 9 else 1 if len(word) >= 6 else 0


@dataclass(frozen=True)
class KeyTerm:
    text: str  # as the description first writes it: 'Kubernetes', 'cloud infrastructure'
    words: tuple[str, ...]  # folded
    count: int  # how often the description uses it
    spans: tuple[tuple[int, int], ...]  # where, in the description


@dataclass(frozen=True)
class TermCoverage:
    term: KeyTerm
    stories: tuple[int, ...]  # ids of the stories that mention it

    @property
    def gap(self) -> bool:
        return not self.stories


def _tokens(text: str) -> list[tuple[str, int, int, bool]]:
    """(word, start, end, joined to the previous word by a space only) of `text`."""
    out: list[tuple[str, int, int, bool]] = []
    last_end = None
    for m in _TOKEN.finditer(text):
        gap = text[last_end : m.start()] if last_end is not None else ""
        joined = gap.isspace() and gap.count("\n") < 2  # a blank line ends a phrase
        out.append((m.group(), m.start(), m.end(), joined))
        last_end = m.end()
    return out


def _emphasised(word: str, text: str, start: int) -> bool:
    """A tool or a name: capitals inside (PostgreSQL, CI/CD), symbols (C++), or a capital
    in the middle of a sentence (Kubernetes)."""
    if any(ch in word for ch in "/+#") or any(ch.isupper() for ch in word[1:]):
        return True
    before = text[:start].rstrip()
    sentence_start = not before or before[-1] in ".!?;\n•-*" or before.endswith("\n")
    return word[:1].isupper() and not sentence_start


def _runs(
    description: str, useful: Callable[[str], bool]
) -> list[list[tuple[str, int, int, bool]]]:
    """Runs of useful words joined by spaces only: 'cloud infrastructure', 'Kubernetes'."""
    runs: list[list[tuple[str, int, int, bool]]] = []
    for tok in _tokens(description):
        if not useful(tok[0]):
            runs.append([])
        elif tok[3] and runs and runs[-1]:
            runs[-1].append(tok)
        else:
            runs.append([tok])
    return [r for r in runs if r]


def key_terms(description: str, limit: int = 14, ignore: Iterable[str] = ()) -> list[KeyTerm]:
    """The description's key terms, most telling first: words and two-word phrases that are
    not stop words, ranked by how often they come and whether they are emphasised (tools,
    names, CI/CD). A two-word phrase counts when it stands alone ('cost optimisation of
    cloud infrastructure') or comes back; a word a listed phrase holds is listed again on its
    own only when its other uses score ON_ITS_OWN ('data quality', not 'data' beside it).
    Words outside the lines that read like requirements (the company blurb, the perks) count
    half. Stop words and the verbs of any duty ('build', 'operate') are never terms; nor are
    the words of `ignore` (the company's name)."""
    stop = cues().stop_words | {w.lower() for text in ignore for w, *_ in _tokens(text)}
    lines = [(c.start, c.end) for c in candidates(description)]

    def weight(at: int) -> float:
        return 1.0 if any(start <= at < end for start, end in lines) else 0.5

    def useful(word: str) -> bool:
        low = word.lower()
        return low not in stop and len(low) > 1 and any(ch.isalpha() for ch in low)

    score: dict[tuple[str, ...], float] = defaultdict(float)
    count: dict[tuple[str, ...], int] = defaultdict(int)
    spans: dict[tuple[str, ...], list[tuple[int, int]]] = defaultdict(list)
    surface: dict[tuple[str, ...], str] = {}
    first: dict[tuple[str, ...], int] = {}
    emphasised: set[tuple[str, ...]] = set()
    # each use's score, in the order of `spans`
    scores: dict[tuple[str, ...], list[float]] = defaultdict(list)
    pairs: list[tuple[tuple[str, ...], int, int, bool, bool]] = []

    for run in _runs(description, useful):
        marks = [_emphasised(w, description, start) for w, start, _, _ in run]
        for (word, start, end, _), bonus in zip(run, marks, strict=True):
            key: tuple[str, ...] = (fold(word),)
            # a capital at the start of a line may be a tool too ('Python for data work')
            base = 2.0 if bonus else 1.3 if word[:1].isupper() else 1.0
            scores[key].append(base * weight(start))
            score[key] += scores[key][-1]
            count[key] += 1
            spans[key].append((start, end))
            # shown as written where it stands out, else as written in running text
            if bonus or key not in surface or (surface[key][:1].isupper() and word.islower()):
                if bonus or key not in emphasised:
                    surface[key] = word
            if bonus:
                emphasised.add(key)
            first.setdefault(key, start)
        for i in range(len(run) - 1):
            (a, start, _, _), (b, _, end, _) = run[i], run[i + 1]
            pairs.append(((fold(a), fold(b)), start, end, len(run) == 2, marks[i] or marks[i + 1]))
    seen: dict[tuple[str, ...], int] = defaultdict(int)
    for pair, *_ in pairs:
        seen[pair] += 1
    for key, start, end, alone, bonus in pairs:
        if seen[key] < 2 and not (alone and weight(start) == 1.0):
            continue  # a phrase said once counts only as a whole item of a requirement line
        score[key] += (2.5 if bonus else 2.0) * weight(start)
        count[key] += 1
        spans[key].append((start, end))
        text = description[start:end]
        surface.setdefault(key, " ".join((text if bonus else text.lower()).split()))
        first.setdefault(key, start)

    def on_its_own(word: tuple[str, ...], chosen: list[tuple[str, ...]]) -> bool:
        """Whether `word` is still a key term beside the listed phrases that hold it, by its
        uses outside them."""
        held = [at for p in chosen if len(p) == 2 and word[0] in p for at in spans[p]]
        if not held:
            return True
        outside = (
            s
            for (at, _), s in zip(spans[word], scores[word], strict=True)
            if not any(a <= at < b for a, b in held)
        )
        return sum(outside) >= ON_ITS_OWN

    ranked = sorted(score, key=lambda k: (-score[k], first[k]))
    chosen: list[tuple[str, ...]] = []
    for key in ranked:
        if len(key) == 1 and not on_its_own(key, chosen):
            continue  # (mostly) part of a phrase already listed
        chosen.append(key)
        if len(chosen) >= limit:
            break
    # a word listed before a phrase that (mostly) holds it: keep the phrase only
    chosen = [k for k in chosen if len(k) == 2 or on_its_own(k, chosen)]
    return [KeyTerm(surface[k], k, count[k], tuple(spans[k])) for k in chosen]


_RAW = re.compile(r"[a-z0-9]+(?:[-/.][a-z0-9]+)*[+#]*")  # _TOKEN, on lowercased text


# A story's text and words by the text of its fields: a story read again unchanged is not
# tokenised again (the key is the text itself, so two workspaces can never mix).
_SEEN: dict[tuple[str, ...], tuple[str, frozenset[str]]] = {}
_SEEN_MAX = 50_000


def _story_words(story: Record) -> tuple[str, frozenset[str]]:
    """A story's words, lowercased, one field a line (a phrase never spans two fields), and
    the set of them."""
    parts = tuple(str(story.values.get(name) or "") for name in _STORY_FIELDS) + tuple(
        str(tag) for tag in story.values.get("competencies") or []
    )
    found = _SEEN.get(parts)
    if found is None:
        text = "\n".join(p.replace("\n", " ") for p in parts).lower()
        # each word once in memory however many stories hold it: thousands of stories'
        # words are kept here, and most are the same few thousand words
        found = (text, frozenset(map(sys.intern, _RAW.findall(text))))
        if len(_SEEN) >= _SEEN_MAX:
            _SEEN.clear()
        _SEEN[parts] = found
    return found


class StoryIndex:
    """The words of a set of stories, to find which stories mention a term. Built with
    regular expressions and set operations, so thousands of stories take a fraction of a
    second; a phrase's words are looked for near each other only in the stories holding both."""

    def __init__(self, stories: Iterable[Record], pause: Callable[[], None] | None = None) -> None:
        """`pause` is called every few hundred stories (on a worker: to let keys go first)."""
        self.texts: dict[int, str] = {}
        self.words: dict[int, frozenset[str]] = {}
        vocabulary: set[str] = set()
        for n, story in enumerate(stories):
            text, words = _story_words(story)
            self.texts[story.id] = text
            self.words[story.id] = words
            vocabulary |= words
            if pause is not None and n % 256 == 255:
                pause()
        self._by_fold: dict[str, set[str]] = defaultdict(set)
        for word in vocabulary:
            self._by_fold[fold(word)].add(word)
        self._keys = list(self._by_fold)
        self._near: dict[str, frozenset[str]] = {}

    def near(self, word: str) -> frozenset[str]:
        """The words of the stories (as written) whose folded form is within a typo or two of
        the folded `word`."""
        if word not in self._near:
            typos = max_typos(word)
            if typos == 0:
                folds = [word] if word in self._by_fold else []
            else:
                found = process.extract(
                    word, self._keys, scorer=OSA.distance, score_cutoff=typos, limit=None
                )
                folds = [w for w, _, _ in found if abs(len(w) - len(word)) <= typos]
            self._near[word] = frozenset(raw for f in folds for raw in self._by_fold[f])
        return self._near[word]

    def _holding(self, words: frozenset[str]) -> set[int]:
        if not words:
            return set()
        return {i for i, held in self.words.items() if not held.isdisjoint(words)}

    def _close(self, story_id: int, first: frozenset[str], second: frozenset[str]) -> bool:
        """Whether a word of `first` and one of `second` stand within PAIR_WINDOW words of
        each other, in either order, in one field of the story."""
        for line in self.texts[story_id].split("\n"):
            tokens = _RAW.findall(line)
            at_first = [i for i, t in enumerate(tokens) if t in first]
            at_second = [i for i, t in enumerate(tokens) if t in second]
            if any(0 < abs(i - j) <= PAIR_WINDOW for i in at_first for j in at_second):
                return True
        return False

    def mentions(self, words: tuple[str, ...]) -> set[int]:
        """Ids of the stories that mention a term of one or two folded words."""
        if len(words) == 1:
            return self._holding(self.near(words[0]))
        a, b = words[0], words[-1]
        found = self._holding(self.near(a + b))  # 'event-driven' for 'event driven'
        first, second = self.near(a), self.near(b)
        both = self._holding(first) & self._holding(second)
        return found | {i for i in both if self._close(i, first, second)}


def coverage(
    description: str,
    stories: Iterable[Record],
    limit: int = 14,
    ignore: Iterable[str] = (),
    pause: Callable[[], None] | None = None,
) -> list[TermCoverage]:
    """Each key term of `description` with the stories that mention it (no stories: a gap);
    `pause` as for StoryIndex."""
    index = StoryIndex(stories, pause)
    return [
        TermCoverage(term, tuple(sorted(index.mentions(term.words))))
        for term in key_terms(description, limit, ignore)
    ]


def terms_in(text: str, terms: Iterable[KeyTerm]) -> list[KeyTerm]:
    """The terms that `text` (a requirement, a question) uses, forgiving plurals and typos."""
    index = StoryIndex([Record(STORY_KIND, 0, {"title": text})])
    return [t for t in terms if index.mentions(t.words)]


def suggest_stories(
    text: str, description: str, stories: Iterable[Record], limit: int = 5
) -> list[tuple[int, tuple[str, ...]]]:
    """Stories for a requirement: (story id, the key terms it shares with `text`), those
    sharing most first. The terms are the description's key terms that `text` uses, or
    `text`'s own key terms when it uses none of them."""
    terms = terms_in(text, key_terms(description, 30)) if description.strip() else []
    if not terms:
        terms = key_terms(text, 8)
    index = StoryIndex(stories)
    shared: dict[int, list[str]] = defaultdict(list)
    for term in terms:
        for story_id in index.mentions(term.words):
            shared[story_id].append(term.text)
    ranked = sorted(shared.items(), key=lambda item: (-len(item[1]), item[0]))
    return [(story_id, tuple(found)) for story_id, found in ranked[:limit]]
