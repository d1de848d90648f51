"""The workspace repository: every record kind over one TinyDB file, scoped to opportunities."""

from __future__ import annotations

import functools
import json
import os
import threading
import weakref
from collections.abc import Callable, Iterator, MutableMapping
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Concatenate, Literal, ParamSpec, TypeVar

from . import clock
from .collector import LONG_LIVED, collector_paused
from .edits import ChangedSince, Edit
from .file_lock import FileLock, Timeout
from .kinds import KINDS, OPPORTUNITY, STORY_KIND, Kind, kind
from .private import FILE_MODE, make_private_dir
from .storage import RAW_KEY, AtomicJSONStorage, WorkspaceFileError, describe_unreadable
from .tracked import TrackedDB, TrackedTable, made_texts
from .validation import check_stored, validate

# 2: rounds; 3: rehearsal attempts in their own table; 4: what each note was composed from;
# 5: your questions asked by round
SCHEMA_VERSION = 5
META = "_meta"
# Keys kept beside a record's values; user fields never start with an underscore.
OPP_KEY, CREATED_KEY, UPDATED_KEY = "_opportunity", "_created", "_updated"


def now_text() -> str:
    return clock.now().strftime("%Y-%m-%d %H:%M:%S")


@dataclass(frozen=True)
class Record:
    kind: Kind
    id: int
    values: dict[str, Any]
    opportunity: int | None = None
    created: str = ""
    updated: str = ""
    # A record that does not fit its kind in the file: what is wrong, by field label, and the
    # record's stored values as they were (empty for a sound record).
    problems: tuple[str, ...] = ()
    raw: dict[str, Any] = field(default_factory=dict, compare=False)

    @property
    def damaged(self) -> bool:
        return bool(self.problems)

    @property
    def title(self) -> str:
        title = self.kind.title_of(self.values)
        return f"⚠ damaged: {title}" if self.problems else title

    @property
    def raw_text(self) -> str:
        """The stored values of a damaged record, as JSON text."""
        return json.dumps(self.raw, ensure_ascii=False, indent=1, default=str)

    @property
    def key(self) -> tuple[str, int]:
        return (self.kind.name, self.id)

    def __getitem__(self, name: str) -> Any:
        return self.values.get(name, self.kind.field(name).empty)


class NotFound(KeyError):
    pass


P = ParamSpec("P")
R = TypeVar("R")
Method = Callable[Concatenate["Workspace", P], R]


def locked(method: Method[P, R]) -> Method[P, R]:
    """Run a Workspace method holding its lock: saves may come from a worker thread."""

    @functools.wraps(method)
    def wrapper(self: Workspace, /, *args: P.args, **kwargs: P.kwargs) -> R:
        with self._guard:
            return method(self, *args, **kwargs)

    return wrapper


def writes(method: Method[P, R]) -> Method[P, R]:
    """A change: made in memory under the lock, then put on disk with the lock released, so
    reads from the screen never wait for the disk. Returns once the save is on disk."""

    @functools.wraps(method)
    def wrapper(self: Workspace, /, *args: P.args, **kwargs: P.kwargs) -> R:
        if self.locked_elsewhere:
            self.take_over()  # the other window may have closed since
        storage = self.storage
        with self._disk:  # saves reach the disk in the order they were made
            with self._guard:
                if storage.deferred:  # a change inside a change: the outer one saves
                    return method(self, *args, **kwargs)
                storage.deferred, storage.touched, self._events = True, False, []
                try:
                    result = method(self, *args, **kwargs)
                    text = storage.take_pending()
                except BaseException:
                    if storage.touched:
                        storage.invalidate()
                        self._clear_caches()
                    storage.take_pending()
                    raise
                finally:
                    storage.deferred = False
                events, self._events = self._events, None
            if text is not None:
                try:
                    storage.commit(text)
                except Exception:
                    with self._guard:
                        self._clear_caches()
                    raise
        for event, record in events:
            for listener in list(self._listeners):
                listener(event, record)
        return result

    return wrapper


Event = Literal["added", "updated", "deleted"]
Listener = Callable[[Event, Record], None]


class Workspace:
    """Create, read, update and delete records; every change is one atomic save."""

    def __init__(self, path: str | Path, read_only: bool = False) -> None:
        """Open the workspace at `path`, as its one writer unless `read_only`.

        When another Final Round already writes to the file, this one opens it read-only
        (`locked_elsewhere` is then True): never two writers interleaving saves.
        """
        # The real file: a symlink's target is locked and written, never replaced by a copy.
        self.path = Path(os.path.realpath(Path(path).expanduser()))
        self.lock: FileLock | None = None
        self.locked_elsewhere = False
        self._listeners: list[Listener] = []
        self._guard = threading.RLock()  # one change at a time, from any thread
        self._disk = threading.Lock()  # one save on its way to the disk at a time
        self._events: list[tuple[Event, Record]] | None = None
        self._seen: dict[tuple[str, int], tuple[dict, Record]] = {}  # records checked
        # every record of a kind, kept with the table it was read from and the keys of the
        # records changed since (see tracked.TrackedTable): a change reads only those again
        self._lists: dict[str, tuple[dict, dict[str, Record], set[str]]] = {}
        # called now and then while a large kind is read the first time (by the app: to let
        # the screen's thread go first)
        self.pause: Callable[[], None] | None = None
        if not read_only:
            make_private_dir(self.path.parent)
            if not self._take_lock():
                self.locked_elsewhere, read_only = True, True
        self.storage = AtomicJSONStorage(self.path, read_only=read_only)
        self.storage.on_touched = weakref.WeakMethod(self._touched)
        self.db = TrackedDB(storage=lambda: self.storage)
        try:
            self._check_schema()
        except BaseException:
            self.close()
            raise

    def _take_lock(self) -> bool:
        lock = FileLock(str(self.path) + ".lock", mode=FILE_MODE)
        try:
            lock.acquire(timeout=0)
        except Timeout:
            return False
        self.lock = lock
        self._remove_stale_temporaries()
        return True

    def take_over(self) -> bool:
        """A read-only workspace whose other window has closed becomes the writer, after
        reading the file afresh (the other window may have changed it). True when it did."""
        with self._guard:
            if not self.locked_elsewhere:
                return True
            if not self._take_lock():
                return False
            self.locked_elsewhere = False
            self.storage.read_only = False
            self.reload()
            return True

    def reload(self) -> None:
        """Read the file again: what another program or window wrote becomes visible."""
        with self._guard:
            self.storage.invalidate()
            self._clear_caches()

    def _remove_stale_temporaries(self) -> None:
        """Half-written temporary files of a save cut short (the file itself is whole)."""
        for tmp in self.path.parent.glob(f".{self.path.name}.*.tmp"):
            try:
                tmp.unlink()
            except OSError:
                pass

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
        first: dict[str, Any] = next(iter(meta.values()), {})
        # a new, empty file is written in the current schema: nothing to migrate
        version = first.get("schema", SCHEMA_VERSION) if meta else SCHEMA_VERSION
        if not isinstance(version, int) or version > SCHEMA_VERSION:
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

    @property
    def read_only(self) -> bool:
        return self.storage.read_only

    def _meta(self) -> dict:
        table = self.db.table(META)
        doc = table.get(doc_id=1)
        return dict(doc) if doc else {"schema": SCHEMA_VERSION, "active": None}

    def _set_meta(self, **changes: Any) -> None:
        meta = self._meta()
        meta.update(changes)
        meta["schema"] = SCHEMA_VERSION
        table = self.db.table(META)
        if table.contains(doc_id=1):
            table.update(meta, doc_ids=[1])
        else:
            table.insert(meta)

    @contextmanager
    def batch(self) -> Iterator[None]:
        """Group several changes into one save: all of them reach the disk, or none."""
        storage = self.storage
        original_write = storage.write
        pending: list[dict[str, Any]] = []
        storage.write = pending.append  # type: ignore[method-assign,assignment]
        try:
            yield
        except BaseException:
            storage.write = original_write  # type: ignore[method-assign]
            storage._cache, storage._loaded = None, False
            storage.touches += 1
            self._clear_caches()
            raise
        storage.write = original_write  # type: ignore[method-assign]
        if pending:
            try:
                original_write(pending[-1])
            except Exception:
                self._clear_caches()
                raise

    def _clear_caches(self) -> None:
        for name in list(KINDS) + [META]:
            self.db.table(name).clear_cache()
        self._seen.clear()
        self._lists.clear()

    def _touched(self, table: str, before: dict, after: dict, keys: set[str]) -> None:
        """A change replaced `table`'s records (`before`) by `after`, touching `keys`."""
        kept = self._lists.pop(table, None)
        if kept is not None and kept[0] is before:
            self._lists[table] = (after, kept[1], kept[2] | keys)

    # -- listeners -----------------------------------------------------------------------
    def subscribe(self, listener: Listener) -> Callable[[], None]:
        """Call `listener` with each record added, updated or deleted, once it is on disk,
        on the thread that made the change. Returns the function that stops it."""
        self._listeners.append(listener)

        def stop() -> None:
            if listener in self._listeners:
                self._listeners.remove(listener)

        return stop

    def _emit(self, event: Event, record: Record) -> None:
        if self._events is not None:  # inside a change: told once it is on disk
            self._events.append((event, record))
            return
        for listener in list(self._listeners):
            listener(event, record)

    # -- reading -------------------------------------------------------------------------
    def _record(self, k: Kind, doc: dict, doc_id: int) -> Record:
        """A record as stored, checked against its kind: one that does not fit is returned
        damaged, with safe values and its stored text, never raising."""
        seen = self._seen.get((k.name, doc_id))
        if seen is not None and seen[0] == doc:
            return seen[1]
        if RAW_KEY in doc:
            values, problems = {f.name: f.empty for f in k.fields}, {"": "it is not a record"}
            raw: dict[str, Any] = {"stored": doc[RAW_KEY]}
        else:
            values, problems = check_stored(k, doc)
            raw = {key: v for key, v in doc.items() if not key.startswith("_")} if problems else {}
        opp = doc.get(OPP_KEY)
        if opp is not None and (isinstance(opp, bool) or not isinstance(opp, int)):
            problems[""] = "it names no opportunity it belongs to"
            opp = None
        stamps = [doc.get(key) for key in (CREATED_KEY, UPDATED_KEY)]
        created, updated = (v if isinstance(v, str) else "" for v in stamps)
        notes = tuple(
            f"{k.field(name).label.split(' (')[0]} {problem}" if name else problem
            for name, problem in problems.items()
        )
        record = Record(k, doc_id, values, opp, created, updated, notes, raw)
        self._seen[(k.name, doc_id)] = (doc, record)  # TinyDB hands out copies
        return record

    def all_records(self, kind_name: str) -> list[Record]:
        """Every record of a kind, whichever opportunity it belongs to.

        Read once, then kept: a change reads again only the records it touched. The first
        reading of a large kind is made without holding the lock, so the screen's reads of
        other kinds, and saves, need not wait for it."""
        k = kind(kind_name)
        with self._guard:
            table: dict[str, Any] | None = (self.storage.read() or {}).get(k.name)
            if not table:
                return []
            kept = self._lists.get(k.name)
            if kept is not None and kept[0] is table:
                records, dirty = kept[1], kept[2]
                added = False
                for key in dirty:
                    doc = table.get(key)
                    if doc is None:
                        records.pop(key, None)
                    else:  # a copy, as TinyDB hands out: changes in place are then seen
                        added = added or key not in records
                        records[key] = self._record(k, dict(doc), int(key))
                dirty.clear()
                if added:  # records added together: in the table's order
                    records = {key: records[key] for key in table}
                    self._lists[k.name] = (table, records, dirty)
                return list(records.values())
            items = list(table.items())
        while True:
            read: dict[str, Record] = {}
            # what is read lives as long as the workspace: set aside from the collector's
            # full walks, which would otherwise pass over the growing records again and
            # again, each holding up every thread (the screen's too) for a tenth of a second
            with collector_paused(freeze_past=LONG_LIVED):
                for n, (key, doc) in enumerate(items):
                    read[key] = self._record(k, dict(doc), int(key))
                    if n % 512 == 511 and self.pause is not None:
                        self.pause()
            with self._guard:
                now = (self.storage.read() or {}).get(k.name)
                if now is not None and now is table:  # not changed meanwhile
                    self._lists[k.name] = (now, read, set())
                    return list(read.values())
                if not now:
                    return []
                table, items = now, list(now.items())

    def scoped_records(self, kind_name: str, opportunity: int | None = None) -> list[Record]:
        """The records of a kind that one opportunity sees: for a kind that belongs to an
        opportunity only those of `opportunity` (default: the active one); a bank whole."""
        k = kind(kind_name)
        records = self.all_records(kind_name)
        if k.scoped:
            opp = self.active_id if opportunity is None else opportunity
            records = [r for r in records if r.opportunity == opp]
        return records

    @locked
    def get(self, kind_name: str, record_id: int) -> Record:
        k = kind(kind_name)
        doc = self.db.table(k.name).get(doc_id=record_id)
        if doc is None:
            raise NotFound(f"no {k.label.lower()} with id {record_id}")
        return self._record(k, doc, record_id)

    @locked
    def count(self, kind_name: str) -> int:
        return len(self.db.table(kind(kind_name).name))

    @locked
    def stories_for(self, record: Record) -> dict[int, Record]:
        """The stories a record links to, by id: less work than every story."""
        ids = set(record.kind.story_ids(record.values))
        table = self.db.table("story")
        docs = {i: table.get(doc_id=i) for i in ids}
        return {i: self._record(STORY_KIND, d, i) for i, d in docs.items() if isinstance(d, dict)}

    @locked
    def links_for(self, record: Record) -> dict[str, dict[int, Record]]:
        """The records a record's other links point to (its round, planned questions...),
        by kind and id."""
        from .kinds import REF, REFS

        found: dict[str, dict[int, Record]] = {}
        for f in record.kind.fields:
            if f.type not in (REF, REFS):
                continue
            ids = [record[f.name]] if f.type == REF else list(record[f.name])
            target = kind(f.target)
            table = self.db.table(target.name)
            for i in ids:
                doc = table.get(doc_id=i) if isinstance(i, int) else None
                if isinstance(doc, dict):
                    found.setdefault(target.name, {})[i] = self._record(target, doc, i)
        return found

    def stories_by_id(self) -> dict[int, Record]:
        return {r.id: r for r in self.all_records("story")}

    # -- opportunities -------------------------------------------------------------------
    def opportunities(self) -> list[Record]:
        return self.all_records(OPPORTUNITY.name)

    @property
    @locked
    def active_id(self) -> int | None:
        active = self._meta().get("active")
        if isinstance(active, bool) or not isinstance(active, int):
            active = None
        if active is not None and self.db.table(OPPORTUNITY.name).contains(doc_id=active):
            return active
        first = self.db.table(OPPORTUNITY.name).all()
        return first[0].doc_id if first else None

    @property
    def active(self) -> Record | None:
        active = self.active_id
        return None if active is None else self.get(OPPORTUNITY.name, active)

    @locked
    def setting(self, name: str, default: str = "") -> str:
        """A workspace setting, such as the signature under thank-you notes."""
        value = self._meta().get(name)
        return value if isinstance(value, str) else default

    @writes
    def set_setting(self, name: str, value: str) -> None:
        self._set_meta(**{name: value})

    @writes
    def set_active(self, opportunity_id: int) -> None:
        self.get(OPPORTUNITY.name, opportunity_id)  # raises NotFound
        self._set_meta(active=opportunity_id)

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
                    f"A {k.label.lower()} belongs to an opportunity: add one first (press o)."
                )
            self.get(OPPORTUNITY.name, opp)
        stamp = now_text()
        doc = {**clean, OPP_KEY: opp, CREATED_KEY: stamp, UPDATED_KEY: stamp}
        with self.batch():
            doc_id = self.db.table(k.name).insert(doc)
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
        clean = validate(k, {**current.values, **values})
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
        """Delete a record. An opportunity takes its own records with it; a deleted story
        is unlinked from the records that cited it."""
        k = kind(kind_name)
        record = self.get(kind_name, record_id)
        removed: list[Record] = []
        with self.batch():
            self.db.table(k.name).remove(doc_ids=[record_id])
            if k is OPPORTUNITY:
                for other in KINDS.values():
                    if other.scoped:
                        table = self.db.table(other.name)
                        ids = [d.doc_id for d in table.all() if d.get(OPP_KEY) == record_id]
                        removed += [self.get(other.name, i) for i in ids]
                        if ids:
                            table.remove(doc_ids=ids)
                if self._meta().get("active") == record_id:
                    self._set_meta(active=None)
            if k is STORY_KIND:  # the kind other records cite
                self._unlink_story(record_id)
        for gone in removed:
            self._emit("deleted", gone)
        self._emit("deleted", record)
        return record

    @locked
    def document_text(self) -> str:
        """The whole workspace as it is now, as text."""
        return self.storage.current_text()

    def prepare_text(self, pause: Callable[[], None] | None = None) -> None:
        """Make the text of every record ahead of the first save (see storage.prepare_text).
        The texts are made outside the lock (see tracked.made_texts), so the screen's reads
        never wait the half second this takes at 50,000 records; they are kept only if
        nothing changed meanwhile, not even by a change that then failed or was undone (else
        the next save makes them). A text is used only for the very record it was made from."""
        storage = self.storage
        with self._guard:
            tables = storage.tables_now()
            seen = (storage.generation, storage.touches)
        if tables is None:
            return
        made = made_texts(tables, pause)
        if made is None:
            return
        with self._guard:
            if (storage.generation, storage.touches) == seen:
                storage.prepare_text(made)

    @property
    def generation(self) -> int:
        """Names the workspace as it is now: another number after any change or reading."""
        return self.storage.generation

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
        left = edit.last_texts()
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

    def _unlink_story(self, story_id: int) -> None:
        for other in KINDS.values():
            links = other.story_fields
            if not links:
                continue
            table = self.db.table(other.name)
            for doc in table.all():
                changes: dict[str, Any] = {}
                for f in links:
                    value = doc.get(f.name)
                    unlinked = f.behaviour.unlink(value, story_id)
                    if unlinked != value:
                        changes[f.name] = unlinked
                if changes:
                    table.update(changes, doc_ids=[doc.doc_id])

    def close(self) -> None:
        self.db.close()
        self._seen.clear()
        if self.lock is not None:
            self.lock.release()
            self.lock = None
