"""The words of a workspace's cleaned text, numbered by array operations (numpy) for
search_bulk: each word is told apart by a digest of its UTF-8 bytes (the first 24 bytes read
as three numbers, and Python's hash of the rest of a longer word). The places of all words
are sorted by digest, so each word's places come together, in the order of the text; a second
digest of every word, and the bytes of every long one, are then compared with the first of
its kind, and another digest is tried if two words ever shared one. The text is digested a
few blocks at a time, every other block on a second thread.
"""

from __future__ import annotations

import threading
from array import array
from collections.abc import Callable
from typing import Any

import numpy as np

from .search_words import SEP, SEPARATOR

Pause = Callable[[], None] | None

# before the UTF-8 bytes, in hex, of a word that is not all letters and digits: a hyphenated
# word written as one, lowercased ("İ-x" is "i̇x", with a combining dot)
ESCAPE = "\x02"
DIGESTED = 4  # search_bulk's blocks of cleaned text joined to be digested as one
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


class Block:
    """One block of cleaned text: where its words start, how long they are, and two digests
    of each, the first with each word's place (counted from `first` on, see `place`) below
    it."""

    def __init__(self, text: bytes, salt: int) -> None:
        self.text, self.first = text, 0
        size = len(text)
        padded = text + bytes(PAD - size % 8)
        in_word = np.zeros(size + 2, dtype=bool)  # a place before the text, and one after
        codes = np.frombuffer(text, dtype=np.uint8)
        np.not_equal(codes, 32, out=in_word[1:-1])
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
        # the fields it frames, if no record's own text holds a SEPARATOR (search_bulk
        # makes such a text again)
        self.framing = int(np.count_nonzero(codes == 0))

    def place(self, first: int) -> None:
        """Number the block's words' places from `first` on."""
        self.first = first
        self.keyed |= np.arange(first, first + self.count, dtype=U64)


class Words:
    """The words of all blocks, numbered as the index numbers them: SEP for the separator,
    the others in the order they first appear. `numbers` is None when two different words
    share a digest."""

    def __init__(self, blocks: list[Block]) -> None:
        self.numbers: np.ndarray | None = None
        keyed = np.concatenate([b.keyed for b in blocks])
        for block in blocks:
            del block.keyed
        count = len(keyed)
        keyed.sort()  # by digest, then by place
        # the low bits: the place, as numpy indexes by (its own numbers are not copied again
        # for each look-up: some 40 ms at 50,000 records)
        order = (keyed & U64((1 << TOKEN_BITS) - 1)).view(np.int64)
        keyed >>= U64(TOKEN_BITS)
        first = np.empty(count, dtype=bool)  # the first place of a digest
        first[:1] = True
        np.not_equal(keyed[1:], keyed[:-1], out=first[1:])
        del keyed
        heads = np.flatnonzero(first)  # of each digest, where its places begin
        leaders = order[heads]  # each digest's first place
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
        # each digest numbered by its first word, in the order they first appear: told
        # apart from the others only if every word checks out below
        self.words: list[str] = [SEPARATOR]
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
            if word != SEPARATOR:
                by_group[g] = len(self.words)
                self.words.append(word)
        numbers = np.empty(count, dtype=np.int32)  # of each place
        numbers[order] = np.repeat(by_group, np.diff(heads, append=count))
        # by number (one digest each), its first word's second digest and group
        check_of = np.zeros(len(self.words), dtype=U64)
        check_of[by_group] = lead_check
        group_of = np.zeros(len(self.words), dtype=np.int64)
        group_of[by_group] = np.arange(len(by_group))
        # every word is the first one of its digest: the same second digest, and for a long
        # word the same bytes
        for block in blocks:
            held = numbers[block.first : block.first + block.count]
            if not np.array_equal(block.check, check_of[held]):
                return
            for at, g in zip(
                np.flatnonzero(block.lengths > 24).tolist(),
                group_of[held[block.lengths > 24]].tolist(),
                strict=True,
            ):
                i, start = int(at_block[g]), int(lead_start[g])
                own = block.text[block.starts[at] : block.starts[at] + block.lengths[at]]
                if own != blocks[i].text[start : start + int(lead_length[g])]:
                    return
        self.numbers = numbers
        self.order, self.first, self.by_group = order, first, by_group

    def postings(self, records: np.ndarray) -> list[array]:
        """Word number -> the records holding it, ascending, from `records`, the record of
        each place: sorted by digest, a word's places are in the order of the text."""
        found = [array("I") for _ in self.words]
        held = records[self.order]
        new = self.first.copy()  # each record once
        np.logical_or(new[1:], held[1:] != held[:-1], out=new[1:])
        held = held[new]
        raw = as_bytes(held)
        # each digest's places, in the order of the digests, begin at its first place
        runs = np.flatnonzero(self.first[new]).tolist()
        runs.append(len(held))
        numbers = self.by_group.tolist()
        for number, a, b in zip(numbers, runs[:-1], runs[1:], strict=True):
            if number != SEP:
                found[number].frombytes(raw[4 * a : 4 * b])
        return found


def number_words(
    texts: list[bytes],
    framing: list[int],
    remade: Callable[[int], bytes],
    pause: Pause,
) -> Words | None:
    """The words of the cleaned `texts` (see search_bulk), numbered; None when they cannot be
    told apart by any digest tried, or are too many. `framing`: the fields each text frames;
    one that frames others was made with a SEPARATOR in a record's own text, and is made
    again by `remade` (its index in `texts`) and digested again. `pause`
    as for SearchIndex.add_many. Each text is digested as one block, every other one on a
    second thread: numpy lets go of the interpreter for the longer array operations of
    larger blocks (DIGESTED)."""
    for salt in range(SALTS):
        blocks: list[Block | None] = [None] * len(texts)

        def digest(parity: int, salt: int = salt, blocks: list = blocks) -> None:
            for i in range(parity, len(texts), 2):
                blocks[i] = Block(texts[i], salt)
                if pause is not None and not parity:
                    pause()

        beside = Beside(lambda: digest(1))
        digest(0)
        beside.result()
        made = [block for block in blocks if block is not None]
        assert len(made) == len(texts), "a block was not digested"
        for i, block in enumerate(made):
            if block.framing != framing[i]:
                texts[i] = remade(i)
                made[i] = Block(texts[i], salt)
                if made[i].framing != framing[i]:
                    return None
        if sum(block.count for block in made) >= 1 << TOKEN_BITS:
            return None
        first = 0
        for block in made:
            block.place(first)
            first += block.count
        words = Words(made)
        if words.numbers is not None:
            return words
    return None


class Beside:
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


def as_bytes(numbers: np.ndarray) -> memoryview:
    """The bytes of `numbers` (32-bit), as `array.frombytes` takes them, not copied."""
    return numbers.view(np.uint32).data.cast("B")
