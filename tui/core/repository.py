"""The workspace repository: every record kind over one TinyDB file, scoped to opportunities.
Here: opening it (an older file brought up to date), every change, and taking changes back."""

from __future__ import annotations

import json
from collections.abc import Iterator, MutableMapping
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from . import references
from .edits import ChangedSince, Edit, TableChange
from .file_check import WorkspaceFileError, describe_unreadable
from .key_names import key_of
from .kinds import KINDS, OPPORTUNITY, kind
from .record import CREATED_KEY, OPP_KEY, UPDATED_KEY, NotFound, Record, now_text
from .storage import RAW_KEY
from .tracked import TrackedTable
from .validation import validate
from .workspace_file import META, SCHEMA_VERSION, Event, Listener, locked, writes
from .workspace_reads import WorkspaceReads

# what other modules import from here
__all__ = [
    "CREATED_KEY",
    "META",
    "OPP_KEY",
    "SCHEMA_VERSION",
    "UPDATED_KEY",
    "Event",
    "Listener",
    "NotFound",
    "Record",
    "Workspace",
    "locked",
    "now_text",
    "writes",
]


class Workspace(WorkspaceReads):
    """Create, read, update and delete records; every change is one atomic save."""

    def __init__(self, path: str | Path, read_only: bool = False) -> None:
        """Open the workspace at `path`, as its one writer unless `read_only`.

        When another Final Round already writes to the file, this one opens it read-only
        (`locked_elsewhere` is then True): never two writers interleaving saves.
        """
        super().__init__(path, read_only)
        try:
            self._check_schema()
        except BaseException:
            self.close()
            raise

    # -- opening -------------------------------------------------------------------------
    def _check_schema(self) -> None:
        doc = self.storage.read()
        meta: dict[str, Any] = (doc or {}).get(META) or {}
        if doc and not meta:
            if not any(name in KINDS for name in doc):
                raise WorkspaceFileError(
                    describe_unreadable(self.path, "it is JSON, but not a Final Round workspace")
                )
            self._migrate(0)  # written before the schema was recorded
            return
        first: dict[str, Any] = meta.get("1") or next(iter(meta.values()), {})
        # a new, empty file is written in the current schema: nothing to migrate
        version = first.get("schema", SCHEMA_VERSION) if meta else SCHEMA_VERSION
        if isinstance(version, bool) or not isinstance(version, int) or version < 0:
            raise WorkspaceFileError(
                describe_unreadable(
                    self.path,
                    f"its schema number ({json.dumps(version)} in {META}) is not valid: "
                    f"Final Round writes a whole number, {SCHEMA_VERSION} today",
                )
            )
        if version > SCHEMA_VERSION:
            raise WorkspaceFileError(
                describe_unreadable(
                    self.path,
                    f"it was written by a newer Final Round (schema {version}; this one "
                    f"reads up to {SCHEMA_VERSION}). Update Final Round to open it",
                )
            )
        if version < SCHEMA_VERSION:
            self._migrate(version)

    def _migrate(self, version: int) -> None:
        """Bring a file of an older schema up to date, after keeping a copy of it."""
        if self.read_only:
            return  # read as it is; the writer will migrate it
        from .backups import make_backup
        from .migrations import STEPS

        make_backup(self.path, reason=f"before-schema-{SCHEMA_VERSION}")
        with self.batch():
            if version == 0:
                self._set_meta(active=None)
                version = 1
            for step in range(version, SCHEMA_VERSION):
                STEPS[step](self)
            self._set_meta()  # records the schema now reached

    # -- settings and the opportunity in view -------------------------------------------
    @writes
    def set_setting(self, name: str, value: str) -> None:
        self._set_meta(**{name: value})

    @writes
    def set_active(self, opportunity_id: int) -> None:
        self.get(OPPORTUNITY.name, opportunity_id)  # raises NotFound
        self._set_meta(active=opportunity_id)

    @locked
    def last_ids(self) -> dict[str, int]:
        """Each kind's highest id ever given (a new record's id goes above it)."""
        return references.document_marks(self.storage.read() or {})

    @locked
    def pointing_at(self, record: Record) -> dict[str, list[int]]:
        """The ids of the records that point at `record`, by kind: those naming it in a
        field, and the rehearsal attempts at it (see references.referrers)."""
        return references.referrers(self.storage.read() or {}, record.kind.name, record.id)

    # -- writing -------------------------------------------------------------------------
    @writes
    def add(self, kind_name: str, values: dict, opportunity: int | None = None) -> Record:
        k = kind(kind_name)
        clean = validate(k, values)
        opp = None
        if k.scoped:
            opp = self.active_id if opportunity is None else opportunity
            if opp is None:
                raise ValueError(
                    f"A {k.label.lower()} belongs to an opportunity: add one first "
                    f"(press {key_of('switch-opportunity')})."
                )
            self.get(OPPORTUNITY.name, opp)
        stamp = now_text()
        doc = {**clean, OPP_KEY: opp, CREATED_KEY: stamp, UPDATED_KEY: stamp}
        with self.batch():
            doc_id = references.insert_new(self, k.name, doc)
            if k is OPPORTUNITY and self._meta().get("active") is None:
                self._set_meta(active=doc_id)
            elif not self.db.table(META).contains(doc_id=1):
                self._set_meta()  # a new file records its schema with its first record
        record = self._record(k, doc, doc_id)
        self._emit("added", record)
        return record

    @writes
    def update(self, kind_name: str, record_id: int, values: dict) -> Record:
        k = kind(kind_name)
        current = self.get(kind_name, record_id)
        clean = validate(k, {**current.values, **values}, kept=current.values)
        fresh = {**clean, UPDATED_KEY: now_text()}

        def apply(doc: MutableMapping[str, Any]) -> None:
            doc.pop(RAW_KEY, None)  # a damaged record is whole again once saved
            doc.update(fresh)

        self.db.table(k.name).update(apply, doc_ids=[record_id])
        record = self.get(kind_name, record_id)
        self._emit("updated", record)
        return record

    @writes
    def delete(self, kind_name: str, record_id: int) -> Record:
        """Delete a record. An opportunity takes its own records with it. Every link to a
        deleted record is taken out of the records that name it, and the rehearsal attempts at
        it go with it: its id is never given again (see references.insert_new), and what
        pointed at it never points at another record. Undo brings all of it back."""
        k = kind(kind_name)
        record = self.get(kind_name, record_id)
        removed: list[Record] = []
        with self.batch():
            self.db.table(k.name).remove(doc_ids=[record_id])
            gone = [(k.name, record_id)]
            if k is OPPORTUNITY:
                for other in KINDS.values():
                    if other.scoped:
                        table = self.db.table(other.name)
                        ids = [d.doc_id for d in table.all() if d.get(OPP_KEY) == record_id]
                        removed += [self.get(other.name, i) for i in ids]
                        gone += [(other.name, i) for i in ids]
                        if ids:
                            table.remove(doc_ids=ids)
                if self._meta().get("active") == record_id:
                    self._set_meta(active=None)
            linked, attempts = references.clear(self, gone)
            removed += attempts
            keys = {r.key for r in removed} | set(gone)
            # each record that lost a link, once, as it is now
            updated = [self.get(*r.key) for r in linked if r.key not in keys]
        for changed_record in updated:
            self._emit("updated", changed_record)
        for gone_record in removed:
            self._emit("deleted", gone_record)
        self._emit("deleted", record)  # last: what the change is said to be
        return record

    # -- taking changes back -------------------------------------------------------------
    @contextmanager
    def recording(self) -> Iterator[Edit]:
        """What the saves made meanwhile change, record by record (see edits.Edit)."""
        storage = self.storage
        with self._guard:
            storage.prepare_text()  # so that each save can tell what it changed
            edit = Edit(storage.generation)
            storage.recordings.append(edit)
        try:
            yield edit
        finally:
            with self._guard:
                storage.recordings.remove(edit)
                edit.end = storage.generation

    @writes
    def put_back(self, edit: Edit, generation: int | None = None) -> None:
        """Take the saves of `edit` back, in one save: each record they touched is again as it
        was, where it stood. Refused (ChangedSince) unless every such record is still as they
        left it and, if `generation` is given, the workspace is still the one it names. Every
        record this adds, changes or removes is told to the listeners."""
        storage = self.storage
        # each table's highest id ever given stays as it is: an id never comes back for reuse
        left = {key: text for key, text in edit.last_texts().items() if key != references.MARKS_KEY}
        now = storage.read() or {}  # first: the file read afresh tells its generation
        if generation is not None and storage.generation != generation:
            raise ChangedSince
        if any(storage.record_text(name, key) != text for (name, key), text in left.items()):
            raise ChangedSince
        taken = {  # the records this takes away, as they are
            (name, key): dict(now[name][key])
            for (name, key), text in left.items()
            if name in KINDS and text is not None
        }
        with self.batch():
            for save in reversed(edit.saves):
                for change in save.tables:
                    if change.name == references.MARKS_KEY[0]:
                        change = _without_marks(change)
                    table = self.db.table(change.name)
                    assert isinstance(table, TrackedTable)
                    table.put_back(change)
                    if change.order is not None:  # records moved: their order is read again
                        storage.text.look_again(change.name)
                        self._lists.pop(change.name, None)
                if save.names is not None:
                    self._put_tables_back(save.names)
        now = storage.read() or {}
        for name, key in left:
            if name not in KINDS:
                continue
            doc = (now.get(name) or {}).get(key)
            if doc is not None:
                event: Event = "updated" if left[(name, key)] is not None else "added"
                self._emit(event, self._record(kind(name), dict(doc), int(key)))
            elif (name, key) in taken:
                self._emit("deleted", self._record(kind(name), taken[(name, key)], int(key)))

    def _put_tables_back(self, names: tuple[str, ...]) -> None:
        """The document's tables as `names` (in order) once the records are back: a table
        added since goes, unless it holds records; a table removed since comes back."""
        data = self.storage.read() or {}
        tables = {name: data.get(name, {}) for name in names}
        tables |= {name: table for name, table in data.items() if name not in names and table}
        data.clear()  # the document object TinyDB's tables read stays the same
        data.update(tables)
        self.storage.write(data)


def _without_marks(change: TableChange) -> TableChange:
    """A change to the _meta table, less its change to the ids ever given."""
    key = references.MARKS_KEY[1]
    texts = {k: texts for k, texts in change.texts.items() if k != key}
    places = tuple(place for place in change.places if place[0] != key)
    return TableChange(change.name, texts, places, change.order)
