"""The words of a workspace's cleaned text, numbered by array operations (numpy) for
search_bulk: each word is told apart by a digest of its UTF-8 bytes (the first 24 bytes read
as three numbers, and Python's hash of the rest of a longer word). The digests are looked up
in a table (see `_groups`), which numbers them without sorting all the places; a second
digest of every word, and the bytes of every long one, are then compared with the first of
its kind, and another digest is tried if two words ever shared one. The postings group the
places by word number with a stable sort of 16-bit numbers (numpy sorts those by radix: two
passes of 8 bits). The text is digested a few blocks at a time on a second thread as the
records are read (Digesting); when another digest is tried, every other block on a second
thread.
"""

from __future__ import annotations

import contextlib
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
SALTS = 3  # digests tried: two words share a 64-bit one about once in 10**10 workspaces
TABLE_BITS = 20  # the table the digests are looked up in: at most 2**20 of them (8 MB)
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
# odd numbers that spread the digests over the table, one for each round of `_groups`
_SPREAD = (0x9FB21C651E98DF25, 0xD6E8FEB86659FD93, 0xBF58476D1CE4E5B9, 0x94D049BB133111EB)


class Block:
    """One block of cleaned text: where its words start, how long they are, and two digests
    of each. `first`: the place of its first word among all blocks' words (see `Words`)."""

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
        self.digest, self.check = digest, check
        # the fields it frames, if no record's own text holds a SEPARATOR (search_bulk
        # makes such a text again)
        self.framing = int(np.count_nonzero(codes == 0))


def _groups(digests: list[np.ndarray]) -> tuple[list[np.ndarray], int]:
    """Each digest's group (32-bit), numbered from 0 on, for each block's digests, and how
    many groups there are: alike digests share one, and no two others. Each digest is put in
    a table at a slot made from it, and each slot's digest read back: of the digests that
    fell on one slot, one was kept, and its places are numbered by that slot. The others go
    round again, spread over a new table in another way. Each round keeps at least one
    digest, and with some 30,000 words in 2**20 slots, nearly all of them: a second round is
    short and a third rare. Done block by block, no array as long as the whole text is made:
    fresh memory is much of the time a first build takes."""
    count = sum(map(len, digests))
    bits = min(TABLE_BITS, max(8, count.bit_length()))
    size = 1 << bits
    shift = U64(64 - bits)
    table = np.empty(size, dtype=U64)  # what is read back was written in the same round
    # the first round's slots, from a digest's highest bits (its best mixed), become the
    # groups: a slot below 2**bits is the same number signed
    groups = [np.right_shift(own, shift).view(np.int64) for own in digests]
    for group, own in zip(groups, digests, strict=True):
        table[group] = own
    # of each block, the places still to be put in a group
    todo = [np.flatnonzero(table[group] != own) for group, own in zip(groups, digests, strict=True)]
    rounds = 1
    while any(len(places) for places in todo):
        spread = U64(_SPREAD[rounds % len(_SPREAD)])
        these = [own[places] for own, places in zip(digests, todo, strict=True)]
        slots = [((own * spread) >> shift).view(np.int64) for own in these]
        for slot, own in zip(slots, these, strict=True):
            table[slot] = own
        for i, (slot, own) in enumerate(zip(slots, these, strict=True)):
            kept = table[slot] == own
            slot += rounds * size
            groups[i][todo[i][kept]] = slot[kept]
            todo[i] = todo[i][~kept]
        rounds += 1
    # the groups numbered from 0 on, as they come in the tables
    used = np.zeros(rounds * size, dtype=bool)
    for group in groups:
        used[group] = True
    number = np.cumsum(used, dtype=np.int32)
    made = int(number[-1])
    number -= 1
    return [number[group] for group in groups], made


class Words:
    """The words of all blocks, numbered as the index numbers them: SEP for the separator,
    the others in the order they first appear. `numbers` is None when two different words
    share a digest."""

    def __init__(self, blocks: list[Block]) -> None:
        self.numbers: np.ndarray | None = None
        first = 0
        for block in blocks:
            block.first = first
            first += block.count
        count = first
        # of each place, block by block
        groups, groups_made = _groups([block.digest for block in blocks])
        for block in blocks:
            del block.digest
        leaders = np.full(groups_made, count, dtype=np.int32)
        for block, group in zip(blocks, groups, strict=True):  # each group's first place
            places = np.arange(block.first, block.first + block.count, dtype=np.int32)
            np.minimum.at(leaders, group, places)
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
        for block, group in zip(blocks, groups, strict=True):
            np.take(by_group, group, out=numbers[block.first : block.first + block.count])
        del groups
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

    def postings(self, records: np.ndarray) -> list[array]:
        """Word number -> the records holding it, ascending, from `records`, the record of
        each place: grouped by number with a stable sort, a word's places stay in the order
        of the text."""
        found = [array("I") for _ in self.words]
        numbers = self.numbers
        assert numbers is not None
        # each word's places, in order, begin at `starts` (SEP has none in a text of no words)
        counts = np.bincount(numbers, minlength=len(self.words))
        starts = np.cumsum(counts) - counts
        present = counts > 0
        held = records[_by_number(numbers, len(self.words))]
        new = np.empty(len(held), dtype=bool)  # a new record of a word, or a word's first
        new[:1] = True
        np.not_equal(held[1:], held[:-1], out=new[1:])
        new[starts[present]] = True
        # of each word, its records once each: how many, then where they end once kept
        distinct = np.zeros(len(self.words), dtype=np.int64)
        if len(held):
            distinct[present] = np.add.reduceat(new, starts[present], dtype=np.int64)
        ends = np.cumsum(distinct).tolist()
        raw = as_bytes(held[new])
        del held, new
        begin = 0
        for number, end in enumerate(ends):
            if number != SEP:
                found[number].frombytes(raw[4 * begin : 4 * end])
            begin = end
        return found


def _by_number(numbers: np.ndarray, count: int) -> np.ndarray:
    """The places in order of their number (below `count`), each number's in the order of
    the text: a stable sort of 16-bit numbers, which numpy does by radix; over 65,536 words,
    two of them (by the low 16 bits, then the high)."""
    if count <= 1 << 16:
        return np.argsort(numbers.astype(np.uint16), kind="stable")
    low = np.argsort((numbers & 0xFFFF).astype(np.uint16), kind="stable")
    high = np.argsort((numbers[low] >> 16).astype(np.uint16), kind="stable")
    return low[high]


def number_words(
    texts: list[bytes],
    framing: list[int],
    remade: Callable[[int], bytes],
    pause: Pause,
    digested: list[Block] | None = None,
) -> Words | None:
    """The words of the cleaned `texts` (see search_bulk), numbered; None when they cannot be
    told apart by any digest tried, or are too many (2**31 places: their numbers are
    32-bit). `framing`: the fields each text frames; one that frames others was made with a
    SEPARATOR in a record's own text, and is made again by `remade` (its index in `texts`)
    and digested again. `pause`
    as for SearchIndex.add_many. Each text is digested as one block, on a second thread and
    this one (Digesting): numpy lets go of the interpreter for the longer array operations
    of larger blocks (DIGESTED). `digested`: the texts' blocks by the first digest, made as the
    texts were (see Digesting)."""
    for salt in range(SALTS):
        if salt == 0 and digested is not None:
            made = digested
        else:  # all given at once: the thread and this one digest them in turn
            digesting = Digesting(pause, salt)
            for text in texts:
                digesting.add(text)
            made = digesting.blocks()
        if sum(block.count for block in made) >= 1 << 31:
            return None
        for i, block in enumerate(made):
            if block.framing != framing[i]:
                texts[i] = remade(i)
                made[i] = Block(texts[i], salt)
                if made[i].framing != framing[i]:
                    return None
        words = Words(made)
        if words.numbers is not None:
            return words
    return None


class Digesting:
    """Texts digested (by the digest of `salt`) as they are made, on a thread of their own:
    the records are read (the interpreter's work) while the texts already made are digested
    (numpy's, which lets go of it). `blocks()` digests on the caller's thread too what is
    left once all are given, and returns the blocks in the order the texts came. `pause`, as
    for number_words, is called by the thread before each text it digests."""

    def __init__(self, pause: Pause = None, salt: int = 0) -> None:
        self._pause, self._salt = pause, salt
        self._texts: list[bytes] = []
        self._made: list[Block | None] = []
        self._taken = 0  # texts taken to be digested
        self._given_all = False
        self._more = threading.Condition()
        self._beside = Beside(self._digest)

    def _take(self, wait: bool) -> int | None:
        """The next text to digest; None when there is none (and, if `wait`, none will
        come)."""
        with self._more:
            while self._taken == len(self._texts):
                if self._given_all or not wait:
                    return None
                self._more.wait()
            self._taken += 1
            return self._taken - 1

    def _digest(self, wait: bool = True) -> None:
        while True:
            # the thread lets the screen go first before it takes a text, never while one is
            # taken: the caller digests all it has not taken once the texts are all given
            if wait and self._pause is not None and self._waiting():
                self._pause()
            i = self._take(wait)
            if i is None:
                return
            self._made[i] = Block(self._texts[i], self._salt)

    def _waiting(self) -> bool:
        """Whether a text is given and not yet taken."""
        with self._more:
            return self._taken < len(self._texts)

    def add(self, text: bytes) -> None:
        with self._more:
            self._texts.append(text)
            self._made.append(None)
            self._more.notify()

    def stop(self) -> None:
        """No more texts will come: the thread ends once those given are digested."""
        with self._more:
            self._given_all = True
            self._more.notify()

    def cancel(self) -> None:
        """Digest no more: the thread ends after the text it is digesting, or the pause it
        is in, if any. Called when reading failed: that failure is the one to report, not
        one of the thread's."""
        with self._more:
            self._taken = len(self._texts)
        self.stop()
        with contextlib.suppress(BaseException):
            self._beside.result()

    def blocks(self) -> list[Block]:
        """Once only: the thread's result is taken."""
        self.stop()
        self._digest(wait=False)
        self._beside.result()
        made = [block for block in self._made if block is not None]
        assert len(made) == len(self._texts), "a text was not digested"
        return made


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
