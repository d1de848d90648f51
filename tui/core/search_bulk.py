"""Indexing a whole workspace at once, as opening it does: every record's words are split,
numbered and put on their postings by array operations (numpy) over all the text, not by one
step of the interpreter per word. The index is the one adding the records one by one would
make, word numbers included (tests compare the two); when that cannot be promised, nothing
is changed and the caller adds them one by one. Once the words are numbered, their postings
and the look-up lists are made on a second thread while the records are made on the first:
the array operations let go of the interpreter, so the two run side by side.

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
from .search_digests import DIGESTED, END, ESCAPE, U64, Beside, Pause, as_bytes, number_words
from .search_types import Doc
from .search_words import _NOT_WORD, SEP, SEPARATOR, WORD, LookUp, look_up_lists, normalise

if TYPE_CHECKING:
    from .search_index import SearchIndex

Item = tuple[tuple[str, int], Kind, dict[str, Any], int | None]
Fields = tuple[list[tuple[str, str, float]], list[str], list[tuple[str, str]]]  # read_fields
Read = tuple[Item, Fields]
Framing = tuple[int, int, int]  # of a text: its first record read, its records, its fields

BLOCK = 256  # records read and cleaned between two pauses
_ASCII = {**_NOT_WORD, 1: END, 2: ESCAPE}
# for any other text: what is not part of a word (nor one of the above) becomes a space
_NOT_WORDS = re.compile(r"[^\w\x00-\x02]+")
_CONTROL = str.maketrans(dict.fromkeys((SEPARATOR, END, ESCAPE), " "))  # in a record's text


def _framed(texts: list[str]) -> str:
    """A record's fields as one text, SEPARATOR after each, END after all: `_text_of` for a
    record with nothing to escape."""
    return " \x00 ".join(texts) + " \x00 \x01 " if texts else " \x01 "


def _text_of(texts: list[str]) -> str:
    """A record's fields as one text of the words `record_words` splits them into: each
    field (with its hyphenated words written as one after it), SEPARATOR after each, END."""
    joined = " \x00 ".join(texts)
    if (
        "-" not in joined
        and END not in joined
        and ESCAPE not in joined
        and joined.count(SEPARATOR) == len(texts) - 1
    ):
        return _framed(texts)
    parts: list[str] = []
    for text in texts:
        if SEPARATOR in text or END in text or ESCAPE in text:
            text = text.translate(_CONTROL)
        if "-" in text:
            forms = [normalise(form) for form in joined_forms(text)]
            escaped = [f if WORD.fullmatch(f) else ESCAPE + f.encode().hex() for f in forms]
            text = text + " " + " ".join(escaped)
        parts.append(text)
        parts.append(" \x00 ")
    parts.append(" \x01 ")
    return " ".join(parts)


def _cleaned(text: str) -> bytes:
    """`text` lowercased, with every run of characters that are not part of a word as one
    space: its words are what splitting it on spaces gives (those `tokens` would give)."""
    if text.isascii():
        return text.translate(_ASCII).encode("ascii")
    return _NOT_WORDS.sub(" ", text.lower()).encode("utf-8")


def _read_all(
    index: SearchIndex, items: Sequence[Item], pause: Pause
) -> tuple[list[Read], list[bytes], list[float], list[Framing]]:
    """Every record's searched fields, tags and choices; its text cleaned, DIGESTED blocks
    to a text (as number_words digests them); the weight of each field read; and for each
    text, its first record read, its records and its fields."""
    read: list[Read] = []
    texts: list[bytes] = []
    framing: list[Framing] = []
    cleaned: list[bytes] = []  # blocks not yet joined to a text
    weights: list[float] = []
    first = fields_in_text = 0  # of the text being made
    for start in range(0, len(items), BLOCK):
        # the block's text as `_framed` makes it; if a record has a hyphen or an ESCAPE, the
        # block is made again record by record. What marks a field's or a record's end,
        # held in a record's own text, is caught once digested (the counts differ), and its
        # text is made again by `_remade`.
        pieces: list[str] = []
        for item in items[start : start + BLOCK]:
            found = index._read(item[1], item[2])
            fields = found[0]
            read.append((item, found))
            weights += [weight for _, _, weight in fields]
            pieces.append(_framed([text for _, text, _ in fields]))
            fields_in_text += len(fields)
        joined = "".join(pieces)
        if "-" in joined or ESCAPE in joined:
            joined = _each_text_of(read[start:])
        cleaned.append(_cleaned(joined))
        if len(cleaned) == DIGESTED or len(read) == len(items):
            texts.append(b"".join(cleaned))
            framing.append((first, len(read) - first, fields_in_text))
            cleaned.clear()
            first, fields_in_text = len(read), 0
        if pause is not None:
            pause()
    return read, texts, weights, framing


def _each_text_of(read: list[Read]) -> str:
    """The text of records read, made record by record by `_text_of`."""
    return "".join([_text_of([text for _, text, _ in found[0]]) for _, found in read])


def _remade(read: list[Read], framing: Framing) -> bytes:
    """A text of `_read_all` made again record by record."""
    first, records, _ = framing
    return _cleaned(_each_text_of(read[first : first + records]))


def bulk_add(index: SearchIndex, items: Sequence[Item], pause: Pause = None) -> bool:
    """Index `items` into `index`, new and never used, all at once, as adding them one by one
    would; False (the index untouched) when that cannot be done here."""
    fresh = not index.docs and not index._next_number and len(index.vocabulary.words) == 1
    if not items or not fresh or len({item[0] for item in items}) != len(items):
        return False
    read, texts, weights, framing = _read_all(index, items, pause)
    words = number_words(
        texts,
        [(records, fields) for _, records, fields in framing],
        lambda i: _remade(read, framing[i]),
        pause,
    )
    del texts
    if words is None or words.numbers is None or len(words.ends) != len(read):
        return False
    base = index._next_number
    is_end = np.zeros(len(words.numbers), dtype=bool)
    is_end[words.ends] = True
    record_of = np.cumsum(is_end, dtype=np.int32)  # of each place
    record_of -= is_end
    record_of += base
    kept = ~is_end
    numbers = words.numbers[kept]

    # the postings (mostly array operations) and the look-up lists are made on a thread of
    # their own, while the records are made here, on the other processor
    def beside() -> tuple[list[array], LookUp]:
        made = words.postings(record_of)
        if pause is not None:
            pause()
        return made, look_up_lists(words.words)

    postings = Beside(beside)
    docs = _docs(read, numbers, words.ends - np.arange(len(read)), base, pause)
    boosts = _boosts(numbers, record_of[kept], weights)
    ids = dict(zip(words.words, range(len(words.words)), strict=True))
    by_key = {doc.key: doc for doc in docs}
    by_number = {doc.number: doc for doc in docs}
    made, lists = postings.result()
    vocabulary = index.vocabulary  # changed only now that all is made
    vocabulary.words[:] = words.words
    vocabulary.ids.update(ids)
    vocabulary.postings[:] = made
    vocabulary.prepare(lists)
    index.docs.update(by_key)
    index._by_number.update(by_number)
    index.boosts.update(boosts)
    index._next_number = base + len(read)
    return True


def _docs(
    read: list[Read], numbers: np.ndarray, cuts: np.ndarray, base: int, pause: Pause
) -> list[Doc]:
    """The records as the index holds them: `numbers` are all records' words in turn, each
    record's ending before its place in `cuts`."""
    held = as_bytes(numbers)
    docs: list[Doc] = []
    begin = 0
    for r, ((item, found), cut) in enumerate(zip(read, cuts.tolist(), strict=True)):
        tokens = array("I")
        tokens.frombytes(held[4 * begin : 4 * cut])
        begin = cut
        docs.append(Doc.of(*item, found, tokens, base + r))
        if pause is not None and not (r + 1) % BLOCK:
            pause()
    return docs


def _boosts(
    numbers: np.ndarray, record_of: np.ndarray, weights: list[float]
) -> dict[float, dict[int, array]]:
    """The words of fields weighing other than 1 (`weights`, field by field), by weight; a
    light field's (below 1) only when its record holds them in no other field."""
    boosts: dict[float, dict[int, array]] = {}
    if all(weight == 1.0 for weight in weights):
        return boosts
    weight_of = np.array(weights)  # of each field
    ends = np.flatnonzero(numbers == SEP)  # each field's SEP, after its last place
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
