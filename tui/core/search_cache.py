"""The command line's search index, stored under the hash of the workspace file's bytes.

`finalround search` answers from the stored index when one exists for exactly these bytes
(and this version of the search code and content), else builds it once and stores it. A changed
file has another hash, so a stored index can never answer for an older file.
"""

from __future__ import annotations

import gc
import hashlib
import marshal
import os
import pickle
import tempfile
from array import array
from collections.abc import Iterable
from dataclasses import fields
from pathlib import Path
from typing import Any

from .private import FILE_MODE, make_private_dir
from .search_index import Doc, Hit, SearchIndex

FORMAT = 2
# the code and content an index depends on: any change to them is another key
_SOURCES = (
    "search_index.py",
    "search_words.py",
    "search.py",
    "kinds.py",
    "starters.py",
    "language.py",
    "thesaurus.py",
)
_MAX_FILES = 4  # stored indexes kept; the oldest go first


def _code_digest() -> bytes:
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
    from platformdirs import user_cache_dir

    return Path(user_cache_dir("finalround", appauthor=False)) / "search"


def stored_search(path: Path, folder: Path | None = None) -> StoredSearch:
    """The search over the workspace file at `path`, from its stored index when there is one."""
    from .thesaurus import thesaurus

    folder = folder or cache_folder()
    code = _code_digest()
    key = _key(path.read_bytes(), code)
    stored = folder / f"{key}.index"
    loaded = _load(stored)
    if loaded is None:
        loaded = _build(path)
        if _key(path.read_bytes(), code) == key:
            _store(folder, stored, loaded)  # only an index of exactly the bytes hashed
    index, companies = loaded
    index.meaning = thesaurus()
    return StoredSearch(index, companies)


def _load(stored: Path) -> tuple[SearchIndex, dict[int, str]] | None:
    try:
        st = stored.stat()
        # only a file this user wrote, that no one else could have changed
        if st.st_uid != os.getuid() or st.st_mode & 0o077:
            return None
        with open(stored, "rb") as handle:
            data = handle.read()
        enabled = gc.isenabled()
        gc.disable()  # thousands of objects at once: the collector would walk them in vain
        try:
            return _unpack(data)
        finally:
            if enabled:
                gc.enable()
    except (OSError, pickle.UnpicklingError, EOFError, AttributeError, ValueError, TypeError):
        return None
    except (KeyError, IndexError):
        return None


_DOC_FIELDS = [f.name for f in fields(Doc)]


def _pack(index: SearchIndex, companies: dict[int, str]) -> bytes:
    """The index as bytes: the records as one marshal table (much faster to read back than
    one pickled object each), the rest pickled."""
    state = index.__getstate__()
    state["docs"], state["_by_number"] = None, None
    rows = []
    for doc in index.docs.values():
        row = [getattr(doc, name) for name in _DOC_FIELDS]
        row[_DOC_FIELDS.index("kind")] = doc.kind.name
        row[_DOC_FIELDS.index("tokens")] = doc.tokens.tobytes()
        rows.append(tuple(row))
    table = marshal.dumps(rows)
    return pickle.dumps((FORMAT, state, companies, table), protocol=pickle.HIGHEST_PROTOCOL)


def _unpack(data: bytes) -> tuple[SearchIndex, dict[int, str]] | None:
    from .kinds import KINDS
    from .starters import STARTER_KINDS

    found: Any = pickle.loads(data)
    if not (isinstance(found, tuple) and len(found) == 4 and found[0] == FORMAT):
        return None
    _, state, companies, table = found
    kinds = {**KINDS, **STARTER_KINDS}
    at_kind, at_tokens = _DOC_FIELDS.index("kind"), _DOC_FIELDS.index("tokens")
    docs: dict[tuple[str, int], Doc] = {}
    for row in marshal.loads(table):
        values = list(row)
        values[at_kind] = kinds[values[at_kind]]
        tokens = array("I")
        tokens.frombytes(values[at_tokens])
        values[at_tokens] = tokens
        doc = Doc(*values)
        docs[doc.key] = doc
    index = SearchIndex.__new__(SearchIndex)
    index.__setstate__(state)
    index.docs = docs
    index._by_number = {doc.number: doc for doc in docs.values()}
    return index, companies


def _build(path: Path) -> tuple[SearchIndex, dict[int, str]]:
    from .repository import Workspace
    from .search import WorkspaceSearch

    workspace = Workspace(path, read_only=True)
    try:
        search = WorkspaceSearch(workspace)
        companies = {o.id: str(o.values.get("company", "")) for o in workspace.opportunities()}
        return search.index, companies
    finally:
        workspace.close()


def _store(folder: Path, stored: Path, loaded: tuple[SearchIndex, dict[int, str]]) -> None:
    """Write atomically, privately; never fail the search for want of a cache."""
    try:
        make_private_dir(folder)
        fd, tmp = tempfile.mkstemp(prefix=".", suffix=".tmp", dir=folder)
        try:
            os.fchmod(fd, FILE_MODE)
            with os.fdopen(fd, "wb") as handle:
                handle.write(_pack(*loaded))
            os.replace(tmp, stored)
        except BaseException:
            Path(tmp).unlink(missing_ok=True)
            raise
        kept = sorted(folder.glob("*.index"), key=lambda p: p.stat().st_mtime, reverse=True)
        for old in kept[_MAX_FILES:]:
            old.unlink(missing_ok=True)
    except (OSError, pickle.PicklingError, ValueError):
        pass
