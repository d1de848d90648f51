"""Typo-tolerant, as-you-type search over every record, kept current as records change.

Records are held as arrays of word numbers (see search_words); ranking counts the query words a
record holds, then whether they stand together as typed, how well and in which fields they match.
"""

from __future__ import annotations

import gc
import heapq
from array import array
from collections.abc import Iterable
from dataclasses import dataclass
from operator import itemgetter
from typing import Any

from .kinds import LONG, TAGS, TEXT, Kind
from .search_words import Vocabulary, normalise, tokens, words_of

SEP = 0xFFFFFFFF  # between two fields of a record: their words are never adjacent
POOL = 1500  # at most this many records are checked for the query's words standing together
NEAR = 3  # words at most this far apart count as near each other
PROXIMITY_WEIGHT = 0.499  # phrase part of the score, below one query word
# Stories and questions come first when scores tie.
KIND_ORDER = {
    "story": 0,
    "question": 1,
    "practice": 2,
    "starter_question": 3,
    "starter_practice": 4,
}

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


@dataclass(slots=True)
class Doc:
    key: tuple[str, int]
    kind: Kind
    title: str
    opportunity: int | None
    fields: tuple[tuple[str, str, float], ...]  # (field name, text, weight)
    tags: tuple[str, ...]
    tokens: array  # word numbers of every field in order, SEP after each field
    number: int  # numbers grow with each add: a higher one is a more recent change


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
        tags = [normalise(t[1:]) for t in text.split() if t.startswith("#") and len(t) > 1]
        rest = " ".join(t for t in text.split() if not t.startswith("#"))
        words = [w for w, _, _ in words_of(rest)]
        partial = bool(words) and not text.endswith((" ", "\t"))
        return cls(words, partial, tags, set(kinds) if kinds else None)


class SearchIndex:
    """An inverted index over records' words; add, update and remove one record at a time."""

    def __init__(self) -> None:
        self.docs: dict[tuple[str, int], Doc] = {}
        self.vocabulary = Vocabulary()
        # field weight above 1 -> word number -> record numbers holding it in such a field
        self.boosts: dict[float, dict[int, array]] = {}
        self._by_number: dict[int, Doc] = {}
        self._next_number = 0
        # What one query word matched, and its best value per record: as a person types,
        # only the last word changes, so the others come from here. Cleared on any change.
        self._word_cache: dict[tuple[str, bool], tuple[dict[int, float], dict[int, float]]] = {}

    def __len__(self) -> int:
        return len(self.docs)

    def holds(self, word: str) -> bool:
        """Whether some record holds `word` (as indexed, normalised)."""
        return word in self.vocabulary

    # -- keeping current -----------------------------------------------------------------
    def add(
        self,
        key: tuple[str, int],
        kind: Kind,
        values: dict[str, Any],
        opportunity: int | None = None,
    ) -> None:
        if key in self.docs:
            self.remove(key)
        vocab = self.vocabulary
        fields: list[tuple[str, str, float]] = []
        tags: list[str] = []
        ids: list[int] = []
        boosted: dict[float, set[int]] = {}
        for name, type_, weight in _searchable(kind):
            value = values.get(name)
            if type_ == TAGS:
                shown = [str(t) for t in value or []]
                tags += [normalise(t) for t in shown]
                text = ", ".join(shown)
            else:
                text = value if isinstance(value, str) else str(value or "")
            if not text:
                continue
            fields.append((name, text, weight))
            numbers = vocab.numbers(tokens(text))
            if weight > 1.0:
                boosted.setdefault(weight, set()).update(numbers)
            ids += numbers
            ids.append(SEP)
        number = self._next_number
        self._next_number += 1
        doc = Doc(
            key,
            kind,
            kind.title_of(values),
            opportunity,
            tuple(fields),
            tuple(tags),
            array("I", ids),
            number,
        )
        self.docs[key] = doc
        self._by_number[number] = doc
        self._word_cache.clear()
        unique = set(ids)
        unique.discard(SEP)
        postings = vocab.postings
        for word in unique:
            postings[word].append(number)
        for weight, words in boosted.items():
            table = self.boosts.setdefault(weight, {})
            for word in words:
                found = table.get(word)
                if found is None:
                    table[word] = array("I", (number,))
                else:
                    found.append(number)

    def add_many(self, items: Iterable[tuple[tuple[str, int], Kind, dict, int | None]]) -> None:
        """Index many records at once, with the garbage collector paused (it would walk the
        growing index again and again for no gain), then make the look-up lists."""
        enabled = gc.isenabled()
        gc.disable()
        try:
            for key, kind, values, opportunity in items:
                self.add(key, kind, values, opportunity)
            self.vocabulary.prepare()
        finally:
            if enabled:
                gc.enable()

    def remove(self, key: tuple[str, int]) -> None:
        doc = self.docs.pop(key, None)
        if doc is None:
            return
        number = doc.number
        del self._by_number[number]
        self._word_cache.clear()
        unique = set(doc.tokens)
        unique.discard(SEP)
        postings = self.vocabulary.postings
        for word in unique:
            postings[word].remove(number)
        for table in self.boosts.values():
            for word in unique:
                found = table.get(word)
                if found is not None and number in found:
                    found.remove(number)
                    if not found:
                        del table[word]

    # -- searching -----------------------------------------------------------------------
    def _best(self, word: str, partial: bool) -> tuple[dict[int, float], dict[int, float]]:
        """What `word` matched, and per record the best quality x field weight of a match."""
        cached = self._word_cache.get((word, partial))
        if cached is not None:
            return cached
        matches = self.vocabulary.match(word, partial)
        postings = self.vocabulary.postings
        best: dict[int, float] = {}
        # weakest matches first: a record keeps the quality of its best match
        for other, quality in sorted(matches.items(), key=itemgetter(1)):
            best.update(dict.fromkeys(postings[other], quality))
        for weight, table in self.boosts.items():  # title and tag words count more
            for other, quality in matches.items():
                found = table.get(other)
                if found is None:
                    continue
                value = quality * weight
                for number in found:
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
        fewer; among equals, the words standing together as typed rank above the same words
        apart, then better matches in weightier fields (title, tags); then stories and
        questions, then the most recently changed.
        """
        query = Query.parse(text, kinds)
        if not query.words and not query.tags:
            return []
        n = len(query.words)
        word_matches: list[dict[int, float]] = []
        total: dict[int, float] = {}
        # each word found adds 1, and less than 1/(2n) for how well and where (weights <= 3)
        scale = 1.0 / (2.0 * (3.0 * n + 1.0)) if n else 0.0
        for i, word in enumerate(query.words):
            partial = query.last_is_partial and i == n - 1
            matches, best = self._best(word, partial)
            word_matches.append(matches)
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
        nearness: dict[int, float] = {}
        if n >= 2:
            nearness = self._nearness(total, word_matches, n)
            for number, value in nearness.items():
                total[number] += PROXIMITY_WEIGHT * value
        top = self._top(total, limit, nearness)
        words = self.vocabulary.words
        matched = {words[w] for matches in word_matches for w in matches}
        return [
            self._hit(docs[number], min(1.0, v / (n + 1)), matched, query.tags) for number, v in top
        ]

    def _nearness(
        self, total: dict[int, float], word_matches: list[dict[int, float]], n: int
    ) -> dict[int, float]:
        """For records holding every query word: 1 when each word is followed by the next one
        as typed, less when they are only near each other, 0 when apart."""
        pool = [number for number, v in total.items() if v >= n]
        if len(pool) > POOL:
            pool = heapq.nlargest(POOL, pool, key=total.__getitem__)
        # the few best matches of each word are looked for; the next word may be any match
        leads = [
            [w for w, _ in heapq.nlargest(4, m.items(), key=itemgetter(1))] for m in word_matches
        ]
        follows = [set(m) for m in word_matches]
        docs = self._by_number
        found: dict[int, float] = {}
        for number in pool:
            tokens = docs[number].tokens
            size = len(tokens)
            score = 0.0
            for i in range(n - 1):
                after = follows[i + 1]
                best = 0.0
                for lead in leads[i]:
                    if lead not in tokens:
                        continue
                    at = tokens.index(lead)
                    while True:
                        if at + 1 < size and tokens[at + 1] in after:
                            best = 1.0
                            break
                        if best == 0.0 and any(
                            t in after for t in tokens[max(0, at - NEAR) : at + NEAR + 1]
                        ):
                            best = 0.5
                        try:
                            at = tokens.index(lead, at + 1)
                        except ValueError:
                            break
                    if best == 1.0:
                        break
                score += best
            if score:
                found[number] = score / (n - 1)
        return found

    def _top(
        self, total: dict[int, float], limit: int, nearness: dict[int, float]
    ) -> list[tuple[int, float]]:
        """The best `limit` records, ties broken on the parts of their score."""
        docs = self._by_number

        def parts(item: tuple[int, float]) -> tuple:
            number, v = item
            doc = docs[number]
            return (
                -round(v, 9),
                -nearness.get(number, 0.0),
                KIND_ORDER.get(doc.kind.name, 9),
                -number,
            )

        top = heapq.nlargest(limit, total.items(), key=itemgetter(1))
        if top and len(total) > limit:
            # records tied with the last one in compete on the parts of their score
            threshold = top[-1][1]
            above = [item for item in top if item[1] > threshold]
            tied = [item for item in total.items() if item[1] == threshold]
            top = above + heapq.nsmallest(limit - len(above), tied, key=parts)
        return sorted(top, key=parts)

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
