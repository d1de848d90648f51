"""A large workspace's search index, kept in the user's cache folder between starts: the next
start reads it back and indexes again only the records that changed since, instead of all.

A kept index is trusted record by record, never by the file as a whole: each record it holds is
compared with the record as read now (the text of every searched field, its tags, choices, title
and opportunity, which are all the index takes from it), and any difference is indexed again.
An index kept by other code or content, or by another Python, a damaged or foreign file, or one
that more than a quarter of the records no longer match, is passed over: the index is built.
"""

from __future__ import annotations

import hashlib
import marshal
import os
import struct
import sys
import zlib
from array import array
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

from . import private
from .kinds import Kind
from .search_index import Doc, Meaning, SearchIndex
from .search_words import Vocabulary, _Numbers

FORMAT = 1
MIN_SIZE = 1024 * 1024  # bytes of workspace file: a smaller one is indexed about as fast
_MAX_FILES = 4  # indexes kept (one per workspace file); the oldest go first
BLOCK = 2048  # records packed or read back between two pauses
# indexed again rather than built: at most this share of the records, changed or new
CATCH_UP_SHARE = 0.25
# kept again after catching up more than this share of the records (else the next start
# catches up the same records again, which costs less than packing the whole index)
KEEP_AGAIN_SHARE = 0.02

# what this is; the Python that wrote it (marshal's format is its own); the code and content
# it was made by; the checksum and length of what follows
_HEAD = struct.Struct("<8s16s16sIQ")
_MAGIC = b"frkept%02d" % FORMAT
_PYTHON = f"{sys.implementation.cache_tag}-{marshal.version}".encode()[:16]

Item = tuple[tuple[str, int], Kind, dict, "int | None"]
Pause = Callable[[], None] | None


def cache_folder() -> Path:
    return private.cache_folder("indexes")


def kept_at(path: Path, folder: Path | None = None) -> Path | None:
    """Where the index of the workspace file at `path` is kept; None for a small file (or none)."""
    try:
        if os.stat(path).st_size < MIN_SIZE:
            return None
        folder = folder or cache_folder()
    except (OSError, RuntimeError):
        return None
    name = hashlib.blake2b(str(path.resolve()).encode(), digest_size=12).hexdigest()
    return folder / f"{name}.index"


def _code() -> bytes:
    from .search_cache import code_digest

    return code_digest()


# -- keeping ---------------------------------------------------------------------------------
def pack(index: SearchIndex, pause: Pause = None) -> list[bytes]:
    """The index as pieces of bytes, to be written by `write` (on the thread that owns the
    index, before anything else can change it). `pause` is called between blocks."""
    vocab = index.vocabulary
    postings = vocab.postings
    boosts = {
        weight: (
            array("I", table).tobytes(),
            array("Q", map(len, table.values())).tobytes(),
            b"".join(map(array.tobytes, table.values())),
        )
        for weight, table in index.boosts.items()
    }
    meta = marshal.dumps(
        (
            vocab.words,
            array("Q", map(len, postings)).tobytes(),
            boosts,
            index._next_number,
        )
    )
    pieces = [meta, b"".join(map(array.tobytes, postings))]
    rows: list[tuple] = []
    for doc in index.docs.values():
        rows.append(
            (
                doc.key,
                doc.kind.name,
                doc.title,
                doc.opportunity,
                doc.fields,
                doc.tags,
                doc.tokens.tobytes(),
                doc.number,
                doc.choices,
            )
        )
        if len(rows) == BLOCK:
            pieces.append(marshal.dumps(rows))
            rows.clear()
            if pause is not None:
                pause()
    pieces.append(marshal.dumps(rows))
    sizes = array("Q", [len(pieces), *map(len, pieces)]).tobytes()
    body = [sizes, *pieces]
    crc = 0
    for piece in body:
        crc = zlib.crc32(piece, crc)
    length = sum(map(len, body))
    return [_HEAD.pack(_MAGIC, _PYTHON, _code(), crc, length), *body]


def write(kept: Path, pieces: list[bytes]) -> None:
    """Write a packed index atomically and privately; never fail for want of it."""
    try:
        private.make_private_dir(kept.parent)
        private.atomic_write_bytes(kept, pieces, durable=False)
        private.keep_newest(kept.parent, "*.index", _MAX_FILES)
    except (OSError, ValueError):
        pass


# -- reading back ----------------------------------------------------------------------------
def load(kept: Path, meaning: Meaning | None, pause: Pause = None) -> SearchIndex | None:
    """The index kept at `kept`, as it was kept; None when there is none that can be trusted."""
    try:
        # read whole, not mapped: a mapped file cannot be closed while anything (a
        # profiler's look at this thread, say) still holds a view of it
        blob = private.read_own(kept)
        if blob is None:
            return None
        magic, python, code, crc, length = _HEAD.unpack_from(blob)
        if (magic, python.rstrip(b"\0")) != (_MAGIC, _PYTHON) or code != _code():
            return None
        body = memoryview(blob)[_HEAD.size :]
        if len(body) != length or zlib.crc32(body) != crc:
            return None  # cut short or damaged
        return _unpack(body, meaning, pause)
    except (OSError, ValueError, EOFError, TypeError, KeyError, IndexError, struct.error):
        return None


def _unpack(body: memoryview, meaning: Meaning | None, pause: Pause) -> SearchIndex:
    from .kinds import KINDS
    from .starters import STARTER_KINDS

    kinds = {**KINDS, **STARTER_KINDS}
    count = _numbers("Q", body[:8])[0]  # pieces, then each one's size, then the pieces
    sizes = _numbers("Q", body[8 : 8 * (count + 1)])
    at = 8 * (count + 1)
    pieces: list[memoryview] = []
    for size in sizes:
        pieces.append(body[at : at + size])
        at += size
    if at != len(body) or len(pieces) < 3:
        raise ValueError("pieces do not add up")
    words, lengths, boosts, next_number = marshal.loads(pieces[0])
    index = SearchIndex(meaning)
    vocab = index.vocabulary = Vocabulary()
    vocab.words = list(words)
    vocab.ids = _Numbers(vocab)
    vocab.ids.update(zip(words, range(len(words)), strict=True))
    vocab.postings = _split(pieces[1], lengths)
    if pause is not None:
        pause()
    if len(vocab.postings) != len(words):
        raise ValueError("postings do not match the words")
    for weight, (numbers, table_lengths, table_blob) in boosts.items():
        found = _numbers("I", numbers)
        index.boosts[weight] = dict(zip(found, _split(table_blob, table_lengths), strict=True))
    for piece in pieces[2:]:
        for key, kind, title, opportunity, fields, tags, packed, number, choices in marshal.loads(
            piece
        ):
            tokens = _numbers("I", packed)
            doc = Doc(key, kinds[kind], title, opportunity, fields, tags, tokens, number, choices)
            index.docs[key] = doc
            index._by_number[number] = doc
        if pause is not None:
            pause()
    index._next_number = next_number
    vocab.prepare()
    return index


def _numbers(typecode: str, data: Any) -> array:
    found = array(typecode)
    found.frombytes(data)
    return found


def _split(blob: Any, lengths: bytes) -> list[array]:
    """Arrays of record numbers, one after another in `blob`, of the given lengths."""
    found: list[array] = []
    at = 0
    size = array("I").itemsize
    for n in _numbers("Q", lengths):
        found.append(_numbers("I", blob[at : at + n * size]))
        at += n * size
    if at != len(blob):
        raise ValueError("record numbers do not add up")
    return found


def differences(
    index: SearchIndex, items: Sequence[Item], pause: Pause = None
) -> tuple[list[tuple[str, int]], list[Item]]:
    """The records `index` holds that are gone from `items`, and the items it does not hold
    as they are now (changed or new). Reads the index only."""
    wanted = {item[0] for item in items}
    gone = [key for key in index.docs if key not in wanted]
    changed = []
    for n, item in enumerate(items, 1):
        if not index.holds_as(*item):
            changed.append(item)
        if pause is not None and not n % BLOCK:
            pause()
    return gone, changed


def worth_catching_up(redone: int, items: Sequence[Item]) -> bool:
    """Whether indexing `redone` records again costs less than building the index afresh."""
    return redone <= CATCH_UP_SHARE * max(1, len(items))


def catch_up(index: SearchIndex, items: Sequence[Item], pause: Pause = None) -> int | None:
    """Bring a kept index up to the records `items` as read now: the records it holds that
    are gone or differ are taken out, the changed and new ones indexed. The number of records
    indexed again; None (and the index left as it was) when they are too many to be worth it."""
    gone, changed = differences(index, items, pause)
    if not worth_catching_up(len(gone) + len(changed), items):
        return None
    for key in gone:
        index.remove(key)
    if changed:
        index.add_many(changed, pause)
    return len(gone) + len(changed)
