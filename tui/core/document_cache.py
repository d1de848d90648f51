"""A large workspace file's checked records, kept in the user's cache folder so the next start
reads them back at marshal speed instead of parsing the JSON again.

A kept copy answers only for exactly the bytes it was made from: the same file (inode,
modification time) with the same size and checksum, read by the same Python. Anything else
(a changed file, a damaged, older or foreign copy) is passed over without a word, and the file
is parsed as usual.
"""

from __future__ import annotations

import marshal
import mmap
import os
import stat
import struct
import sys
import zlib
from pathlib import Path
from typing import BinaryIO

from . import private

try:  # hashlib's own blake2b; hashlib would load OpenSSL too (about 2 ms of a start)
    from _blake2 import blake2b
except ImportError:  # a Python built without it
    from hashlib import blake2b

FORMAT = 1
MIN_SIZE = 1024 * 1024  # bytes: a smaller file parses about as fast as its copy is read
_MAX_FILES = 4  # copies kept (one per workspace file); the oldest go first
# what this is; the Python that wrote it (marshal's format is its own); the file's size,
# inode, modification time and checksum; the checksum and length of the records that follow
_HEAD = struct.Struct("<8s16sQQqIIQ")
_MAGIC = b"frdoc%03d" % FORMAT
_PYTHON = f"{sys.implementation.cache_tag}-{marshal.version}".encode()[:16]


def cache_folder() -> Path:
    return private.cache_folder("documents")


def _kept_at(path: Path, folder: Path) -> Path:
    """Where the copy of the workspace file at `path` is kept: one per file."""
    name = blake2b(str(path.resolve()).encode(), digest_size=12).hexdigest()
    return folder / f"{name}.doc"


Stamp = tuple[int, int, int, int]  # size, inode, modification time, checksum
_CHUNK = 1 << 20


def kept_copy(path: Path, folder: Path | None = None) -> dict | None:
    """The checked document of the workspace file at `path`, from the copy kept for exactly
    its bytes; None when there is none (or the file is small, or not a regular file)."""
    try:
        with open(path, "rb", buffering=0, opener=_nonblocking) as handle:
            st = os.fstat(handle.fileno())
            if not stat.S_ISREG(st.st_mode) or st.st_size < MIN_SIZE:
                return None
            return _load(_kept_at(path, folder or cache_folder()), st, handle)
    except (OSError, ValueError, RuntimeError):
        return None


def _checksum(handle: BinaryIO) -> tuple[int, int]:
    """The size and checksum of the file open in `handle`, read a piece at a time: the file is
    never held whole in memory."""
    crc, size, piece = 0, 0, bytearray(_CHUNK)
    with memoryview(piece) as view:
        while n := handle.readinto(piece):  # type: ignore[attr-defined]
            crc = zlib.crc32(view[:n], crc)
            size += n
    return size, crc


def keep(path: Path, raw: bytes, data: dict, folder: Path | None = None) -> None:
    """Keep `data`, checked from the bytes `raw` of the file at `path`, for the next start.
    Call it before anything changes `data`. Never fails: a copy not kept is parsed again."""
    if len(raw) < MIN_SIZE:
        return
    try:
        st = os.stat(path)
        folder = folder or cache_folder()
        kept = _kept_at(path, folder)
    except (OSError, RuntimeError):
        return
    # a file replaced since `raw` was read has other bytes: its checksum then never matches
    _store(folder, kept, (len(raw), st.st_ino, st.st_mtime_ns, zlib.crc32(raw)), data)


def _nonblocking(name: str | os.PathLike, flags: int) -> int:
    return os.open(name, flags | getattr(os, "O_NONBLOCK", 0))


def _load(kept: Path, st: os.stat_result, handle: BinaryIO) -> dict | None:
    """The copy at `kept`, if it was made from the bytes of the file open in `handle` (whose
    status is `st`); the file is read for its checksum only once the rest matches."""
    try:
        with open(kept, "rb", buffering=0) as copy:
            mine = os.fstat(copy.fileno())
            # only a file this user wrote, that no one else could have changed
            if not private.is_own(mine):
                return None
            with (
                mmap.mmap(copy.fileno(), 0, access=mmap.ACCESS_READ) as blob,
                memoryview(blob) as view,
            ):
                magic, python, size, ino, mtime, crc, records_crc, length = _HEAD.unpack_from(blob)
                if (magic, python.rstrip(b"\0")) != (_MAGIC, _PYTHON):
                    return None
                if (size, ino, mtime) != (st.st_size, st.st_ino, st.st_mtime_ns):
                    return None
                if _checksum(handle) != (size, crc):
                    return None
                with view[_HEAD.size :] as records:
                    if len(records) != length or zlib.crc32(records) != records_crc:
                        return None  # cut short or damaged
                    data = marshal.loads(records)
    except (OSError, ValueError, EOFError, TypeError, struct.error):
        return None
    return data if isinstance(data, dict) else None


def _store(folder: Path, kept: Path, stamp: Stamp, data: dict) -> None:
    """Write the copy atomically and privately; never fail the start for want of it."""
    try:
        records = marshal.dumps(data)
        size, ino, mtime, crc = stamp
        head = _HEAD.pack(_MAGIC, _PYTHON, size, ino, mtime, crc, zlib.crc32(records), len(records))
        private.make_private_dir(folder)
        private.atomic_write_bytes(kept, [head, records], durable=False)
        private.keep_newest(folder, "*.doc", _MAX_FILES)
    except (OSError, ValueError, OverflowError, struct.error):
        pass
