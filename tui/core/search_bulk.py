"""Indexing a whole workspace at once, as opening it does: every record's words are split,
numbered and put on their postings by array operations (numpy) over all the text, not by one
step of the interpreter per word. The index is the one adding the records one by one would
make, word numbers included (tests compare the two); when that cannot be promised, nothing
is changed and the caller adds them one by one. Once the words are numbered, their postings
and the look-up lists are made on a second thread while the records are made on the first:
the array operations let go of the interpreter, so the two run side by side.

Words are told apart by a digest of their UTF-8 bytes (the first 24 bytes read as three
numbers, and Python's hash of the rest of a longer word). The places of all words are sorted
by digest, so each word's places come together, in the order of the text; a second digest of
every word, and the bytes of every long one, are then compared with the first of its kind,
and another digest is tried if two words ever shared one.
"""

from __future__ import annotations

import re
import threading
from array import array
from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING, Any

import numpy as np

from .kinds import Kind
from .language import joined_forms
from .search_types import Doc
from .search_words import _NOT_WORD, SEP, SEPARATOR, WORD, LookUp, look_up_lists, normalise

if TYPE_CHECKING:
    from .search_index import SearchIndex

Item = tuple[tuple[str, int], Kind, dict[str, Any], int | None]
Fields = tuple[list[tuple[str, str, float]], list[str], list[tuple[str, str]]]  # read_fields
Read = tuple[Item, Fields]
Pause = Callable[[], None] | None

BLOCK = 256  # records read and cleaned between two pauses
DIGESTED = 4  # blocks of cleaned text digested at once
END = "\x01"  # after each record's words: a word of its own, as SEPARATOR is after a field
# before the UTF-8 bytes, in hex, of a word that is not all letters and digits: a hyphenated
# word written as one, lowercased ("İ-x" is "i̇x", with a combining dot)
ESCAPE = "\x02"
_ASCII = {**_NOT_WORD, 1: END, 2: ESCAPE}
# for any other text: what is not part of a word (nor one of the above) becomes a space
_NOT_WORDS = re.compile(r"[^\w\x00-\x02]+")
_CONTROL = str.maketrans(dict.fromkeys((SEPARATOR, END, ESCAPE), " "))  # in a record's text
PAD = 32  # zero bytes after a block's text: reading 16 bytes past a word's start stays inside
SALTS = 3  # digests tried: two words share one about once in 2,500 workspaces
TOKEN_BITS = 24  # a word's place in the text, kept below its digest in one number
U64 = np.uint64
_SEEDS = (
    0x243F6A8885A308D3,
    0x13198A2E03707344,
    0xA4093822299F31D0,
    0x082EFA98EC4E6C89,
    0x452821E638D01377,
    0xBE5466CF34E90C6C,
)
_MASKS = np.array([(1 << 8 * n) - 1 for n in range(9)], dtype=U64)  # the first n bytes
_PRIMES = (
    0x9E3779B97F4A7C15,
    0xC2B2AE3D27D4EB4F,
    0x165667B19E3779F9,
    0x27D4EB2F165667C5,
    0xFF51AFD7ED558CCD,
    0xC4CEB9FE1A85EC53,
)


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
        return joined + " \x00 \x01 " if texts else " \x01 "
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


class _Block:
    """One block of cleaned text: where its words start, how long they are, and two digests
    of each, the first with each word's place (counted from `first` on, see `place`) below
    it."""

    def __init__(self, text: bytes, salt: int) -> None:
        self.text, self.first = text, 0
        size = len(text)
        padded = text + bytes(PAD - size % 8)
        in_word = np.zeros(size + 2, dtype=bool)  # a place before the text, and one after
        np.not_equal(np.frombuffer(text, dtype=np.uint8), 32, out=in_word[1:-1])
        bounds = np.flatnonzero(in_word[1:] != in_word[:-1])
        starts, ends = bounds[0::2], bounds[1::2]
        lengths = ends - starts
        digest = lengths.astype(U64) * U64(_PRIMES[0] ^ salt)
        check = lengths.astype(U64) * U64(_PRIMES[3])
        # the eight bytes from each place on, as one number (places one byte apart)
        window = np.ndarray((len(padded) - 7,), dtype="<u8", buffer=padded, strides=(1,))
        for k in range(3):
            # bytes 8k to 8k + 8 of each word that long
            which = np.flatnonzero(lengths > 8 * k) if k else slice(None)
            at = starts[which] + 8 * k
            part = window[at]
            part &= _MASKS[np.minimum(lengths[which] - 8 * k, 8)]  # only the word's own bytes
            if k == 2:  # the rest of a long word, by Python's hash
                long = np.flatnonzero(lengths[which] > 24)
                rest = zip(
                    (at[long] + 8).tolist(),
                    (starts[which][long] + lengths[which][long]).tolist(),
                    strict=True,
                )
                part[long] ^= np.array([hash(text[a:b]) & (2**64 - 1) for a, b in rest], dtype=U64)
            digest[which] ^= (part ^ U64(_SEEDS[k] ^ salt)) * U64(_PRIMES[k])
            check[which] ^= (part ^ U64(_SEEDS[k + 3])) * U64(_PRIMES[k + 3])
        self.starts, self.lengths = starts.astype(np.int32), lengths.astype(np.int32)
        self.count = len(starts)
        digest >>= U64(TOKEN_BITS)
        digest <<= U64(TOKEN_BITS)
        self.keyed, self.check = digest, check

    def place(self, first: int) -> None:
        """Number the block's words' places from `first` on."""
        self.first = first
        self.keyed |= np.arange(first, first + self.count, dtype=U64)


class _Words:
    """The words of all blocks, numbered as the index numbers them: SEP for the separator,
    the others in the order they first appear. `numbers` is None when two different words
    share a digest."""

    def __init__(self, blocks: list[_Block]) -> None:
        self.numbers: np.ndarray | None = None
        keyed = np.concatenate([b.keyed for b in blocks])
        for block in blocks:
            del block.keyed
        count = len(keyed)
        keyed.sort()  # by digest, then by place
        order = keyed.astype(np.int32)  # the low bits: the place
        order &= (1 << TOKEN_BITS) - 1
        keyed >>= U64(TOKEN_BITS)
        first = np.empty(count, dtype=bool)  # the first place of a digest
        first[:1] = True
        np.not_equal(keyed[1:], keyed[:-1], out=first[1:])
        del keyed
        group = np.cumsum(first, dtype=np.int32)  # of each place, in the sorted order
        group -= 1
        leaders = order[first]  # each digest's first place
        in_text = np.empty(count, dtype=np.int32)
        in_text[order] = group
        # each word's block and its place there
        firsts = np.array([b.first for b in blocks])
        at_block = np.searchsorted(firsts, leaders, side="right") - 1
        local = leaders - firsts[at_block]
        lead_check = np.empty(len(leaders), dtype=U64)
        lead_start = np.empty(len(leaders), dtype=np.int64)
        lead_length = np.empty(len(leaders), dtype=np.int64)
        for i, block in enumerate(blocks):
            mine = np.flatnonzero(at_block == i)
            lead_check[mine] = block.check[local[mine]]
            lead_start[mine] = block.starts[local[mine]]
            lead_length[mine] = block.lengths[local[mine]]
        # every word is the first one of its digest: the same second digest, and for a long
        # word the same bytes
        for block in blocks:
            groups = in_text[block.first : block.first + block.count]
            if not np.array_equal(block.check, lead_check[groups]):
                return
            for at, g in zip(
                np.flatnonzero(block.lengths > 24).tolist(),
                groups[block.lengths > 24].tolist(),
                strict=True,
            ):
                i, start = int(at_block[g]), int(lead_start[g])
                own = block.text[block.starts[at] : block.starts[at] + block.lengths[at]]
                if own != blocks[i].text[start : start + int(lead_length[g])]:
                    return
        self.words: list[str] = [SEPARATOR]
        end_group = -1
        by_group = np.zeros(len(leaders), dtype=np.int32)
        appearing = np.argsort(leaders)
        for g, i, a, n in zip(
            appearing.tolist(),
            at_block[appearing].tolist(),
            lead_start[appearing].tolist(),
            lead_length[appearing].tolist(),
            strict=True,
        ):
            word = blocks[i].text[a : a + n].decode("utf-8")
            if word.startswith(ESCAPE):
                word = bytes.fromhex(word[1:]).decode("utf-8")
            if word == END:
                end_group = g
            elif word != SEPARATOR:
                by_group[g] = len(self.words)
                self.words.append(word)
        self.numbers = by_group[in_text]  # of each place; END too is numbered SEP
        self.ends = np.flatnonzero(in_text == end_group)  # places of END
        self.order, self.first, self.by_group = order, first, by_group

    def postings(self, records: np.ndarray) -> list[array]:
        """Word number -> the records holding it, ascending, from `records`, the record of
        each place: sorted by digest, a word's places are in the order of the text."""
        found = [array("I") for _ in self.words]
        held = records[self.order]
        new = self.first.copy()  # each record once
        np.logical_or(new[1:], held[1:] != held[:-1], out=new[1:])
        held = held[new]
        raw = _raw(held)
        # each digest's places, in the order of the digests, begin at its first place
        runs = np.flatnonzero(self.first[new]).tolist()
        runs.append(len(held))
        numbers = self.by_group.tolist()
        for number, a, b in zip(numbers, runs[:-1], runs[1:], strict=True):
            if number != SEP:  # nor END, numbered SEP too
                found[number].frombytes(raw[4 * a : 4 * b])
        return found


def _read_all(
    index: SearchIndex, items: Sequence[Item], pause: Pause
) -> tuple[list[Read], list[bytes], list[float]]:
    """Every record's searched fields, tags and choices; its text cleaned, block by block;
    the weight of each field read."""
    read: list[Read] = []
    texts: list[bytes] = []
    weights: list[float] = []
    for start in range(0, len(items), BLOCK):
        # the block's text as `_text_of` makes it for a record with nothing to escape; if
        # one has, the block is made again record by record
        pieces: list[str] = []
        count = 0  # fields read
        block = items[start : start + BLOCK]
        for item in block:
            found = index._read(item[1], item[2])
            fields = found[0]
            read.append((item, found))
            if fields:
                weights += [weight for _, _, weight in fields]
                pieces.append(" \x00 ".join([text for _, text, _ in fields]))
                pieces.append(" \x00 \x01 ")
                count += len(fields)
            else:
                pieces.append(" \x01 ")
        joined = "".join(pieces)
        if (
            "-" in joined
            or ESCAPE in joined
            or joined.count(END) != len(block)
            or joined.count(SEPARATOR) != count
        ):
            joined = "".join(
                [_text_of([text for _, text, _ in found[0]]) for _, found in read[start:]]
            )
        texts.append(_cleaned(joined))
        if pause is not None:
            pause()
    return read, texts, weights


def _words(texts: list[bytes], pause: Pause) -> _Words | None:
    # digested DIGESTED blocks at a time, every other one on a second thread: numpy lets go
    # of the interpreter for the longer array operations of larger blocks
    joined = [b"".join(texts[i : i + DIGESTED]) for i in range(0, len(texts), DIGESTED)]
    for salt in range(SALTS):
        blocks: list[_Block | None] = [None] * len(joined)

        def digest(parity: int, salt: int = salt, blocks: list = blocks) -> None:
            for i in range(parity, len(joined), 2):
                blocks[i] = _Block(joined[i], salt)
                if pause is not None and not parity:
                    pause()

        beside = _Beside(lambda: digest(1))
        digest(0)
        beside.result()
        made = [block for block in blocks if block is not None]
        assert len(made) == len(joined), "a block was not digested"
        if sum(block.count for block in made) >= 1 << TOKEN_BITS:
            return None
        first = 0
        for block in made:
            block.place(first)
            first += block.count
        words = _Words(made)
        if words.numbers is not None:
            return words
    return None


def bulk_add(index: SearchIndex, items: Sequence[Item], pause: Pause = None) -> bool:
    """Index `items` into `index`, new and never used, all at once, as adding them one by one
    would; False (the index untouched) when that cannot be done here."""
    fresh = not index.docs and not index._next_number and len(index.vocabulary.words) == 1
    if not items or not fresh or len({item[0] for item in items}) != len(items):
        return False
    read, texts, weights = _read_all(index, items, pause)
    words = _words(texts, pause)
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

    postings = _Beside(beside)
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


class _Beside:
    """`work()` done on a thread of its own; `result()` waits for it, and raises what
    it raised."""

    def __init__(self, work: Callable[[], Any]) -> None:
        self._found: list[Any] = []
        self._failed: list[BaseException] = []

        def run() -> None:
            try:
                self._found.append(work())
            except BaseException as error:  # given to the caller by result()
                self._failed.append(error)

        self._thread = threading.Thread(target=run, name="index-arrays", daemon=True)
        self._thread.start()

    def result(self) -> Any:
        self._thread.join()
        if self._failed:
            # raised with no hold on it left here or in this frame: its traceback holds both
            # frames, and a cycle would keep all they refer to (the index half made)
            error = self._failed.pop()
            try:
                raise error
            finally:
                del error
        return self._found.pop()


def _docs(
    read: list[Read], numbers: np.ndarray, cuts: np.ndarray, base: int, pause: Pause
) -> list[Doc]:
    """The records as the index holds them: `numbers` are all records' words in turn, each
    record's ending before its place in `cuts`."""
    held = _raw(numbers)
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


def _raw(numbers: np.ndarray) -> memoryview:
    """The bytes of `numbers` (32-bit), as `array.frombytes` takes them, not copied."""
    return numbers.view(np.uint32).data.cast("B")


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
    records = _raw((pairs & U64(0xFFFFFFFF)).astype(np.uint32))
    words = pairs >> U64(32)
    runs = np.flatnonzero(np.concatenate(([True], words[1:] != words[:-1], [True])))
    found: dict[int, array] = {}
    for word, a, b in zip(
        words[runs[:-1]].tolist(), runs[:-1].tolist(), runs[1:].tolist(), strict=True
    ):
        part = found[word] = array("I")
        part.frombytes(records[4 * a : 4 * b])
    return found
