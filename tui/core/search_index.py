"""Typo-tolerant, as-you-type search over every record, kept current as records change.

Records are held as arrays of word numbers (see search_words); ranking counts the query words a
record holds, each by how well it matches (a typo or a word of like meaning from an optional
thesaurus counts less than the word itself), then whether they stand together as typed, and in
which fields they match.
"""

from __future__ import annotations

import gc
from array import array
from collections.abc import Callable, Iterable
from typing import Any

from .kinds import Kind
from .language import importance
from .search_fields import read_fields
from .search_hits import make_hit, reason_of
from .search_rank import KIND_ORDER, PROXIMITY_WEIGHT, best_records, near_records
from .search_scores import FIELD_BONUS, Scoring, scoring_for
from .search_types import Doc, Hit, Meaning, Query, WordCache, WordFound
from .search_words import (
    MATCH_WEIGHTS,
    SEP,
    Vocabulary,
    boosted_words,
    record_words,
    take_out,
)

BLOCK = 256  # records added between two pauses, their postings at once
BULK_MIN = 2000  # an empty index given this many records at once builds them all together
SUM_CACHE = 8  # sums of the words before the last of recent queries
COMMONNESS = 0.3  # a word most records hold counts up to this much less than a rare one
STEM_MIN = 5  # a thesaurus term this long also stands for the words beginning with it
# words of like meaning held by more records than this share (and this count) are left out
MEANING_COMMON_SHARE, MEANING_COMMON_MIN = 0.03, 200


class SearchIndex:
    """An inverted index over records' words; add, update and remove one record at a time."""

    def __init__(self, meaning: Meaning | None = None) -> None:
        self.meaning = meaning  # a thesaurus: words of like meaning, tags by their usual name
        self.docs: dict[tuple[str, int], Doc] = {}
        self.vocabulary = Vocabulary()
        # field weight other than 1 -> word number -> record numbers holding it in such a
        # field (below 1: only there, such as a thank-you draft's template words)
        self.boosts: dict[float, dict[int, array]] = {}
        self._by_number: dict[int, Doc] = {}
        self._next_number = 0
        # What one query word matched, and its best value per record: as a person types,
        # only the last word changes, so the others come from here. Cleared on any change.
        self._word_cache = WordCache()
        # for pairs of query words, whether each record looked at holds them together
        self._near_cache: dict[tuple[tuple[int, ...], frozenset[int]], dict[int, float]] = {}
        # the summed values of all query words but the last (as the user types the last)
        self._sum_cache: dict[tuple, Any] = {}
        self._scoring: Scoring[Any, Any, Any] | None = None  # how values are kept at this size

    def __len__(self) -> int:
        return len(self.docs)

    def __getstate__(self) -> dict[str, Any]:
        """What is stored (see search_cache): no thesaurus, no cached query words."""
        state = dict(self.__dict__)
        state["_word_cache"] = WordCache()
        for cache in ("_near_cache", "_sum_cache"):
            state[cache] = {}
        state["meaning"] = None
        state["_scoring"] = None
        return state

    def __setstate__(self, state: dict[str, Any]) -> None:
        self.__dict__.update(state)

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
        self._add_all([(key, kind, values, opportunity)])

    def add_many(
        self,
        items: Iterable[tuple[tuple[str, int], Kind, dict, int | None]],
        pause: Callable[[], None] | None = None,
    ) -> None:
        """Index many records at once, with the garbage collector paused (it would walk the
        growing index again and again for no gain), then make the look-up lists.
        `pause` is called every few hundred records on the caller's thread, and between two
        blocks of text on the second thread a large workspace's build uses: a builder on
        worker threads can let the screen's thread go first there."""
        enabled = gc.isenabled()
        gc.disable()
        try:
            if not self.docs:  # a whole workspace: all at once when it is large
                items = list(items)
                if len(items) >= BULK_MIN:
                    from .search_bulk import bulk_add  # numpy: only for a large workspace

                    if bulk_add(self, items, pause):
                        items = []
            block: list[tuple[tuple[str, int], Kind, dict, int | None]] = []
            for item in items:
                block.append(item)
                if len(block) == BLOCK:
                    self._add_all(block)
                    block.clear()
                    if pause is not None:
                        pause()
            self._add_all(block)
            # look-up lists once made are kept current word by word; bulk_add makes them
            if not self.vocabulary.prepared:
                self.vocabulary.prepare()
        finally:
            if enabled:
                # what the index holds lives as long as it: set aside from the collector's
                # walks, or its first full walk after this would pass over all of it at once
                gc.freeze()
                gc.enable()

    def _add_all(self, items: Iterable[tuple[tuple[str, int], Kind, dict, int | None]]) -> None:
        """Add records, then their numbers to the words' postings all at once: record by
        record, the other work in between would push the postings out of the processor's
        cache each time."""
        vocab = self.vocabulary
        pending: list[tuple[int, set[int], dict[float, set[int]]]] = []
        for key, kind, values, opportunity in items:
            if key in self.docs:
                self._post(pending)  # the record to replace may be one of these
                pending.clear()
                self.remove(key)
            read = self._read(kind, values)
            fields = read[0]
            weights = [weight for _, _, weight in fields]
            # every field's words in order, SEP after each
            ids = vocab.numbers(record_words([text for _, text, _ in fields]))
            number = self._next_number
            self._next_number += 1
            doc = Doc.of(key, kind, values, opportunity, read, array("I", ids), number)
            self.docs[key] = doc
            self._by_number[number] = doc
            unique = set(ids)
            unique.discard(SEP)
            boosted = boosted_words(ids, weights) if weights.count(1.0) != len(weights) else {}
            pending.append((number, unique, boosted))
        self._forget_queries()
        self._post(pending)

    def _forget_queries(self) -> None:
        """What was kept of recent queries no longer holds once a record changes."""
        self._word_cache.clear()
        self._near_cache.clear()
        self._sum_cache.clear()
        self._scoring = None

    def _read(
        self, kind: Kind, values: dict[str, Any]
    ) -> tuple[list[tuple[str, str, float]], list[str], list[tuple[str, str]]]:
        return read_fields(kind, values, self.meaning)

    def _post(self, pending: list[tuple[int, set[int], dict[float, set[int]]]]) -> None:
        """Put each record's number on the postings of the words it holds."""
        postings = self.vocabulary.postings
        for number, unique, _ in pending:
            for word in unique:
                postings[word].append(number)
        for number, _, boosted in pending:
            for weight, words in boosted.items():
                table = self.boosts.setdefault(weight, {})
                for word in words:
                    found = table.get(word)
                    if found is None:
                        table[word] = array("I", (number,))
                    else:
                        found.append(number)

    def remove(self, key: tuple[str, int]) -> None:
        doc = self.docs.pop(key, None)
        if doc is None:
            return
        number = doc.number
        del self._by_number[number]
        self._forget_queries()
        unique = set(doc.tokens)
        unique.discard(SEP)
        postings = self.vocabulary.postings
        for word in unique:
            take_out(postings[word], number)
        for table in self.boosts.values():
            for word in unique:
                found = table.get(word)
                if found is not None and take_out(found, number) and not found:
                    del table[word]

    def holds_as(
        self, key: tuple[str, int], kind: Kind, values: dict[str, Any], opportunity: int | None
    ) -> bool:
        """Whether the record `key` is indexed as adding it with these values would index it:
        everything the index takes from a record is the same."""
        doc = self.docs.get(key)
        if doc is None or doc.kind is not kind or doc.opportunity != opportunity:
            return False
        fields, tags, choices = self._read(kind, values)
        return (
            doc.fields == tuple(fields)
            and doc.tags == tuple(tags)
            and doc.choices == tuple(choices)
            and doc.title == kind.title_of(values)
        )

    # -- searching -----------------------------------------------------------------------
    def _resolve(self, extra: tuple[tuple[str, str, str], ...]) -> dict[int, tuple[float, str]]:
        """Numbers of the vocabulary words a thesaurus's words and stems stand for, each with
        its quality and reason."""
        vocab = self.vocabulary
        found: dict[int, tuple[float, str]] = {}
        # a word of like meaning that a large share of records hold tells little, costs much
        common = max(MEANING_COMMON_MIN, MEANING_COMMON_SHARE * len(self.docs))
        for stem, kind, reason in extra:
            quality = MATCH_WEIGHTS[kind]
            for other in vocab.completions(stem, 40) if len(stem) >= STEM_MIN else [stem]:
                number = vocab.ids.get(other)
                if number is None or not vocab.postings[number]:
                    continue
                if reason and len(vocab.postings[number]) > common:
                    continue
                if found.get(number, (0.0, ""))[0] < quality:
                    found[number] = (quality, reason)
        return found

    def _best(
        self, word: str, partial: bool, extra: tuple[tuple[str, str, str], ...] = ()
    ) -> WordFound:
        """What `word` matched, what of it only by meaning (with the reason), per record the
        value of its best match (its quality, plus a little for a weightier field, less for a
        word found only in a light one), and the records holding the word itself."""
        cache_key = (word, partial, extra)
        cached = self._word_cache.recall(cache_key)
        if cached is not None:
            return cached
        matches = self.vocabulary.match(word, partial)
        meant: dict[int, str] = {}
        for number, (quality, reason) in self._resolve(extra).items():
            if matches.get(number, 0.0) < quality:
                matches[number] = quality
                if reason:
                    meant[number] = reason
        best, held = self._scores().word(self.vocabulary.postings, self.boosts, matches, meant)
        self._word_cache.keep(cache_key, (matches, meant, best, held))
        return matches, meant, best, held

    def load_scoring(self) -> None:
        """Load what ranking needs at this size (numpy, for a large index) now: on the
        thread that built the index, not at the first key typed."""
        self._scores()

    def _scores(self) -> Scoring[Any, Any, Any]:
        """How each record's value is kept for a query at the index's present size."""
        if self._scoring is None:
            self._scoring = scoring_for(len(self.docs), self._next_number)
        return self._scoring

    def search(
        self,
        text: str,
        limit: int = 20,
        kinds: Iterable[str] | None = None,
        opportunity: int | None = None,
    ) -> list[Hit]:
        return self.search_counted(text, limit, kinds, opportunity)[0]

    def search_counted(
        self,
        text: str,
        limit: int = 20,
        kinds: Iterable[str] | None = None,
        opportunity: int | None = None,
    ) -> tuple[list[Hit], int]:
        """The best `limit` hits, and the number of records found in all (before the cut).

        Ranked hits for `text`; `#tag` words narrow to records with that tag, `key:value`
        words to records of that kind or category. With no words, a narrowed query lists
        every record it admits, kind by kind.

        A record counts each query word it holds: fully when typed as is, less for a typo,
        a half-typed word or a word of like meaning, little for words like "with" or "a" or
        that most records hold. Among equals, the words standing together as typed rank above
        the same words apart, then better matches in weightier fields (title, tags); then
        stories and questions, then the most recently changed.
        """
        query = Query.parse(text, kinds)
        if self.meaning is not None:
            query.tags = [self.meaning.canonical(t) for t in query.tags]
        docs = self._by_number
        if not query.words:
            if not query.narrowed:
                return [], 0
            listed = sorted(
                (doc for doc in docs.values() if query.admits(doc)),
                key=lambda d: (KIND_ORDER.get(d.kind.name, 9), d.kind.name, d.title.lower()),
            )
            return [make_hit(doc, 1.0, set(), query.tags) for doc in listed[:limit]], len(listed)
        n = len(query.words)
        extras: list[tuple[tuple[str, str, str], ...]] = (
            list(self.meaning.expand(query.words, query.last_is_partial))
            if self.meaning is not None
            else [()] * n
        )
        for i in range(n - 1):  # "post mortem" finds "postmortem"
            joined = query.words[i] + query.words[i + 1]
            if joined in self.vocabulary:
                extras[i] += ((joined, "spelling", ""),)
                extras[i + 1] += ((joined, "spelling", ""),)
        word_matches: list[dict[int, float]] = []
        meant: list[dict[int, str]] = []
        weights: list[float] = []
        helds: list[Any] = []
        bests: list[Any] = []
        scores = self._scores()
        for i, word in enumerate(query.words):
            partial = query.last_is_partial and i == n - 1
            matches, by_meaning, best, held = self._best(word, partial, extras[i])
            word_matches.append(matches)
            helds.append(held)
            meant.append(by_meaning)
            bests.append(best)
            # little words count little; so, a bit, do words that most records hold
            held_by = scores.size(best) / max(1, len(docs))
            weight = importance(word) * (1.0 - COMMONNESS * held_by**0.5)
            weights.append(weight)
        # the sum over the words before the last is the same as the user types the last
        before = tuple(zip(query.words[:-1], extras[:-1], strict=True))
        earlier = self._sum_cache.get(before) if before else None
        if earlier is None:
            earlier = scores.added(bests[:-1], weights[:-1])
            if before:
                if len(self._sum_cache) >= SUM_CACHE:
                    del self._sum_cache[next(iter(self._sum_cache))]
                self._sum_cache[before] = earlier
        total = scores.added([bests[-1]], [weights[-1]], scores.copy(earlier))
        if query.narrowed:
            total = scores.narrowed(total, lambda number: query.admits(docs[number]))
        nearness: dict[int, float] = {}
        threshold: float | None = None
        share = PROXIMITY_WEIGHT * min(weights) if n >= 2 else 0.0
        if n >= 2:
            # records that hold every query word itself (not only its meaning)
            pool, outside = scores.pool(total, helds, limit)
            nearness, threshold = near_records(
                docs, self._near_cache, total, word_matches, pool, outside, share, limit
            )
            for number, value in nearness.items():
                total[number] += share * value
        candidates, threshold = scores.candidates(total, limit, threshold)
        top = best_records(docs, candidates, threshold, limit, nearness)
        words = self.vocabulary.words
        matched = {words[w] for matches in word_matches for w in matches}
        best_possible = sum(weights) * (1.0 + 3.0 * FIELD_BONUS) + share
        hits = [
            make_hit(
                docs[number],
                min(1.0, v / best_possible),
                matched,
                query.tags,
                reason_of(docs[number], word_matches, meant),
            )
            for number, v in top
        ]
        return hits, scores.count(total)
