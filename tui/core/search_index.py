"""Typo-tolerant, as-you-type search over every record, kept current as records change.

The query's words are matched against the vocabulary of the records (exact, prefix, or within
one or two edits for words of five letters or more); records holding the matched words are then
ranked by how many query words they hold, how well, and in which fields.
"""

from __future__ import annotations

import gc
import heapq
import re
from bisect import bisect_left, insort
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from operator import itemgetter

from rapidfuzz import process
from rapidfuzz.distance import OSA

from .kinds import LONG, TAGS, TEXT, Kind

WORD = re.compile(r"\w+", re.UNICODE)
FUZZY_MIN = 5  # words this long or longer tolerate typos
PREFIX_LENGTHS = range(FUZZY_MIN, 13)  # typo-tolerant prefixes of words being typed
# Stories and questions come first when scores tie.
KIND_ORDER = {
    "story": 0,
    "question": 1,
    "practice": 2,
    "starter_question": 3,
    "starter_practice": 4,
}


def words_of(text: str) -> list[tuple[str, int, int]]:
    """(lowercased word, start, end) for every word of `text`."""
    return [(m.group().lower(), m.start(), m.end()) for m in WORD.finditer(text)]


_SEARCHABLE: dict[str, tuple[tuple[str, str, float], ...]] = {}


def _searchable(kind: Kind) -> tuple[tuple[str, str, float], ...]:
    """(field name, type, weight) of the fields of `kind` that search looks into."""
    found = _SEARCHABLE.get(kind.name)
    if found is None:
        found = _SEARCHABLE[kind.name] = tuple(
            (f.name, f.type, f.search_weight)
            for f in kind.fields
            if f.search_weight > 0 and f.type in (TEXT, LONG, TAGS)
        )
    return found


def max_edits(word: str) -> int:
    return 2 if len(word) >= 8 else 1 if len(word) >= FUZZY_MIN else 0


@dataclass
class Doc:
    key: tuple[str, int]
    kind: Kind
    title: str
    opportunity: int | None
    fields: list[tuple[str, str, float]]  # (field name, text, weight)
    tags: list[str]
    weights: dict[str, float] = field(default_factory=dict)  # word -> best field weight


@dataclass(frozen=True)
class Hit:
    key: tuple[str, int]
    kind: Kind
    title: str
    score: float  # 0..1
    opportunity: int | None
    title_spans: tuple[tuple[int, int], ...]
    snippet: str
    snippet_spans: tuple[tuple[int, int], ...]
    snippet_field: str

    @property
    def kind_name(self) -> str:
        return self.key[0]

    @property
    def id(self) -> int:
        return self.key[1]


@dataclass
class Query:
    words: list[str]
    last_is_partial: bool
    tags: list[str]
    kinds: set[str] | None

    @classmethod
    def parse(cls, text: str, kinds: Iterable[str] | None = None) -> Query:
        tags = [t[1:].lower() for t in text.split() if t.startswith("#") and len(t) > 1]
        rest = " ".join(t for t in text.split() if not t.startswith("#"))
        words = [w for w, _, _ in words_of(rest)]
        partial = bool(words) and not text.endswith((" ", "\t"))
        return cls(words, partial, tags, set(kinds) if kinds else None)


class SearchIndex:
    """An inverted index over records' words; add, update and remove one record at a time."""

    def __init__(self) -> None:
        self.docs: dict[tuple[str, int], Doc] = {}
        # Records are numbered inside the index; word -> the numbers of the records holding it.
        # Lists, because appending is much cheaper than filling dicts at 10,000 records.
        self.postings: dict[str, list[int]] = {}
        # word -> {record number: weight} where the weightiest field holding it is not 1.0
        self.boosts: dict[str, dict[int, float]] = {}
        self._numbers: dict[tuple[str, int], int] = {}
        self._by_number: dict[int, Doc] = {}
        self._next_number = 0
        self._sorted: list[str] | None = None  # the vocabulary, sorted, for prefix look-ups
        # typo-tolerant prefixes, built on the first query that needs them
        self._prefixes: dict[int, dict[str, set[str]]] | None = None
        self._prefix_lists: dict[int, list[str]] = {}  # cached keys of _prefixes
        self._by_length: dict[int, set[str]] | None = None  # built on first use
        self._by_length_lists: dict[int, list[str]] = {}
        # What one query word matched, and its best score per record: as a person types,
        # only the last word changes, so the others come from here. Cleared on any change.
        self._word_cache: dict[tuple[str, bool], tuple[dict[str, float], dict]] = {}

    # -- keeping current -----------------------------------------------------------------
    def add(
        self, key: tuple[str, int], kind: Kind, values: dict, opportunity: int | None = None
    ) -> None:
        if key in self.docs:
            self.remove(key)
        fields: list[tuple[str, str, float]] = []
        tags: list[str] = []
        by_weight: dict[float, list[str]] = {}
        for name, type_, weight in _searchable(kind):
            value = values.get(name)
            if type_ == TAGS:
                tags += [str(t).lower() for t in value or []]
                text = ", ".join(value or [])
            else:
                text = str(value or "")
            if text:
                fields.append((name, text, weight))
                by_weight.setdefault(weight, []).append(text)
        weights: dict[str, float] = {}
        # lightest fields first, so a word's weight ends as that of its weightiest field
        for weight in sorted(by_weight):
            text = "\n".join(by_weight[weight]).lower()
            weights.update(dict.fromkeys(WORD.findall(text), weight))
        doc = Doc(key, kind, kind.title_of(values), opportunity, fields, tags, weights)
        number = self._next_number
        self._next_number += 1
        self.docs[key] = doc
        self._numbers[key] = number
        self._by_number[number] = doc
        self._word_cache.clear()
        postings, boosts = self.postings, self.boosts
        for word in weights:
            try:
                postings[word].append(number)
            except KeyError:  # a word new to the index
                postings[word] = [number]
                self._word_added(word)
        if any(weight > 1.0 for weight in by_weight):
            for word, weight in weights.items():
                if weight > 1.0:
                    boosts.setdefault(word, {})[number] = weight

    def add_many(self, items: Iterable[tuple[tuple[str, int], Kind, dict, int | None]]) -> None:
        """Index many records at once, with the garbage collector paused: it would otherwise
        walk the growing index again and again for no gain."""
        enabled = gc.isenabled()
        gc.disable()
        # the word lists derived from the vocabulary are rebuilt once, on the next search
        self._sorted = self._by_length = self._prefixes = None
        self._by_length_lists.clear()
        self._prefix_lists.clear()
        try:
            for key, kind, values, opportunity in items:
                self.add(key, kind, values, opportunity)
        finally:
            if enabled:
                gc.enable()

    def remove(self, key: tuple[str, int]) -> None:
        doc = self.docs.pop(key, None)
        if doc is None:
            return
        number = self._numbers.pop(key)
        del self._by_number[number]
        self._word_cache.clear()
        for word in doc.weights:
            posting = self.postings.get(word)
            if posting is None:
                continue
            posting.remove(number)
            boost = self.boosts.get(word)
            if boost is not None:
                boost.pop(number, None)
                if not boost:
                    del self.boosts[word]
            if not posting:
                del self.postings[word]
                self._word_removed(word)

    def _word_added(self, word: str) -> None:
        if self._sorted is not None:
            insort(self._sorted, word)
        self._prefix_lists.clear()
        self._by_length_lists.pop(len(word), None)
        if self._by_length is not None:
            self._by_length.setdefault(len(word), set()).add(word)
        if self._prefixes is not None:
            for n in PREFIX_LENGTHS:
                if len(word) >= n:
                    self._prefixes[n].setdefault(word[:n], set()).add(word)

    def _word_removed(self, word: str) -> None:
        if self._sorted is not None:
            i = bisect_left(self._sorted, word)
            if i < len(self._sorted) and self._sorted[i] == word:
                del self._sorted[i]
        self._prefix_lists.clear()
        self._by_length_lists.pop(len(word), None)
        if self._by_length is not None:
            self._by_length.get(len(word), set()).discard(word)
        if self._prefixes is None:
            return
        for n in PREFIX_LENGTHS:
            if len(word) >= n:
                group = self._prefixes[n].get(word[:n])
                if group is not None:
                    group.discard(word)
                    if not group:
                        del self._prefixes[n][word[:n]]

    def __len__(self) -> int:
        return len(self.docs)

    # -- matching words ------------------------------------------------------------------
    def _vocabulary(self) -> list[str]:
        if self._sorted is None:
            self._sorted = sorted(self.postings)
        return self._sorted

    def _prefix_words(self, stem: str, cap: int) -> list[str]:
        vocab = self._vocabulary()
        found: list[str] = []
        i = bisect_left(vocab, stem)
        while i < len(vocab) and vocab[i].startswith(stem) and len(found) < cap:
            found.append(vocab[i])
            i += 1
        return found

    def _prefix_map(self) -> dict[int, dict[str, set[str]]]:
        if self._prefixes is None:
            self._prefixes = {n: {} for n in PREFIX_LENGTHS}
            for word in self.postings:
                for n in PREFIX_LENGTHS:
                    if len(word) < n:
                        break
                    self._prefixes[n].setdefault(word[:n], set()).add(word)
        return self._prefixes

    def _words_of_length(self, length: int) -> list[str]:
        if self._by_length is None:
            self._by_length = defaultdict(set)
            for word in self.postings:
                self._by_length[len(word)].add(word)
        words = self._by_length_lists.get(length)
        if words is None:
            words = self._by_length_lists[length] = list(self._by_length.get(length, ()))
        return words

    def match_word(self, word: str, partial: bool) -> dict[str, float]:
        """Vocabulary words that `word` stands for, with a quality from 0 to 1."""
        matches: dict[str, float] = {}
        if word in self.postings:
            matches[word] = 1.0
        if partial or len(word) >= 3:
            cap = 50 if len(word) <= 2 else 400
            for other in self._prefix_words(word, cap):
                if other != word:
                    # a longer completion of the word counts a little less than the word
                    matches.setdefault(other, 0.9 if partial else 0.75)
        edits = max_edits(word)
        if edits:
            near: list[str] = []
            for length in range(len(word) - edits, len(word) + edits + 1):
                near += self._words_of_length(length)
            for other, dist, _ in process.extract(
                word, near, scorer=OSA.distance, score_cutoff=edits, limit=None
            ):
                quality = 1.0 - 0.2 * dist
                if matches.get(other, 0.0) < quality:
                    matches[other] = quality
            if partial and len(word) in PREFIX_LENGTHS:
                prefixes = self._prefix_map()[len(word)]
                stems = self._prefix_lists.get(len(word))
                if stems is None:
                    stems = self._prefix_lists[len(word)] = list(prefixes)
                for stem, dist, _ in process.extract(
                    word, stems, scorer=OSA.distance, score_cutoff=edits, limit=None
                ):
                    if dist == 0:
                        continue
                    quality = 0.85 - 0.2 * dist
                    for other in prefixes[stem]:
                        if matches.get(other, 0.0) < quality:
                            matches[other] = quality
        return matches

    # -- searching -----------------------------------------------------------------------
    def _best(self, word: str, partial: bool) -> tuple[dict[str, float], dict]:
        """What `word` matched, and per record the best quality x field weight of a match."""
        cached = self._word_cache.get((word, partial))
        if cached is not None:
            return cached
        matches = self.match_word(word, partial)
        best: dict[int, float] = {}
        # weakest matches first: a record keeps the quality of its best match
        for other, quality in sorted(matches.items(), key=lambda m: m[1]):
            best.update(dict.fromkeys(self.postings[other], quality))
        for other, quality in matches.items():  # title and tag words count more
            for number, weight in self.boosts.get(other, {}).items():
                value = quality * weight
                if value > best[number]:
                    best[number] = value
        if len(self._word_cache) > 256:
            self._word_cache.clear()
        self._word_cache[(word, partial)] = (matches, best)
        return matches, best

    def search(
        self,
        text: str,
        limit: int = 20,
        kinds: Iterable[str] | None = None,
        opportunity: int | None = None,
    ) -> list[Hit]:
        """Ranked hits for `text`; `#tag` words narrow to records with that tag.

        A record that holds more of the query's words always ranks above one that holds
        fewer; among equals, better matches in weightier fields (title, tags) rank higher.
        """
        query = Query.parse(text, kinds)
        if not query.words and not query.tags:
            return []
        n = len(query.words)
        matched_words: set[str] = set()
        total: dict[int, float] = {}
        scale = 1.0 / (3.0 * max(n, 1))  # field weights go up to 3
        for i, word in enumerate(query.words):
            partial = query.last_is_partial and i == n - 1
            matches, best = self._best(word, partial)
            matched_words.update(matches)
            if i == 0:
                total = {key: 1.0 + value * scale for key, value in best.items()}
                continue
            get = total.get
            for key, value in best.items():
                total[key] = get(key, 0.0) + 1.0 + value * scale
        docs = self._by_number
        if not query.words:
            total = dict.fromkeys(docs, 1.0)
        if query.kinds is not None or query.tags:
            total = {
                number: v
                for number, v in total.items()
                if (query.kinds is None or docs[number].kind.name in query.kinds)
                and all(any(t.startswith(q) for t in docs[number].tags) for q in query.tags)
            }
        top = heapq.nlargest(limit, total.items(), key=itemgetter(1))
        if top and len(total) > limit:
            # records tied with the last one in: stories and questions first, then by title
            threshold = top[-1][1]
            above = [(number, v) for number, v in top if v > threshold]
            tied = [number for number, v in total.items() if v == threshold]
            slots = limit - len(above)
            if len(tied) > slots:
                tied = heapq.nsmallest(
                    slots,
                    tied,
                    key=lambda number: (
                        KIND_ORDER.get(docs[number].kind.name, 9),
                        docs[number].title.lower(),
                    ),
                )
            top = above + [(number, threshold) for number in tied]
        denominator = n + 1 if n else 1
        hits = [(min(v, n + 1) / denominator, docs[number]) for number, v in top]
        hits.sort(
            key=lambda h: (-round(h[0], 4), KIND_ORDER.get(h[1].kind.name, 9), h[1].title.lower())
        )
        return [self._hit(doc, score, matched_words, query.tags) for score, doc in hits]

    def _hit(self, doc: Doc, score: float, matched: set[str], tags: list[str]) -> Hit:
        def spans(text: str) -> list[tuple[int, int]]:
            found = [(s, e) for w, s, e in words_of(text) if w in matched]
            if tags:
                found += [
                    (s, e) for w, s, e in words_of(text) if any(w.startswith(t) for t in tags)
                ]
            return sorted(set(found))

        title_spans = spans(doc.title)
        best_field, best_text = "", ""
        best_spans: list[tuple[int, int]] = []
        for name, text, _ in doc.fields:
            found = spans(text)
            if name == doc.kind.title_field and len(doc.fields) > 1:
                continue
            if len(found) > len(best_spans):
                best_field, best_text, best_spans = name, text, found
        if not best_spans and not title_spans:
            for name, text, _ in doc.fields:
                if name != doc.kind.title_field:
                    best_field, best_text = name, text
                    break
        snippet, snippet_spans = _window(best_text, best_spans)
        return Hit(
            doc.key,
            doc.kind,
            doc.title,
            round(score, 4),
            doc.opportunity,
            tuple(title_spans),
            snippet,
            tuple(snippet_spans),
            best_field,
        )


def _window(
    text: str, spans: list[tuple[int, int]], width: int = 90
) -> tuple[str, list[tuple[int, int]]]:
    """About `width` characters of `text` around its first match, on one line."""
    flat = text.replace("\n", " ")
    if not spans:
        cut = flat[:width]
        return (cut + "…" if len(flat) > width else cut), []
    start = max(0, spans[0][0] - 25)
    if start:
        space = flat.rfind(" ", 0, start + 1)
        start = space + 1 if space >= 0 and start - space < 15 else start
    end = min(len(flat), start + width)
    prefix = "…" if start else ""
    suffix = "…" if end < len(flat) else ""
    shift = len(prefix) - start
    inside = [(s + shift, e + shift) for s, e in spans if s >= start and e <= end]
    return prefix + flat[start:end] + suffix, inside
