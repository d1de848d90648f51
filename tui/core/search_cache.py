"""The command line's search index, stored under the hash of the workspace file's bytes.

`finalround search` answers from the stored index when one exists for exactly these bytes
(and this version of the search code and content), else builds it once and stores it. A changed
file has another hash, so a stored index can never answer for an older file; storing the new one
removes the older ones of the same workspace file.
"""

from __future__ import annotations

import hashlib
import marshal
import mmap
import os
import pickle
import struct
from array import array
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import fields
from pathlib import Path
from typing import TYPE_CHECKING, Any

from . import private
from .collector import collector_paused
from .search_index import Doc, Hit, SearchIndex

if TYPE_CHECKING:
    from .kinds import Kind

FORMAT = 4  # 4: the separator between fields is word 0
# the code and content an index depends on: any change to them is another key
_SOURCES = (
    "search_index.py",
    "search_types.py",
    "search_hits.py",
    "search_words.py",
    "search_fields.py",
    "search_bulk.py",
    "search_digests.py",
    "search_rank.py",
    "search.py",
    "kinds.py",
    "kind_spec.py",
    "kinds_material.py",
    "kinds_conversation.py",
    "field_types.py",
    "field_links.py",
    "field_values.py",
    "starters.py",
    "language.py",
    "thesaurus.py",
    # how a record's values are read from the file: what the index is given of each record
    "record.py",
    "workspace_reads.py",
    "validation.py",
)
_MAX_FILES = 4  # stored indexes kept; the oldest go first


def code_digest() -> bytes:
    here = Path(__file__).parent
    digest = hashlib.blake2b(str(FORMAT).encode(), digest_size=16)
    for name in _SOURCES:
        digest.update((here / name).read_bytes())
    from .content import content_dir

    for path in sorted((content_dir() / "questions").glob("*.toml")):
        digest.update(path.read_bytes())
    # stored records hold tags by their usual competency name, as the thesaurus says
    digest.update((content_dir() / "thesaurus.toml").read_bytes())
    return digest.digest()


def _key(data: bytes, code: bytes) -> str:
    """The stored index's name: a hash of the file's bytes and of the code reading them."""
    digest = hashlib.sha256(code)
    digest.update(data)
    return digest.hexdigest()[:40]


class StoredSearch:
    """Answers queries like WorkspaceSearch, from an index built for one file's bytes."""

    def __init__(self, index: SearchIndex, companies: dict[int, str]) -> None:
        self.index = index
        self.companies = companies

    def search(self, text: str, limit: int = 20, kinds: Iterable[str] | None = None) -> list[Hit]:
        return self.index.search(text, limit=limit, kinds=kinds)

    def opportunity_name(self, hit: Hit) -> str:
        return "" if hit.opportunity is None else self.companies.get(hit.opportunity, "")


def cache_folder() -> Path:
    return private.cache_folder("search")


def _workspace_tag(path: Path) -> str:
    """The part of a stored index's name that says which workspace file it is of."""
    return hashlib.blake2b(str(path.resolve()).encode(), digest_size=8).hexdigest()


def stored_search(path: Path, folder: Path | None = None) -> StoredSearch:
    """The search over the workspace file at `path`, from its stored index when there is one."""
    folder = folder or cache_folder()
    code = code_digest()
    key = _key(path.read_bytes(), code)
    stored = folder / f"{_workspace_tag(path)}-{key}.index"
    loaded = _load(stored)
    if loaded is None:
        loaded = _build(path)
        if _key(path.read_bytes(), code) == key:
            _store(folder, stored, loaded)  # only an index of exactly the bytes hashed
    index, companies = loaded
    return StoredSearch(index, companies)


Loaded = tuple[SearchIndex, dict[int, str]]


def _load(stored: Path) -> Loaded | None:
    try:
        with open(stored, "rb") as handle:
            st = os.fstat(handle.fileno())
            # only a file this user wrote, that no one else could have changed
            if not private.is_own(st) or not st.st_size:
                return None
            # mapped, not read: a query reads the few records it needs. Stored files are
            # only ever replaced whole (os.replace), so the mapped one never changes.
            data = mmap.mmap(handle.fileno(), 0, access=mmap.ACCESS_READ)
        with collector_paused():  # thousands of objects at once: no walks over them in vain
            return _unpack(data)
    except (OSError, pickle.UnpicklingError, EOFError, AttributeError, ValueError, TypeError):
        return None
    except (KeyError, IndexError, struct.error):
        return None


_DOC_FIELDS = [f.name for f in fields(Doc)]
_AT_KIND, _AT_TOKENS = _DOC_FIELDS.index("kind"), _DOC_FIELDS.index("tokens")


class StoredDocs(Mapping[int, Doc]):
    """The records of a stored index by number, each read back from its bytes only when a
    query first needs it: one query reads a few of them, not all."""

    def __init__(
        self, numbers: array, ends: array, rows: memoryview, kinds: dict[str, Kind]
    ) -> None:
        self._at = {number: i for i, number in enumerate(numbers)}
        self._ends = ends  # where each record's bytes end in `rows`
        self._rows = rows
        self._kinds = kinds
        self._made: dict[int, Doc] = {}

    def __getitem__(self, number: int) -> Doc:
        doc = self._made.get(number)
        if doc is None:
            i = self._at[number]
            start = self._ends[i - 1] if i else 0
            values = list(marshal.loads(self._rows[start : self._ends[i]]))
            values[_AT_KIND] = self._kinds[values[_AT_KIND]]
            tokens = array("I")
            tokens.frombytes(values[_AT_TOKENS])
            values[_AT_TOKENS] = tokens
            doc = self._made[number] = Doc(*values)
        return doc

    def __iter__(self) -> Iterator[int]:
        return iter(self._at)

    def __len__(self) -> int:
        return len(self._at)


class DocsByKey(Mapping[tuple[str, int], Doc]):
    """The same records by (kind, id)."""

    def __init__(self, keys: list[tuple[str, int]], numbers: array, docs: StoredDocs) -> None:
        self._numbers = dict(zip(keys, numbers, strict=True))
        self._docs = docs

    def __getitem__(self, key: tuple[str, int]) -> Doc:
        return self._docs[self._numbers[key]]

    def __iter__(self) -> Iterator[tuple[str, int]]:
        return iter(self._numbers)

    def __len__(self) -> int:
        return len(self._numbers)


# what the file is, and the length of the pickled part; the records' bytes follow it
_HEAD = struct.Struct("<8sQ")
_MAGIC = b"frindex%d" % FORMAT


def _pack(index: SearchIndex, companies: dict[int, str]) -> bytes:
    """The index as bytes: the words, the thesaurus and the rest pickled, then each record
    as its own marshal string, read back only when a query needs it."""
    state = index.__getstate__()
    state["docs"], state["_by_number"] = None, None
    rows, keys, numbers, ends = bytearray(), [], array("I"), array("Q")
    for doc in index.docs.values():
        row = [getattr(doc, name) for name in _DOC_FIELDS]
        row[_AT_KIND] = doc.kind.name
        row[_AT_TOKENS] = doc.tokens.tobytes()
        rows += marshal.dumps(tuple(row))
        ends.append(len(rows))
        keys.append(doc.key)
        numbers.append(doc.number)
    table = marshal.dumps((keys, numbers.tobytes(), ends.tobytes()))
    found = (FORMAT, state, companies, index.meaning, table)
    head = pickle.dumps(found, protocol=pickle.HIGHEST_PROTOCOL)
    return _HEAD.pack(_MAGIC, len(head)) + head + rows


def _unpack(data: bytes | mmap.mmap) -> Loaded | None:
    from .kinds import KINDS
    from .starters import STARTER_KINDS
    from .thesaurus import Thesaurus

    magic, size = _HEAD.unpack_from(data)
    if magic != _MAGIC:
        return None
    view = memoryview(data)
    found: Any = pickle.loads(view[_HEAD.size : _HEAD.size + size])
    if not (isinstance(found, tuple) and len(found) == 5 and found[0] == FORMAT):
        return None
    _, state, companies, meaning, table = found
    if meaning is not None and not isinstance(meaning, Thesaurus):
        return None
    keys, packed_numbers, packed_ends = marshal.loads(table)
    numbers, ends = array("I"), array("Q")
    numbers.frombytes(packed_numbers)
    ends.frombytes(packed_ends)
    rows = view[_HEAD.size + size :]
    if len(numbers) != len(ends) or (ends and ends[-1] != len(rows)):
        return None  # cut short
    docs = StoredDocs(numbers, ends, rows, {**KINDS, **STARTER_KINDS})
    index = SearchIndex.__new__(SearchIndex)
    index.__setstate__(state)
    index.meaning = meaning  # the thesaurus the stored records were read with
    index.docs = DocsByKey(keys, numbers, docs)  # type: ignore[assignment]
    index._by_number = docs  # type: ignore[assignment]
    return index, companies


def _build(path: Path) -> Loaded:
    from .repository import Workspace
    from .search import WorkspaceSearch

    workspace = Workspace(path, read_only=True)
    try:
        search = WorkspaceSearch(workspace)
        companies = {o.id: str(o.values.get("company", "")) for o in workspace.opportunities()}
        return search.index, companies
    finally:
        workspace.close()


def _store(folder: Path, stored: Path, loaded: Loaded) -> None:
    """Write atomically, privately, in place of the indexes of the same workspace file's
    earlier bytes (large, and they would answer again only if the file went back to exactly
    those bytes); never fail the search for want of a cache."""
    try:
        private.make_private_dir(folder)
        private.atomic_write_bytes(stored, _pack(*loaded), durable=False)
        tag = stored.name.partition("-")[0]
        for older in folder.glob(f"{tag}-*.index"):
            if older != stored:
                older.unlink(missing_ok=True)
        private.keep_newest(folder, "*.index", _MAX_FILES)
    except (OSError, pickle.PicklingError, ValueError):
        pass
