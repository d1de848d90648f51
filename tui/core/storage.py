"""A TinyDB storage that never leaves half a file: write a temporary file, fsync, then rename.

It keeps the last document it read or wrote in memory, so reads cost no disk access.
"""

from __future__ import annotations

import errno
import gc
import itertools
import os
import re
import weakref
from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import Any

from tinydb.storages import Storage

from . import clock
from .backups import backup_due, make_backup
from .edits import Edit
from .file_check import (
    DiskReadOnlyError,
    FileChangedError,
    FileUnusableError,
    SaveError,
    WorkspaceFileError,
    describe_unreadable,
    duplicate_key_error,
    load_document,
    pairs_once,
    parse_document,
    read_document,
    read_regular,
    read_regular_text,
    unreadable_problem,
)
from .file_lock import changed_by, changed_since
from .private import atomic_write_bytes, make_private_dir
from .tracked import RAW_KEY, DocumentText, Made, Touched
from .writable import copy_to_work_on

# A record stored as something other than an object is kept under RAW_KEY, so TinyDB
# can hold it; it goes back to the file as it was.
__all__ = [
    "RAW_KEY",
    "AtomicJSONStorage",
    "FileChangedError",
    "FileUnusableError",
    "SaveError",
    "WorkspaceFileError",
    "describe_unreadable",
    "escape_surrogates",
    "duplicate_key_error",
    "load_document",
    "pairs_once",
    "parse_document",
    "read_regular",
    "read_regular_text",
]
Stamp = tuple[int, int, int]
LARGE = 4 * 1024 * 1024  # bytes: a file of some thousands of records
GONE = "it is no longer there"  # what `unusable` says of a file deleted or moved away


_SURROGATE = re.compile("[\ud800-\udfff]")

# Names the document as it is: a new one for each save that changed a record and for each file
# read that is not the one last read or written (another program's, an import), never the same
# twice in a process.
_GENERATIONS = itertools.count(1)
_WINDOWS = itertools.count(1)


def _escape(match: re.Match[str]) -> str:
    return f"\\u{ord(match.group()):04x}"


def escape_surrogates(text: str) -> str:
    """JSON text with each lone surrogate (half an emoji read from a damaged record) written as
    its escape, so the text can be written as UTF-8 and reads back the same."""
    return _SURROGATE.sub(_escape, text)


def file_stamp(path: Path) -> Stamp | None:
    """What tells one version of the file from another: inode, size, modification time."""
    try:
        st = os.stat(path)
    except OSError:
        return None
    return (st.st_ino, st.st_size, st.st_mtime_ns)


def _unwrap(data: dict[str, Any]) -> dict[str, Any]:
    """The document as it goes to the file: records that were not objects as they were."""
    out: dict[str, Any] = {}
    for name, table in data.items():
        if isinstance(table, dict) and any(
            isinstance(doc, dict) and RAW_KEY in doc for doc in table.values()
        ):
            table = {
                key: doc[RAW_KEY] if isinstance(doc, dict) and RAW_KEY in doc else doc
                for key, doc in table.items()
            }
        out[name] = table
    return out


CHUNK = 1 << 20  # characters encoded at a time


def encoded(text: str) -> list[bytes]:
    """The UTF-8 bytes of `text`, a megabyte or so at a time: a large workspace's text is
    encoded in pieces, so other threads (the screen's) run in between."""
    return [text[i : i + CHUNK].encode("utf-8") for i in range(0, len(text), CHUNK)]


def atomic_write_text(path: Path, text: str) -> None:
    """Replace `path` with `text` so that a crash leaves either the old or the new file."""
    atomic_write_bytes(path, encoded(text))


class AtomicJSONStorage(Storage):
    """TinyDB storage over one JSON file, written atomically, read once.

    Before each write it checks that the file is still the one it read or wrote last: a file
    changed by another program (a sync client, an editor) is never overwritten unasked.
    """

    def __init__(
        self, path: str | os.PathLike, read_only: bool = False, daily_backup: bool = True
    ) -> None:
        self.path = Path(path)
        self.read_only = read_only
        self.read_only_why: str | None = None  # told when a save is refused (read_only)
        self.daily_backup = daily_backup
        self._backed_up_on: date | None = None  # the day this session's copy was made or found
        self._cache: dict[str, Any] | None = None
        self._loaded = False
        self._stamp: Stamp | None = None  # the file as last read or written
        self._stamped = 0  # ... and the generation of the document it holds
        # Set by the workspace while it changes records: the document is serialized in
        # `write` and put on disk by `commit` afterwards, outside the workspace's lock.
        self.deferred = False
        self.pending: str | None = None
        self.touched = False
        self.last_text: str | None = None  # the document as last put on disk by this storage
        # the file's text as last read whole or written here: what the workspace shows again
        # while another program has left the file unreadable or taken it away
        self._good: bytes | str | None = None
        self.unusable: str | None = None  # why the file on disk cannot be used now, or None
        self._told_gone = False  # a save was refused because the file was gone (see commit)
        self.durable = True  # False for a throw-away file: saves need not wait for the disk
        self.text = DocumentText()  # the document's text, record by record
        self.generation = next(_GENERATIONS)  # the document as it is now (see _GENERATIONS)
        # counts every change begun (it may yet fail) and every document forgotten: only grows
        self.touches = 0
        # told what each save changes (see Workspace.recording)
        self.recordings: list[Edit] = []
        # told the records a change touched (see tracked.Touched); held weakly, so the
        # workspace that listens is freed, and its file lock let go, as soon as it is unused
        self.on_touched: weakref.WeakMethod[Touched] | None = None
        # names this open workspace in the lock file's mark (see file_lock.FileLock.mark)
        self.window = f"{os.getpid()}.{next(_WINDOWS)}"
        # told the file's stamp after each save, to mark the lock file (held weakly, as above)
        self.on_written: weakref.WeakMethod[Callable[[Stamp | None], None]] | None = None

    def read(self) -> dict[str, Any] | None:
        if not self._loaded:
            # A new file starts as an empty document that TinyDB then fills in place.
            stamp = file_stamp(self.path)
            try:
                data = self._load()
            except WorkspaceFileError as exc:
                if self._good is None:  # nothing read before: the file cannot be opened
                    raise
                self._hold(unreadable_problem(exc, self.path))
                return self._cache
            if data is None and self._good is not None:  # deleted or moved while open
                self._hold(GONE)
                return self._cache
            self._cache = data or {}
            self.unusable, self._told_gone = None, False
            if stamp is not None and stamp[1] > LARGE:
                # a large document lives as long as the workspace: the garbage collector's
                # full walks would pass over its many objects again and again, in vain
                gc.freeze()
            if stamp is None or stamp != self._stamp:
                self.generation = next(_GENERATIONS)
            else:  # the file as this storage last read or wrote it, untouched since
                self.generation = self._stamped
            self._stamp, self._stamped = stamp, self.generation
            self._loaded = True
        return self._cache

    def _load(self) -> dict[str, Any] | None:
        """The checked document on disk (None: there is no file), from its kept copy when
        there is one; the bytes read are kept as the document last known good (a kept copy
        read no bytes: nothing to show again should the file go bad)."""
        data, raw = read_document(self.path, kept=True)
        if data is not None:  # no file: what was last known good stays
            self._good = raw
        return data

    def _hold(self, problem: str) -> None:
        """The file on disk cannot be used (`problem`): the workspace shows what it last read
        or wrote whole, and saves are refused (see commit) until the file is usable again."""
        if self._good is not None:
            raw = self._good.encode("utf-8") if isinstance(self._good, str) else self._good
            self._cache = parse_document(raw, self.path)
            self.text.forget()
            self.last_text = None
        elif self._cache is None:
            self._cache = {}
        self._loaded = True
        self.touches += 1
        self.generation = next(_GENERATIONS)
        self.unusable = problem

    def unusable_message(self) -> str:
        """What to tell the user of a save refused because the file cannot be used."""
        if self.unusable == GONE:
            return (
                f"Nothing was saved: {self.path} was deleted or moved away by another program "
                "while Final Round had it open. The workspace still shows everything as it was. "
                "Save again to write it back to that file, with your change; or put the file "
                "back first."
            )
        from .key_names import key_of  # a message of the app, not of every file read

        palette = key_of("palette")
        return (
            f"Nothing was saved: {self.path} was changed by another program and can no longer "
            f"be read ({self.unusable}). Final Round left it exactly as it is and shows the "
            "workspace as it was before; nothing is saved until the file can be read again. "
            f"To keep what is shown, export it ({palette}, 'Export backup (JSON)'); then put the "
            f"newest backup back ({palette}, 'Restore the newest backup…', or `finalround "
            "restore` with Final Round closed), or repair the file."
        )

    def write(self, data: dict[str, Any]) -> None:
        """Serialize the document; write it now, or keep it for `commit` when `deferred`."""
        if self.read_only:
            raise SaveError(
                f"Nothing was saved, your edit is kept. {self.read_only_why}"
                if self.read_only_why
                else f"{self.path} is open read-only here, so nothing was saved: another "
                "Final Round window has it open. Your edit is kept; save again once that "
                "window is closed, and this one takes the file over."
            )
        self.touched = True
        text = self.text.text(data)
        changes = self.text.changes
        if changes is None or changes:
            self.generation = next(_GENERATIONS)
        for edit in self.recordings:
            edit.add(changes)
        self._cache = data
        self._loaded = True
        if self.deferred:
            self.pending = text
        else:
            self.commit(text)

    def current_text(self) -> str:
        """The whole document as text, as it is now."""
        if self.last_text is not None and self._loaded:
            return self.last_text
        return self.text.text(self.read() or {})

    def prepare_text(self, made: Made | None = None) -> None:
        """Make the text of every record that has none yet (a large document's take a while),
        so that the next save serialises only what it changes and can tell what that was.
        `made`: the texts made beforehand of the records as they are now."""
        self.text.prepare(self.read() or {}, made)

    def tables_now(self) -> dict[str, list[tuple[str, Any]]] | None:
        """Each table's records as they are now, in order; None once their text is made."""
        if self.text.known:
            return None
        data = self.read() or {}
        return {
            name: list(table.items()) for name, table in data.items() if isinstance(table, dict)
        }

    def record_text(self, table: str, key: str) -> str | None:
        """One record's text as it is now (None: there is no such record)."""
        doc = ((self.read() or {}).get(table) or {}).get(key)
        return None if doc is None else DocumentText.record_text(key, doc)

    def records_touched(
        self, table: str, before: dict[str, Any], after: dict[str, Any], keys: set[str]
    ) -> None:
        """A change is about to write these records of `table` (see tracked.TrackedTable)."""
        self.touches += 1
        self.text.touch(table, before, after, keys)
        listener = self.on_touched() if self.on_touched is not None else None
        if listener is not None:
            listener(table, before, after, keys)

    def take_pending(self) -> str | None:
        text, self.pending = self.pending, None
        return text

    def changed_on_disk(self) -> bool:
        """True when the file is not the one this storage read or wrote last."""
        return self._loaded and file_stamp(self.path) != self._stamp

    def commit(self, text: str) -> None:
        """Put a serialized document on disk, whole, or raise SaveError and forget the cache."""
        if self.changed_on_disk() and not (self._told_gone and not self.path.exists()):
            self._look_again()
            if self.unusable is not None:
                self._told_gone = self.unusable == GONE
                raise FileUnusableError(self.unusable_message())
            raise FileChangedError(
                f"{self.path} was changed by {changed_since(self.changed_by())}, so your "
                "change was not written over it. The workspace now shows the file as it is "
                "on disk; save again to apply your change to it."
            )
        try:
            make_private_dir(self.path.parent)
            today = clock.now().date()
            if self.daily_backup and self._backed_up_on != today:
                # the first save of the day, and of a session three hours after the last
                # copy, keeps a copy of the file as it was; a file not made yet has none to
                # keep, so the next save does
                if not backup_due(self.path) or make_backup(self.path) is not None:
                    self._backed_up_on = today
            try:
                self._put(text)
                self._good = text
            except UnicodeEncodeError:
                # half an emoji read from the file (a damaged record) stays as it was, escaped
                self._good = escape_surrogates(text)
                self._put(self._good)
            self._stamp, self._stamped = file_stamp(self.path), self.generation
            written = self.on_written() if self.on_written is not None else None
            if written is not None:
                written(self._stamp)
            self.last_text = text
            self.unusable, self._told_gone = None, False
        except (OSError, ValueError, UnicodeEncodeError) as exc:
            self.invalidate()
            reason = getattr(exc, "strerror", None) or str(exc)
            said = f"Could not save to {self.path}: {reason}. Your last change is not saved; "
            if isinstance(exc, OSError) and exc.errno == errno.EROFS:
                raise DiskReadOnlyError(
                    f"{said}the disk it is on has become read-only, so nothing more can be "
                    f"saved there. Work on a copy on another disk: {copy_to_work_on(self.path)}."
                ) from exc
            raise SaveError(
                f"{said}free some space or fix the folder's permissions and save again, "
                "or export the workspace to another place."
            ) from exc

    def changed_by(self) -> str:
        """Who made the file on disk as it is now (see file_lock.changed_by)."""
        return changed_by(f"{self.path}.lock", self.window, file_stamp(self.path))

    def _look_again(self) -> None:
        """Read the file as it is on disk now; one that cannot be used leaves the workspace as
        it was shown (`unusable` says why)."""
        kept = self._cache
        self.invalidate()
        try:
            self.read()
        except WorkspaceFileError as exc:  # nothing known good to show: what was shown stays
            self._cache = kept
            self._hold(unreadable_problem(exc, self.path))

    def _put(self, text: str) -> None:
        if self.durable:
            atomic_write_text(self.path, text)
        else:
            atomic_write_bytes(self.path, encoded(text), durable=False)

    def invalidate(self) -> None:
        """Forget the document in memory (TinyDB changes it in place before a save), so the
        next read shows what is really on disk."""
        self._cache = None
        self._loaded = False
        self.touches += 1
        self.last_text = None
        self.text.forget()
        self.generation = next(_GENERATIONS)  # until the file is read: then as it is found

    def close(self) -> None:
        """A large file saved from here keeps a copy of its records for the next start, made
        from the file as it is now on disk (as a start would read it): a quit at 10,000 records
        takes about a tenth of a second longer, the next start about 50 ms less."""
        if self.last_text is None or self.read_only:
            return
        from .document_cache import MIN_SIZE, keep

        try:
            raw = read_regular(self.path)
            if raw is not None and len(raw) >= MIN_SIZE:
                keep(self.path, raw, parse_document(raw, self.path))
        except (WorkspaceFileError, OSError, ValueError, RecursionError):
            pass  # never a reason not to quit: the next start parses the file
