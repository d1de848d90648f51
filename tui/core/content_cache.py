"""The content files' parsed data kept in the user's cache folder under the hash of each file's
bytes, so a start reads the demo and the strategies back at marshal speed instead of parsing
their TOML. A changed file has another hash; a damaged or foreign cache is ignored."""

from __future__ import annotations

import marshal
import sys
import zlib
from pathlib import Path
from typing import Any

from . import private

try:  # hashlib's own blake2b; hashlib would load OpenSSL too (about 2 ms of a start)
    from _blake2 import blake2b
except ImportError:  # a Python built without it
    from hashlib import blake2b

FORMAT = 1
_MAX_ENTRIES = 64  # past this many (content changed again and again), it starts afresh
_TAG = f"frcontent{FORMAT}-{sys.implementation.cache_tag}-{marshal.version}"

# what was read from or written to the cache file in this process: hash -> marshal bytes
_kept: dict[bytes, bytes] | None = None


def cache_file() -> Path:
    return private.cache_folder("content.marshal")


def parsed(raw: bytes, parse: Any) -> Any:
    """`parse(raw)`, from the kept copy for exactly these bytes when there is one (a fresh
    copy each time: callers may change what they get)."""
    kept = _read()
    digest = blake2b(raw, digest_size=16).digest()
    found = kept.get(digest)
    if found is not None:
        try:
            return marshal.loads(found)
        except (ValueError, EOFError, TypeError):
            pass
    data = parse(raw)
    try:
        kept[digest] = marshal.dumps(data)
    except ValueError:  # something marshal cannot hold (a TOML date): parsed each time
        return data
    if len(kept) > _MAX_ENTRIES:
        kept.clear()
        kept[digest] = marshal.dumps(data)
    _write(kept)
    return data


def _read() -> dict[bytes, bytes]:
    global _kept
    if _kept is None:
        _kept = {}
        try:
            blob = private.read_own(cache_file())
            if blob is not None:
                _kept = _unpack(blob)
        except (OSError, ValueError, EOFError, TypeError):
            pass
    return _kept


def _unpack(blob: bytes) -> dict[bytes, bytes]:
    tag, crc, payload = marshal.loads(blob)
    if tag != _TAG or not isinstance(payload, bytes) or zlib.crc32(payload) != crc:
        return {}  # another version's, or damaged
    found = marshal.loads(payload)
    if not isinstance(found, dict):
        return {}
    return {k: v for k, v in found.items() if isinstance(k, bytes) and isinstance(v, bytes)}


def _write(kept: dict[bytes, bytes]) -> None:
    """Write atomically and privately; never fail for want of a cache."""
    try:
        path = cache_file()
        private.make_private_dir(path.parent)
        payload = marshal.dumps(kept)
        blob = marshal.dumps((_TAG, zlib.crc32(payload), payload))
        private.atomic_write_bytes(path, blob, durable=False)
    except (OSError, ValueError):
        pass


def forget() -> None:
    """Read the cache file again on next use (tests: another cache folder)."""
    global _kept
    _kept = None
