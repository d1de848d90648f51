"""The words search knows: each word stored once with a number, and what a typed word matches.

A query word matches vocabulary words exactly, as their beginning (a word being typed), or within
one or two edits (words of five letters or more), each kind of match with its own weight.
"""

from __future__ import annotations

import re
import weakref
from array import array
from bisect import bisect_left, insort
from collections.abc import Callable, Iterable
from typing import Any

from rapidfuzz import process
from rapidfuzz.distance import OSA

from .language import joined_forms


def normalise(word: str) -> str:
    """The form a word is indexed and looked up under."""
    return word.lower()


WORD = re.compile(r"\w+", re.UNICODE)
# Between two fields of a record: a word no record holds (numbered SEP), so the words on
# either side of it are never adjacent.
SEPARATOR, SEP = "\x00", 0
# ASCII text as `normalise` gives it, with every character that is not part of a word (\w)
# but the separator as a space
_NOT_WORD = str.maketrans(
    {
        c: normalise(c) if c.isalnum() or c == "_" or c == SEPARATOR else " "
        for c in map(chr, range(128))
    }
)
FUZZY_MIN = 5  # words this long or longer tolerate typos
PREFIX_LENGTHS = range(FUZZY_MIN, 13)  # typo-tolerant beginnings of words being typed
COMPLETIONS_CAP = 400  # at most this many completions of a word being typed
SHORT_COMPLETIONS_CAP = 50  # ... of one or two letters

# How much each kind of match is worth (1.0: the word itself). Another source of terms, such
# as synonyms, adds its own kind here with a lower weight.
MATCH_WEIGHTS: dict[str, float] = {
    "exact": 1.0,
    "completion": 0.9,  # the word being typed is the beginning of this one
    "singular": 0.9,  # "builds" -> "build"
    "longer": 0.75,  # a finished word that begins a longer one ("build" -> "builds")
    "typo": 0.9,  # minus TYPO_COST per edit
    "typo_completion": 0.75,  # a word being typed, with a typo; minus TYPO_COST per edit
    "spelling": 0.95,  # the same word written another way ("post mortem", "postmortem")
    "meaning_name": 0.7,  # the name of a competency the word evokes ("argument" -> conflict)
    "meaning": 0.5,  # another word for that competency ("argument" -> "clash")
}
TYPO_COST = 0.2
# A word that exists as typed is rarely a typo: its near misses count this much of a typo.
REAL_WORD_TYPO = 0.4


def tokens(text: str) -> list[str]:
    """The normalised words of `text`, in order. The whole text is normalised at once, which
    is much faster than word by word: `normalise` must give the same either way."""
    return WORD.findall(normalise(text))


def record_words(texts: list[str]) -> list[str]:
    """The normalised words of each text in turn ("post-mortem" also as "postmortem" at the
    end of its text), SEPARATOR after each: the same as `tokens` text by text.

    Plain ASCII texts (nearly all) are read in one pass: the separators joining them stay
    words of their own, everything else that is not a word becomes a space, and a split
    gives the words far faster than the pattern does."""
    joined = " \x00 ".join(texts) + " \x00"
    if not joined.isascii() or joined.count(SEPARATOR) != len(texts):
        found: list[str] = []
        for text in texts:
            found += tokens(text)
            found += [normalise(w) for w in joined_forms(text)]
            found.append(SEPARATOR)
        return found
    if "-" in joined:  # ASCII joined forms are words of letters, digits and "_" only
        texts = [t + " " + " ".join(joined_forms(t)) if "-" in t else t for t in texts]
        joined = " \x00 ".join(texts) + " \x00"
    return joined.translate(_NOT_WORD).split()


def may_hold(text: str, words: set[str]) -> bool:
    """False when `text` holds none of `words` (normalised); True when it does or may."""
    if not text.isascii() or SEPARATOR in text:
        return True
    return not words.isdisjoint(text.translate(_NOT_WORD).split())


def words_of(text: str) -> list[tuple[str, int, int]]:
    """(normalised word, start, end) for every word of `text`."""
    return [(normalise(m.group()), m.start(), m.end()) for m in WORD.finditer(text)]


def max_edits(word: str) -> int:
    return 2 if len(word) >= 8 else 1 if len(word) >= FUZZY_MIN else 0


class _Numbers(dict[str, int]):
    """Word -> number; looking a word up that is not there yet numbers it.

    It holds its vocabulary weakly: references both ways would make a cycle, which only the
    collector's walks free, and an index set aside from them (gc.freeze) would then stay in
    memory once replaced."""

    _vocabulary: Callable[[], Vocabulary | None]

    def __init__(self, vocabulary: Vocabulary) -> None:
        super().__init__()
        self.link(vocabulary)

    def link(self, vocabulary: Vocabulary) -> None:
        self._vocabulary = weakref.ref(vocabulary)

    def __missing__(self, word: str) -> int:
        vocabulary = self._vocabulary()
        if vocabulary is None:
            raise KeyError(word)
        return vocabulary.number(word)

    def __reduce__(self) -> tuple[Any, tuple[dict[str, int]]]:
        # stored without the link, which the vocabulary makes again (Vocabulary.__setstate__)
        return _unlinked, (dict(self),)


def _unlinked(numbers: dict[str, int]) -> _Numbers:
    found = _Numbers.__new__(_Numbers)
    found.update(numbers)
    found._vocabulary = lambda: None
    return found


# the words in order; by length, each in order; their beginnings of each length, in order
LookUp = tuple[list[str], dict[int, list[str]], dict[int, list[str]]]


def look_up_lists(words: list[str]) -> LookUp:
    """The look-up lists of a vocabulary's `words` (the first is the separator)."""
    ordered = sorted(words[1:])
    by_length: dict[int, list[str]] = {}
    for word in ordered:
        by_length.setdefault(len(word), []).append(word)
    stems = {
        n: list(dict.fromkeys([w[:n] for w in ordered if len(w) >= n])) for n in PREFIX_LENGTHS
    }
    return ordered, by_length, stems


class Vocabulary:
    """Every word once, numbered; for each, the numbers of the records holding it.

    The look-up lists (sorted words, words by length, beginnings by length) are made in one
    pass by `prepare` and then kept current word by word, so no key typed pays for them.
    """

    def __init__(self) -> None:
        self.ids: dict[str, int] = _Numbers(self)
        self.ids[SEPARATOR] = SEP
        self.words: list[str] = [SEPARATOR]
        self.postings: list[array] = [array("I")]  # word number -> record numbers, ascending
        self._sorted: list[str] | None = None
        self._by_length: dict[int, list[str]] = {}
        self._stems: dict[int, list[str]] = {}
        # extra terms for a query word: word -> [(vocabulary word, weight)]; none by default
        self.expand: Callable[[str], Iterable[tuple[str, float]]] | None = None

    def __setstate__(self, state: dict[str, Any]) -> None:
        self.__dict__.update(state)
        if isinstance(self.ids, _Numbers):
            self.ids.link(self)

    def __len__(self) -> int:
        """Words held by at least one record."""
        return sum(1 for p in self.postings if p)

    def __contains__(self, word: str) -> bool:
        number = self.ids.get(word)
        return number is not None and bool(self.postings[number])

    def number(self, word: str) -> int:
        """The word's number, giving a new word the next one."""
        found = self.ids.get(word)
        if found is not None:
            return found
        found = self.ids[word] = len(self.words)
        self.words.append(word)
        self.postings.append(array("I"))
        if self._sorted is not None:
            self._placed(word)
        return found

    def numbers(self, words: list[str]) -> list[int]:
        """The numbers of `words`, giving new words the next ones in order of appearance."""
        return list(map(self.ids.__getitem__, words))

    # -- look-up lists ---------------------------------------------------------------------
    @property
    def prepared(self) -> bool:
        return self._sorted is not None

    def prepare(self, lists: LookUp | None = None) -> None:
        """Make the look-up lists for the whole vocabulary at once, or take `lists`, made by
        `look_up_lists` of the same words."""
        ordered, by_length, stems = lists if lists is not None else look_up_lists(self.words)
        self._by_length = by_length
        self._stems = stems
        self._sorted = ordered

    def _placed(self, word: str) -> None:
        """Put a new word into the look-up lists."""
        assert self._sorted is not None
        insort(self._sorted, word)
        # in order, as `prepare` makes them: which of tied typos come first is the same
        insort(self._by_length.setdefault(len(word), []), word)
        for n in PREFIX_LENGTHS:
            if len(word) < n:
                break
            stems = self._stems[n]
            stem = word[:n]
            i = bisect_left(stems, stem)
            if i == len(stems) or stems[i] != stem:
                stems.insert(i, stem)

    def completions(self, stem: str, cap: int = COMPLETIONS_CAP) -> list[str]:
        """Words that begin with `stem`, in order, at most `cap` of them."""
        if self._sorted is None:
            self.prepare()
        return self._completions(stem, cap)

    def _completions(self, stem: str, cap: int) -> list[str]:
        assert self._sorted is not None
        vocab = self._sorted
        found: list[str] = []
        i = bisect_left(vocab, stem)
        while i < len(vocab) and vocab[i].startswith(stem) and len(found) < cap:
            found.append(vocab[i])
            i += 1
        return found

    # -- matching --------------------------------------------------------------------------
    def match(self, word: str, partial: bool) -> dict[int, float]:
        """Numbers of the words `word` stands for, each with a quality from 0 to 1."""
        if self._sorted is None:
            self.prepare()
        qualities: dict[str, float] = {}

        def offer(other: str, quality: float) -> None:
            if qualities.get(other, 0.0) < quality:
                qualities[other] = quality

        offer(word, MATCH_WEIGHTS["exact"])
        if len(word) > 3 and word.endswith("s"):
            offer(word[:-1], MATCH_WEIGHTS["singular"])
        if partial or len(word) >= 3:
            cap = SHORT_COMPLETIONS_CAP if len(word) <= 2 else COMPLETIONS_CAP
            quality = MATCH_WEIGHTS["completion" if partial else "longer"]
            for other in self._completions(word, cap):
                offer(other, quality)
        edits = max_edits(word)
        # "patients" is a word of its own, not a typo for "payments"
        real = REAL_WORD_TYPO if word in self else 1.0
        if edits:
            for length in range(len(word) - edits, len(word) + edits + 1):
                near = self._by_length.get(length)
                if not near:
                    continue
                for other, dist, _ in process.extract(
                    word, near, scorer=OSA.distance, score_cutoff=edits, limit=None
                ):
                    offer(other, (MATCH_WEIGHTS["typo"] - TYPO_COST * dist) * real)
            if partial and len(word) in PREFIX_LENGTHS:
                for stem, dist, _ in process.extract(
                    word,
                    self._stems[len(word)],
                    scorer=OSA.distance,
                    score_cutoff=edits,
                    limit=None,
                ):
                    if dist:
                        quality = (MATCH_WEIGHTS["typo_completion"] - TYPO_COST * dist) * real
                        for other in self._completions(stem, COMPLETIONS_CAP):
                            offer(other, quality)
        if self.expand is not None:
            for other, quality in self.expand(word):
                offer(normalise(other), quality)
        ids, postings = self.ids, self.postings
        found: dict[int, float] = {}
        for other, quality in qualities.items():
            number = ids.get(other)
            if number is not None and postings[number]:
                found[number] = quality
        return found


def take_out(numbers: array, number: int) -> bool:
    """Remove `number` from ascending `numbers` (a word's postings); whether it was there."""
    at = bisect_left(numbers, number)
    if at < len(numbers) and numbers[at] == number:
        del numbers[at]
        return True
    return False


def boosted_words(ids: list[int], weights: list[float]) -> dict[float, set[int]]:
    """The words of fields weighing other than 1, by weight: `ids` holds each field's words
    in turn, SEP after each. A light field (below 1) keeps only the words found in no other."""
    boosted: dict[float, set[int]] = {}
    start = 0
    for weight in weights:
        end = ids.index(SEP, start)
        if weight != 1.0:
            boosted.setdefault(weight, set()).update(ids[start:end])
        start = end + 1
    if min(weights) < 1.0:
        heavy: set[int] = set()
        start = 0
        for weight in weights:
            end = ids.index(SEP, start)
            if weight >= 1.0:
                heavy.update(ids[start:end])
            start = end + 1
        for weight in boosted:
            if weight < 1.0:
                boosted[weight] -= heavy
    return boosted
