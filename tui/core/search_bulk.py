"""Indexing a whole workspace at once, as opening it does: every record's words are split,
numbered and put on their postings by array operations (numpy) over all the text, not by one
step of the interpreter per word. The index is the one adding the records one by one would
make, word numbers included (tests compare the two); when that cannot be promised, nothing
is changed and the caller adds them one by one. The records are made as they are read, and
their words put in once numbered; the words' postings are made on a second thread meanwhile
with the weights and the look-up lists on the first: the array operations let go of the
interpreter, so the two run side by side. The text is digested on the second thread too, as
it is read (search_digests.Digesting). A record's words end with its last field's: the
text of many records is their fields, SEPARATOR after each.

How the words are told apart and numbered is in search_digests.
"""

from __future__ import annotations

import re
from array import array
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

import numpy as np

from .kinds import Kind
from .language import joined_forms
from .search_digests import (
    DIGESTED,
    ESCAPE,
    U64,
    Beside,
    Digesting,
    Pause,
    as_bytes,
    number_words,
)
from .search_fields import read_fields
from .search_types import Doc
from .search_words import _NOT_WORD, SEP, SEPARATOR, WORD, look_up_lists, normalise

if TYPE_CHECKING:
    from .search_index import SearchIndex

Item = tuple[tuple[str, int], Kind, dict[str, Any], int | None]
Framing = tuple[int, int, int]  # of a text: its first record read, its records, its fields

BLOCK = 256  # records read and cleaned between two pauses
_ASCII = {**_NOT_WORD, 2: ESCAPE}
# for any other text: what is not part of a word (nor one of the above) becomes a space
_NOT_WORDS = re.compile(r"[^\w\x00\x02]+")
_CONTROL = str.maketrans(dict.fromkeys((SEPARATOR, ESCAPE), " "))  # in a record's text


def _framed(texts: list[str]) -> str:
    """Fields as one text, SEPARATOR after each: `_text_of` for a record with nothing to
    escape, and for many records at once (a record's words end after its last field's)."""
    return " \x00 ".join(texts) + " \x00 " if texts else ""


def _text_of(texts: list[str]) -> str:
    """A record's fields as one text of the words `record_words` splits them into: each
    field (with its hyphenated words written as one after it), SEPARATOR after each."""
    joined = " \x00 ".join(texts)
    if "-" not in joined and ESCAPE not in joined and joined.count(SEPARATOR) == len(texts) - 1:
        return _framed(texts)
    parts: list[str] = []
    for text in texts:
        if SEPARATOR in text or ESCAPE in text:
            text = text.translate(_CONTROL)
        if "-" in text:
            forms = [normalise(form) for form in joined_forms(text)]
            escaped = [f if WORD.fullmatch(f) else ESCAPE + f.encode().hex() for f in forms]
            text = text + " " + " ".join(escaped)
        parts.append(text)
        parts.append(" \x00 ")
    return " ".join(parts)


def _cleaned(text: str) -> bytes:
    """`text` lowercased, with every run of characters that are not part of a word as one
    space: its words are what splitting it on spaces gives (those `tokens` would give)."""
    if text.isascii():
        return text.translate(_ASCII).encode("ascii")
    return _NOT_WORDS.sub(" ", text.lower()).encode("utf-8")


def _read_all(
    index: SearchIndex, items: Sequence[Item], pause: Pause, digesting: Digesting
) -> tuple[list[Doc], list[bytes], list[float], list[Framing]]:
    """Every record as the index holds it, its words not yet numbered (`_fill` puts them
    in); the records' text cleaned, DIGESTED blocks to a text (as number_words digests
    them), each given to `digesting` once made; the weight of each field read; and for
    each text, its first record, its records and its fields."""
    docs: list[Doc] = []
    texts: list[bytes] = []
    framing: list[Framing] = []
    cleaned: list[bytes] = []  # blocks not yet joined to a text
    weights: list[float] = []
    first = fields_in_text = 0  # of the text being made
    meaning = index.meaning
    for start in range(0, len(items), BLOCK):
        # the block's fields as one text (`_framed`); if a record has a hyphen or an
        # ESCAPE, the block is made again record by record. A SEPARATOR held in a record's
        # own text is caught once digested (the count differs), and its text is made again
        # by `_remade`.
        pieces: list[str] = []
        for item in items[start : start + BLOCK]:
            found = read_fields(item[1], item[2], meaning, pieces, weights)
            docs.append(Doc.of(*item, found, array("I"), len(docs)))  # a new index's numbers
            fields_in_text += len(found[0])
        joined = _framed(pieces)
        if "-" in joined or ESCAPE in joined:
            joined = _each_text_of(docs[start:])
        cleaned.append(_cleaned(joined))
        if len(cleaned) == DIGESTED or len(docs) == len(items):
            texts.append(b"".join(cleaned))
            digesting.add(texts[-1])
            framing.append((first, len(docs) - first, fields_in_text))
            cleaned.clear()
            first, fields_in_text = len(docs), 0
        if pause is not None:
            pause()
    return docs, texts, weights, framing


def _each_text_of(docs: list[Doc]) -> str:
    """The text of records read, made record by record by `_text_of`."""
    return "".join([_text_of([text for _, text, _ in doc.fields]) for doc in docs])


def _remade(docs: list[Doc], framing: Framing) -> bytes:
    """A text of `_read_all` made again record by record."""
    first, records, _ = framing
    return _cleaned(_each_text_of(docs[first : first + records]))


def bulk_add(index: SearchIndex, items: Sequence[Item], pause: Pause = None) -> bool:
    """Index `items` into `index`, new and never used, all at once, as adding them one by one
    would; False (the index untouched) when that cannot be done here."""
    fresh = not index.docs and not index._next_number and len(index.vocabulary.words) == 1
    if not items or not fresh or len({item[0] for item in items}) != len(items):
        return False
    digesting = Digesting(pause)
    try:
        docs, texts, weights, framing = _read_all(index, items, pause, digesting)
    except BaseException:
        digesting.cancel()
        raise
    digested = digesting.blocks()
    words = number_words(
        texts,
        [fields for _, _, fields in framing],
        lambda i: _remade(docs, framing[i]),
        pause,
        digested,
    )
    del texts
    if words is None or words.numbers is None:
        return False
    numbers = words.numbers
    # a record's words end with its last field's SEP (none if it has no field)
    seps = np.flatnonzero(numbers == SEP)
    if len(seps) != len(weights):
        return False
    last = np.cumsum([len(doc.fields) for doc in docs])  # fields up to each record's
    cuts = np.concatenate(([-1], seps))[last] + 1  # of each record's places, the end
    # of each place (records are numbered from 0 on, in turn: the index is new)
    record_of = np.repeat(np.arange(len(docs), dtype=np.int32), np.diff(cuts, prepend=0))

    # the postings (mostly array operations) are made on a thread of their own, while the
    # records' words, the weights and the look-up lists are made here, on the other processor
    postings = Beside(lambda: words.postings(record_of))
    _fill(docs, numbers, cuts, pause)
    boosts = _boosts(numbers, record_of, seps, weights)
    lists = look_up_lists(words.words)
    ids = dict(zip(words.words, range(len(words.words)), strict=True))
    by_key = {doc.key: doc for doc in docs}
    by_number = {doc.number: doc for doc in docs}
    made = postings.result()
    vocabulary = index.vocabulary  # changed only now that all is made
    vocabulary.words[:] = words.words
    vocabulary.ids.update(ids)
    vocabulary.postings[:] = made
    vocabulary.prepare(lists)
    index.docs.update(by_key)
    index._by_number.update(by_number)
    index.boosts.update(boosts)
    index._next_number = len(docs)
    return True


def _fill(docs: list[Doc], numbers: np.ndarray, cuts: np.ndarray, pause: Pause) -> None:
    """Put each record's words in: `numbers` are all records' words in turn, each record's
    ending before its place in `cuts`."""
    held = as_bytes(numbers)
    begin = 0
    for r, (doc, cut) in enumerate(zip(docs, cuts.tolist(), strict=True)):
        doc.tokens.frombytes(held[4 * begin : 4 * cut])
        begin = cut
        if pause is not None and not (r + 1) % BLOCK:
            pause()


def _boosts(
    numbers: np.ndarray, record_of: np.ndarray, ends: np.ndarray, weights: list[float]
) -> dict[float, dict[int, array]]:
    """The words of fields weighing other than 1 (`weights`, field by field), by weight; a
    light field's (below 1) only when its record holds them in no other field. `ends`: the
    place of each field's SEP, after its last word."""
    boosts: dict[float, dict[int, array]] = {}
    if all(weight == 1.0 for weight in weights):
        return boosts
    weight_of = np.array(weights)  # of each field
    starts = np.empty_like(ends)
    starts[:1] = 0
    starts[1:] = ends[:-1] + 1
    heavy = None
    for weight in sorted(set(weights)):
        if weight == 1.0:
            continue
        chosen = weight_of == weight
        places = _places(starts[chosen], ends[chosen])
        pairs = _pairs(numbers[places], record_of[places])
        if weight < 1.0:
            if heavy is None:  # the other fields of the records holding a light one
                records = record_of[ends]
                others = (weight_of >= 1.0) & np.isin(records, records[weight_of < 1.0])
                places = _places(starts[others], ends[others])
                heavy = _pairs(numbers[places], record_of[places])
            pairs = pairs[~np.isin(pairs, heavy, assume_unique=True)]
        boosts[weight] = _split(pairs)
    return boosts


def _places(starts: np.ndarray, ends: np.ndarray) -> np.ndarray:
    """Every place from each of `starts` up to its end (not included), in turn."""
    lengths = ends - starts
    total = int(lengths.sum())
    if not total:
        return np.zeros(0, dtype=np.int64)
    # each place is its field's start plus its place among the field's places
    before = np.cumsum(lengths) - lengths  # places of the fields before each
    return np.arange(total) + np.repeat(starts - before, lengths)


def _pairs(words: np.ndarray, records: np.ndarray) -> np.ndarray:
    """Each (word, record) once, as word << 32 | record, ascending."""
    pairs = words.astype(U64) << U64(32) | records.astype(U64)
    pairs.sort()
    if len(pairs):
        pairs = pairs[np.concatenate(([True], pairs[1:] != pairs[:-1]))]
    return pairs


def _split(pairs: np.ndarray) -> dict[int, array]:
    """Word number -> its records (ascending), from `_pairs`."""
    if not len(pairs):
        return {}
    records = as_bytes((pairs & U64(0xFFFFFFFF)).astype(np.uint32))
    words = pairs >> U64(32)
    runs = np.flatnonzero(np.concatenate(([True], words[1:] != words[:-1], [True])))
    found: dict[int, array] = {}
    for word, a, b in zip(
        words[runs[:-1]].tolist(), runs[:-1].tolist(), runs[1:].tolist(), strict=True
    ):
        part = found[word] = array("I")
        part.frombytes(records[4 * a : 4 * b])
    return found
