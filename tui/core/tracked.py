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


class _TableText:
    """One table's text: each record's, by key, in the table's order, with the record object
    it was made from; and the table object it stands for."""

    def __init__(self) -> None:
        self.table: Any = None
        self.docs: dict[str, Any] = {}
        self.texts: dict[str, str] = {}
        self.dirty: set[str] = set()
        self.followed = False  # `table` came from the last one by changes told (`touch`)


class DocumentText:
    """The document's JSON text, record by record. A record's text is made again only when a
    change touched it (`touch`, from TrackedTable); a table reached by such changes alone is
    joined again from the texts kept, without looking at its other records; any other table
    (the file read again, a whole workspace put back) is compared record by record, and only
    records that are other objects than before are serialised again."""

    def __init__(self) -> None:
        self._tables: dict[str, _TableText] = {}

    def touch(self, name: str, before: Any, after: Any, keys: Iterable[str]) -> None:
        """A change replaced table `name`'s records `before` by `after`, touching `keys`."""
        kept = self._tables.get(name)
        if kept is None:
            return
        kept.dirty.update(keys)
        if kept.table is before:
            kept.table, kept.followed = after, True
        else:  # changes this text did not follow: the table is compared record by record
            kept.followed = False

    def forget(self) -> None:
        self._tables.clear()

    def text(self, data: dict[str, Any]) -> str:
        """The same text as json.dumps of the whole document (records that were not objects
        as they were), with only the records changed since serialised again. The pieces
        are joined once: a large document is copied once, not table by table again."""
        pieces: list[str] = ["{"]
        seen: dict[str, _TableText] = {}
        for name, table in data.items():
            if len(pieces) > 1:
                pieces.append(",")
            if not isinstance(table, dict):
                pieces.append(f"{_dumps(name)}:{_dumps(table)}")
                continue
            kept = self._tables.get(name) or _TableText()
            if kept.table is not table or kept.dirty:
                if kept.table is table and kept.followed:
                    self._follow(kept, table)
                else:
                    self._compare(kept, table)
                kept.table, kept.dirty, kept.followed = table, set(), False
            seen[name] = kept
            pieces.append(f"{_dumps(name)}:{{")
            texts = list(kept.texts.values())
            if texts:
                between = [","] * (2 * len(texts) - 1)
                between[0::2] = texts
                pieces += between
            pieces.append("}")
        pieces.append("}")
        self._tables = seen
        return "".join(pieces)

    @staticmethod
    def _record_text(key: str, doc: Any) -> str:
        value = doc[RAW_KEY] if isinstance(doc, dict) and RAW_KEY in doc else doc
        return f"{_dumps(key)}:{_dumps(value)}"

    def _follow(self, kept: _TableText, table: dict[str, Any]) -> None:
        """Only the touched records changed: a new one goes last, as in the table."""
        for key in kept.dirty:
            doc = table.get(key)
            if doc is None:
                kept.texts.pop(key, None)
                kept.docs.pop(key, None)
            else:
                kept.texts[key] = self._record_text(key, doc)
                kept.docs[key] = doc
        if list(kept.texts) != list(table):
            self._compare(kept, table)  # not in the table's order: look at every record

    def _compare(self, kept: _TableText, table: dict[str, Any]) -> None:
        docs, texts = kept.docs, kept.texts
        fresh_docs: dict[str, Any] = {}
        fresh_texts: dict[str, str] = {}
        dirty = kept.dirty
        for key, doc in table.items():
            text = texts.get(key)
            if text is None or docs.get(key) is not doc or key in dirty:
                text = self._record_text(key, doc)
            fresh_docs[key] = doc
            fresh_texts[key] = text
        kept.docs, kept.texts = fresh_docs, fresh_texts
