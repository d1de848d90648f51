"""Which records each change touched, and the workspace's text kept record by record, so a save
of one record in a large workspace re-serialises that record and joins the rest as they were."""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable
from typing import Any

from tinydb import TinyDB
from tinydb.table import Table

# A record stored as something other than an object is kept under this key (see storage).
RAW_KEY = "_raw"

# (table name, its records before the change, after it, the keys of the records touched)
Touched = Callable[[str, dict[str, Any], dict[str, Any], set[str]], None]


def _dumps(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False, separators=(",", ":"))


class _Touching(dict):
    """A table's records by id, noting every id read, written or removed through it: what a
    TinyDB change hands its updater, which changes records only by looking them up."""

    def __init__(self, items: Iterable[tuple[int, Any]]) -> None:
        super().__init__(items)
        self.touched: set[int] = set()

    def __getitem__(self, key: int) -> Any:
        self.touched.add(key)
        return super().__getitem__(key)

    def __setitem__(self, key: int, value: Any) -> None:
        self.touched.add(key)
        super().__setitem__(key, value)

    def __delitem__(self, key: int) -> None:
        self.touched.add(key)
        super().__delitem__(key)

    def pop(self, key: int, *default: Any) -> Any:
        self.touched.add(key)
        return super().pop(key, *default)

    def clear(self) -> None:
        self.touched.update(self.keys())
        super().clear()


class TrackedTable(Table):
    """A TinyDB table that tells its database which records each change touched."""

    def _update_table(self, updater: Callable[[dict[int, Any]], None]) -> None:
        tables = self._storage.read()
        if tables is None:
            tables = {}
        raw_table = tables.get(self.name, {})
        table = _Touching(
            (self.document_id_class(doc_id), doc) for doc_id, doc in raw_table.items()
        )
        updater(table)
        fresh = {str(doc_id): doc for doc_id, doc in table.items()}
        tables[self.name] = fresh
        touched = {str(doc_id) for doc_id in table.touched}
        hook = getattr(self._storage, "records_touched", None)
        if hook is not None:  # before the write: the text of these records is made afresh
            hook(self.name, raw_table, fresh, touched)
        self._storage.write(tables)
        self.clear_cache()


class TrackedDB(TinyDB):
    table_class = TrackedTable


class DocumentText:
    """The document's JSON text, record by record: each record's text is kept with the very
    object it was made from and made again only when that object is another one (the file
    read again, a whole workspace put back) or a change touched it (`touch`)."""

    def __init__(self) -> None:
        self._parts: dict[str, dict[str, tuple[Any, str]]] = {}
        self._dirty: dict[str, set[str]] = {}
        # each table's text, with the very table object it was made from
        self._joined: dict[str, tuple[Any, str]] = {}

    def touch(self, table: str, keys: Iterable[str]) -> None:
        self._dirty.setdefault(table, set()).update(keys)

    def forget(self) -> None:
        self._parts.clear()
        self._dirty.clear()
        self._joined.clear()

    def text(self, data: dict[str, Any]) -> str:
        """The same text as json.dumps of the whole document (records that were not objects
        as they were), with only the records changed since serialised again."""
        tables: list[str] = []
        parts_by_table: dict[str, dict[str, tuple[Any, str]]] = {}
        for name, table in data.items():
            if not isinstance(table, dict):
                tables.append(f"{_dumps(name)}:{_dumps(table)}")
                continue
            kept = self._parts.get(name, {})
            dirty = self._dirty.get(name, ())
            joined = self._joined.get(name)
            if joined is not None and joined[0] is table and not dirty:
                parts_by_table[name] = kept  # not changed: its text as it was
                tables.append(joined[1])
                continue
            parts: dict[str, tuple[Any, str]] = {}
            for key, doc in table.items():
                entry = kept.get(key)
                if entry is None or entry[0] is not doc or key in dirty:
                    value = doc[RAW_KEY] if isinstance(doc, dict) and RAW_KEY in doc else doc
                    entry = (doc, f"{_dumps(key)}:{_dumps(value)}")
                parts[key] = entry
            parts_by_table[name] = parts
            text = f"{_dumps(name)}:{{{','.join([e[1] for e in parts.values()])}}}"
            self._joined[name] = (table, text)
            tables.append(text)
        self._parts = parts_by_table
        self._dirty.clear()
        return "{" + ",".join(tables) + "}"
