"""Which records each change touched, and the workspace's text kept record by record, so a save
of one record in a large workspace re-serialises that record and joins the rest as they were."""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable
from typing import Any

from tinydb import TinyDB
from tinydb.table import Table

from .edits import SaveChange, TableChange, Text

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

    def put_back(self, change: TableChange) -> None:
        """Put the records `change` changed back as they were before it, where they stood."""
        ident = self.document_id_class

        def updater(table: dict[int, Any]) -> None:
            for key, (before, _) in change.texts.items():
                if before is None:
                    table.pop(ident(key), None)
                else:
                    table[ident(key)] = record_of(before)
            if change.order is None and not change.places:
                return  # records changed in place, or added last: nothing to move
            items = dict(dict.items(table))
            if change.order is not None:
                first = [ident(key) for key in change.order if ident(key) in items]
                ordered = [(i, items.pop(i)) for i in first] + list(items.items())
            else:
                moving = {ident(key) for key, _ in change.places}
                ordered = [(i, doc) for i, doc in items.items() if i not in moving]
                for key, n in change.places:
                    if ident(key) in items:
                        ordered.insert(n, (ident(key), items[ident(key)]))
            dict.clear(table)  # the records stay as they are: only their order is new
            dict.update(table, ordered)

        self._update_table(updater)


# table name -> record key -> the record as it was listed, and its text
Made = dict[str, dict[str, tuple[Any, str]]]


def made_texts(
    tables: dict[str, list[tuple[str, Any]]], pause: Callable[[], None] | None = None
) -> Made | None:
    """The text of each record of `tables` (as listed at one moment), made without the
    workspace's lock so that reads and saves go on meanwhile; `pause` is called after each
    table and every few thousand records. None when a record changed while it was being
    written out. Whoever holds the lock then keeps them only if nothing changed at all (see
    Workspace.prepare_text)."""
    made: Made = {}
    try:
        for name, items in tables.items():
            texts = made[name] = {}
            for n, (key, doc) in enumerate(items, 1):
                texts[key] = (doc, DocumentText.record_text(key, doc))
                if pause is not None and not n % 2048:
                    pause()
            if pause is not None:
                pause()
    except (RuntimeError, TypeError, ValueError):  # a record changed in place meanwhile
        return None
    return made


def record_of(text: str) -> Any:
    """The record a record's text (`"key":value`, as the file holds it) stands for, as the
    storage keeps it: a value that is not an object is kept under RAW_KEY."""
    (value,) = json.loads("{" + text + "}").values()
    return value if isinstance(value, dict) else {RAW_KEY: value}


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


class _Found:
    """What one table's texts changed while made again: each record's text before and after,
    and the table's keys in order before, when records were added or removed."""

    def __init__(self, active: bool) -> None:
        self.active = active  # False: nothing to compare with, nothing noted
        self.texts: dict[str, tuple[Text, Text]] = {}
        self.order: list[str] | None = None

    def note(self, key: str, before: Text, after: Text) -> None:
        if before == after or not self.active:
            return
        first = self.texts.get(key)
        self.texts[key] = (before if first is None else first[0], after)

    def change(self, name: str, table: dict[str, Any]) -> TableChange | None:
        if self.order is None:  # no record added or removed, none moved
            return TableChange(name, self.texts) if self.texts else None
        old = self.order
        gone = {key for key, (_, after) in self.texts.items() if after is None}
        keys = list(table)
        if not gone and keys[: len(old)] == old:  # records added last, if any: none moved
            return TableChange(name, self.texts) if self.texts else None
        known = set(old)
        kept = [key for key in old if key not in gone]
        if kept + [key for key in keys if key not in known] == keys:
            places = tuple((key, n) for n, key in enumerate(old) if key in gone)
            return TableChange(name, self.texts, places)
        return TableChange(name, self.texts, order=tuple(old))


class DocumentText:
    """The document's JSON text, record by record. A record's text is made again only when a
    change touched it (`touch`, from TrackedTable); a table reached by such changes alone is
    joined again from the texts kept, without looking at its other records; any other table
    (the file read again, a whole workspace put back) is compared record by record, and only
    records that are other objects than before are serialised again.

    Each time the texts are made again, `changes` says which records' texts changed since the
    last time (None when there was no last time to compare with)."""

    def __init__(self) -> None:
        self._tables: dict[str, _TableText] = {}
        self.known = False  # the texts kept stand for the document as last made
        self.changes: SaveChange | None = None

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

    def look_again(self, name: str) -> None:
        """Table `name`'s records were put in another order: compare them all next time."""
        kept = self._tables.get(name)
        if kept is not None:
            kept.table = None

    def forget(self) -> None:
        self._tables.clear()
        self.known = False

    def text(self, data: dict[str, Any]) -> str:
        """The same text as json.dumps of the whole document (records that were not objects
        as they were), with only the records changed since serialised again. The pieces
        are joined once: a large document is copied once, not table by table again."""
        return "".join(self._pieces(data))

    def prepare(self, data: dict[str, Any], made: Made | None = None) -> None:
        """Make the text of every record, without joining them, unless that was done.
        `made`: texts made beforehand (see `made_texts`) of exactly these records."""
        if not self.known:
            self._pieces(data, made)

    def _pieces(self, data: dict[str, Any], made: Made | None = None) -> list[str]:
        pieces: list[str] = ["{"]
        seen: dict[str, _TableText] = {}
        known = self.known
        changes: list[TableChange] = []
        for name, table in data.items():
            if len(pieces) > 1:
                pieces.append(",")
            if not isinstance(table, dict):
                pieces.append(f"{_dumps(name)}:{_dumps(table)}")
                continue
            kept = self._tables.get(name) or _TableText()
            if kept.table is not table or kept.dirty:
                found = _Found(known)
                if kept.table is table and kept.followed:
                    self._follow(kept, table, found)
                else:
                    self._compare(kept, table, found, (made or {}).get(name))
                kept.table, kept.dirty, kept.followed = table, set(), False
                change = found.change(name, table)
                if change is not None:
                    changes.append(change)
            seen[name] = kept
            pieces.append(f"{_dumps(name)}:{{")
            texts = list(kept.texts.values())
            if texts:
                between = [","] * (2 * len(texts) - 1)
                between[0::2] = texts
                pieces += between
            pieces.append("}")
        pieces.append("}")
        names = None
        if known and list(self._tables) != list(seen):  # a table added or removed
            names = tuple(self._tables)
            for name, kept in self._tables.items():
                if name not in seen and kept.texts:
                    gone: dict[str, tuple[Text, Text]] = {
                        key: (text, None) for key, text in kept.texts.items()
                    }
                    changes.append(TableChange(name, gone))
        self.changes = SaveChange(tuple(changes), names) if known else None
        self._tables, self.known = seen, True
        return pieces

    @staticmethod
    def record_text(key: str, doc: Any) -> str:
        value = doc[RAW_KEY] if isinstance(doc, dict) and RAW_KEY in doc else doc
        return f"{_dumps(key)}:{_dumps(value)}"

    def _follow(self, kept: _TableText, table: dict[str, Any], found: _Found) -> None:
        """Only the touched records changed: a new one goes last, as in the table."""
        texts = kept.texts
        if found.active and any(key not in texts or key not in table for key in kept.dirty):
            found.order = list(texts)  # records added or removed: where they stood
        for key in kept.dirty:
            doc = table.get(key)
            if doc is None:
                found.note(key, texts.pop(key, None), None)
                kept.docs.pop(key, None)
            else:
                text = self.record_text(key, doc)
                found.note(key, texts.get(key), text)
                texts[key] = text
                kept.docs[key] = doc
        if list(texts) != list(table):
            self._compare(kept, table, found)  # not in the table's order: look at every record

    def _compare(
        self,
        kept: _TableText,
        table: dict[str, Any],
        found: _Found,
        made: dict[str, tuple[Any, str]] | None = None,
    ) -> None:
        docs, texts = kept.docs, kept.texts
        if found.order is None and found.active:
            found.order = list(texts)
        fresh_docs: dict[str, Any] = {}
        fresh_texts: dict[str, str] = {}
        dirty = kept.dirty
        made = made or {}
        for key, doc in table.items():
            text = texts.get(key)
            if text is None or docs.get(key) is not doc or key in dirty:
                ready = made.get(key)
                if ready is not None and ready[0] is doc and key not in dirty:
                    text = ready[1]
                else:
                    text = self.record_text(key, doc)
                found.note(key, texts.get(key), text)
            fresh_docs[key] = doc
            fresh_texts[key] = text
        for key, text in texts.items():
            if key not in table:
                found.note(key, text, None)
        kept.docs, kept.texts = fresh_docs, fresh_texts
