"""The workspace file held open: its lock, one change and one save at a time, batches of
changes, the records kept once read, and the listeners told of each change."""

from __future__ import annotations

import functools
import os
import threading
import weakref
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any, Concatenate, Literal, ParamSpec, TypeVar

from tinydb.table import Document

from .file_check import check_link
from .file_lock import FileLock, Timeout
from .kinds import KINDS
from .private import FILE_MODE, make_private_dir
from .record import Record
from .storage import AtomicJSONStorage, WorkspaceFileError
from .tracked import TrackedDB, made_texts
from .writable import cannot_create, folder_not_writable, not_writable, stray_lock, what_to_do

# 2: rounds; 3: rehearsal attempts in their own table; 4: what each note was composed from;
# 5: your questions asked by round; 6: "ended" kept on an interviewer without a round;
# 7: ids never given twice, links to deleted records cleared
SCHEMA_VERSION = 7
META = "_meta"

P = ParamSpec("P")
R = TypeVar("R")
W = TypeVar("W", bound="WorkspaceFile")
Method = Callable[Concatenate[W, P], R]


def locked(method: Method[W, P, R]) -> Method[W, P, R]:
    """Run a Workspace method holding its lock: saves may come from a worker thread."""

    @functools.wraps(method)
    def wrapper(self: W, /, *args: P.args, **kwargs: P.kwargs) -> R:
        with self._guard:
            return method(self, *args, **kwargs)

    return wrapper


def writes(method: Method[W, P, R]) -> Method[W, P, R]:
    """A change: made in memory under the lock, then put on disk with the lock released, so
    reads from the screen never wait for the disk. Returns once the save is on disk."""

    @functools.wraps(method)
    def wrapper(self: W, /, *args: P.args, **kwargs: P.kwargs) -> R:
        if self.locked_elsewhere or self.unwritable:
            self.take_over()  # the other window may have closed, the file been made writable
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


class Reading:
    """The first reading of a kind's records, under way on one thread."""

    def __init__(self) -> None:
        self.done = threading.Event()
        self.waiters = 0  # threads waiting for it, counted under the workspace's guard
        self.screen_waits = False  # the screen's own thread among them


class WorkspaceFile:
    """The file under a Workspace: opened, locked, saved in batches, and closed."""

    def __init__(self, path: str | Path, read_only: bool = False) -> None:
        # The real file: a symlink's target is locked and written, never replaced by a copy;
        # a link that loops leads to none, and nothing is made in its place (not even a lock).
        check_link(Path(path).expanduser())
        self.path = Path(os.path.realpath(Path(path).expanduser()))
        self.lock: FileLock | None = None
        self.locked_elsewhere = False
        # why this user may not write the file or its folder (then it is open read-only)
        self.unwritable: str | None = None
        self._listeners: list[Listener] = []
        self._guard = threading.RLock()  # one change at a time, from any thread
        self._disk = threading.Lock()  # one save on its way to the disk at a time
        self._events: list[tuple[Event, Record]] | None = None
        self._seen: dict[tuple[str, int], tuple[dict, Record]] = {}  # records checked
        # every record of a kind, kept with the table it was read from and the keys of the
        # records changed since (see tracked.TrackedTable): a change reads only those again
        self._lists: dict[str, tuple[dict, dict[str, Record], set[str]]] = {}
        # the first readings of a kind under way, one per kind (see all_records)
        self._reading: dict[str, Reading] = {}
        # called now and then while a large kind is read the first time (by the app: to let
        # the screen's thread go first)
        self.pause: Callable[[], None] | None = None
        # the screen's own thread (set by the app): a reading it waits for never pauses
        self.screen_thread: int | None = None
        # time.monotonic() when the screen's thread last set out on a large piece of work (a
        # pane of thousands of records drawn): work on other threads then waits, as it does
        # while keys come in (see the app's pause)
        self.screen_busy_since = 0.0
        # counts the times the records in memory were forgotten, to be read again from the
        # file (which another program may have changed): what holds records follows it
        self.rereads = 0
        if not read_only:
            read_only = not self._open_for_writing()
        self.storage = AtomicJSONStorage(self.path, read_only=read_only)
        self.storage.read_only_why = self.read_only_message
        self.storage.on_touched = weakref.WeakMethod(self._touched)
        self.storage.on_written = weakref.WeakMethod(self._written)
        self.db = TrackedDB(storage=lambda: self.storage)

    def _open_for_writing(self) -> bool:
        """Become the file's one writer: True, or False with `locked_elsewhere` or
        `unwritable` saying why not. A file that does not exist where it cannot be made is
        an error (WorkspaceFileError)."""
        self.unwritable = not_writable(self.path)
        if self.unwritable is None:
            try:
                make_private_dir(self.path.parent)
            except OSError as exc:
                self.unwritable = folder_not_writable(self.path, exc)
        if self.unwritable is None and not self._take_lock():
            self.locked_elsewhere = self.unwritable is None  # else the lock file cannot be made
        if self.unwritable is not None and not self.path.exists():
            raise WorkspaceFileError(cannot_create(self.path, self.unwritable))
        return self.unwritable is None and not self.locked_elsewhere

    @property
    def read_only_message(self) -> str | None:
        """Why the file is open read-only although this window would write it, and what to
        do; None when it may be written, or only another window holds it (see storage)."""
        return None if self.unwritable is None else what_to_do(self.path, self.unwritable)

    def _take_lock(self) -> bool:
        """True once the lock is held; False when another process holds it, or when the
        lock file cannot be made (then `unwritable` says why)."""
        lock = FileLock(str(self.path) + ".lock", mode=FILE_MODE)
        try:
            lock.acquire(timeout=0)
        except Timeout:
            return False
        except OSError as exc:
            stray = stray_lock(Path(lock.path))
            self.unwritable = stray or folder_not_writable(self.path, exc)
            return False
        self.lock = lock
        self._remove_stale_temporaries()
        return True

    def take_over(self) -> bool:
        """A read-only workspace whose other window has closed, or whose file the user has
        made writable, becomes the writer, after reading the file afresh (the other window
        may have changed it). True when it did. The file's permissions are never changed
        here: one the user made read-only stays read-only."""
        with self._guard:
            if not self.locked_elsewhere and self.unwritable is None:
                return True
            self.locked_elsewhere = False
            try:
                writer = self._open_for_writing()
            except WorkspaceFileError:  # the file went away from an unwritable folder
                writer = False
            self.storage.read_only_why = self.read_only_message
            if not writer:
                return False
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
            table.insert(Document(meta, doc_id=1))  # first: other _meta records may follow

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
        self.rereads += 1
        for name in list(KINDS) + [META]:
            self.db.table(name).clear_cache()
        self._seen.clear()
        self._lists.clear()

    def _written(self, stamp: tuple[int, int, int] | None) -> None:
        """A save reached the disk: the lock file says this window wrote that version."""
        if self.lock is not None:
            self.lock.mark(self.storage.window, stamp)

    def changed_by(self) -> str:
        """Who made the file as it is on disk now, as messages name it (see storage)."""
        return self.storage.changed_by()

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

    def close(self) -> None:
        self.db.close()
        self._seen.clear()
        if self.lock is not None:
            self.lock.release()
            self.lock = None
