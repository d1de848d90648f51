"""A TinyDB storage that never leaves half a file: write a temporary file, fsync, then rename.

It keeps the last document it read or wrote in memory, so reads cost no disk access.
"""

from __future__ import annotations

import gc
import itertools
import json
import os
import re
import stat
import weakref
from pathlib import Path
from typing import Any

from tinydb.storages import Storage

from .backups import has_backup_of_today, make_backup
from .edits import Edit
from .private import atomic_write_bytes, make_private_dir
from .tracked import RAW_KEY, DocumentText, Made, Touched


class WorkspaceFileError(Exception):
    """The workspace file cannot be used; the message says what is wrong and what to do."""


class SaveError(WorkspaceFileError):
    """A save did not reach the disk; the file on disk still holds the previous save."""


def describe_unreadable(path: Path, problem: str) -> str:
    from .formatting import visible

    return visible(
        f"Cannot open the workspace file {path}: {problem}. "
        "The file was left exactly as it is. Restore a backup over it with "
        "`finalround restore` (the damaged file is kept aside), "
        "or start with another file using --db PATH."
    )


class FileChangedError(SaveError):
    """The file on disk is not the one this workspace read or wrote last."""


# A record stored as something other than an object is kept under RAW_KEY, so TinyDB
# can hold it; it goes back to the file as it was.
__all__ = ["RAW_KEY", "AtomicJSONStorage", "SaveError", "WorkspaceFileError"]
_ID = re.compile(r"[0-9]+")
Stamp = tuple[int, int, int]
LARGE = 4 * 1024 * 1024  # bytes: a file of some thousands of records


_SURROGATE = re.compile("[\ud800-\udfff]")

# Names the document as it is: a new one for each save that changed a record and for each file
# read that is not the one last read or written (another program's, an import), never the same
# twice in a process.
_GENERATIONS = itertools.count(1)


def _escape(match: re.Match[str]) -> str:
    return f"\\u{ord(match.group()):04x}"


def file_stamp(path: Path) -> Stamp | None:
    """What tells one version of the file from another: inode, size, modification time."""
    try:
        st = os.stat(path)
    except OSError:
        return None
    return (st.st_ino, st.st_size, st.st_mtime_ns)


class _Duplicate(ValueError):
    def __init__(self, key: str) -> None:
        super().__init__(key)
        self.key = key


def _pairs(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    """An object of the file; a key that appears twice would silently hide a record."""
    data = dict(pairs)
    if len(data) != len(pairs):
        seen: set[str] = set()
        for key, _ in pairs:
            if key in seen:
                raise _Duplicate(key)
            seen.add(key)
    return data


pairs_once = _pairs


def duplicate_key_error(exc: ValueError, text: str) -> str:
    """What to tell the user about a key that appears twice (`exc` from `pairs_once`)."""
    if not isinstance(exc, _Duplicate):
        return str(exc)
    line = _line_of_key(text, exc.key, nth=2)
    return f"the key {exc.key!r} appears twice in one place{_at_line(line)}"


def _line_of_key(text: str, key: str, nth: int = 1) -> int | None:
    """The line where `key` appears as a key for the `nth` time (None when not found)."""
    pattern = re.compile(r"(?<!\\)" + re.escape(json.dumps(key, ensure_ascii=False)) + r"\s*:")
    found = list(pattern.finditer(text))
    if not found:
        return None
    match = found[min(nth, len(found)) - 1]
    return text.count("\n", 0, match.start()) + 1


def _at_line(line: int | None) -> str:
    return f" (line {line})" if line else ""


def read_regular(path: Path) -> bytes | None:
    """The bytes of a regular file; None when it does not exist. Never blocks on a pipe."""
    try:
        st = os.stat(path)
    except FileNotFoundError:
        return None
    except OSError as exc:
        raise WorkspaceFileError(describe_unreadable(path, exc.strerror or str(exc))) from None
    if stat.S_ISDIR(st.st_mode):
        raise WorkspaceFileError(describe_unreadable(path, "it is a folder, not a file"))
    if not stat.S_ISREG(st.st_mode):
        raise WorkspaceFileError(
            describe_unreadable(path, "it is not a regular file (a pipe, a device or a socket)")
        )
    try:
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0))
    except OSError as exc:
        raise WorkspaceFileError(describe_unreadable(path, exc.strerror or str(exc))) from None
    with os.fdopen(fd, "rb") as handle:
        if not stat.S_ISREG(os.fstat(handle.fileno()).st_mode):  # swapped since the check
            raise WorkspaceFileError(describe_unreadable(path, "it is not a regular file"))
        return handle.read()


def read_regular_text(path: Path, limit: int = 64 * 1024 * 1024) -> str:
    """A file's UTF-8 text, refusing what is not a regular file (a pipe would block) or is
    larger than `limit`: ValueError, UnicodeDecodeError or OSError say why."""
    st = os.stat(path)
    if stat.S_ISDIR(st.st_mode):
        raise ValueError("it is a folder, not a file")
    if not stat.S_ISREG(st.st_mode):
        raise ValueError("it is not a regular file (a pipe, a device or a socket)")
    if st.st_size > limit:
        raise ValueError(f"it is larger than {limit // (1024 * 1024)} MiB")
    fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0))
    with os.fdopen(fd, "rb") as handle:
        return handle.read(limit + 1).decode("utf-8")


def parse_document(raw: bytes, path: Path) -> dict:
    """Check the bytes of a workspace file; raise WorkspaceFileError saying what is wrong."""
    if not raw.strip():
        what = "it is empty (0 bytes)" if not raw else "it holds only blank space"
        raise WorkspaceFileError(
            describe_unreadable(path, what + ", perhaps cut short by a full disk or a sync")
        )
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError:
        raise WorkspaceFileError(describe_unreadable(path, "it is not text (not UTF-8)")) from None
    try:
        data = json.loads(text, object_pairs_hook=_pairs)
    except _Duplicate as dup:
        line = _line_of_key(text, dup.key, nth=2)
        raise WorkspaceFileError(
            describe_unreadable(
                path, f"the key {dup.key!r} appears twice in one place{_at_line(line)}"
            )
        ) from None
    except json.JSONDecodeError as exc:
        at_end = exc.pos >= len(raw.rstrip()) - 1 or exc.msg.startswith("Unterminated")
        problem = (
            "it ends in the middle of the data (truncated)"
            if at_end
            else f"it is not valid JSON (line {exc.lineno}, column {exc.colno})"
        )
        raise WorkspaceFileError(describe_unreadable(path, problem)) from None
    except RecursionError:
        raise WorkspaceFileError(describe_unreadable(path, "it is nested too deeply")) from None
    if not isinstance(data, dict) or not all(isinstance(t, dict) for t in data.values()):
        raise WorkspaceFileError(
            describe_unreadable(path, "it is JSON, but not a Final Round workspace")
        )
    for name, table in data.items():
        for key, doc in table.items():
            if not isinstance(doc, dict):
                table[key] = {RAW_KEY: doc}
        if _plain_ids(table):
            continue  # the usual case, checked at C speed; else the loop below says where
        ids: dict[int, str] = {}
        for key in list(table):
            if not _ID.fullmatch(key):
                line = _line_of_key(text, key)
                raise WorkspaceFileError(
                    describe_unreadable(
                        path, f"record {key!r} of {name!r} has no number for an id{_at_line(line)}"
                    )
                )
            number = int(key)
            if number in ids:
                line = _line_of_key(text, key)
                raise WorkspaceFileError(
                    describe_unreadable(
                        path,
                        f"records {ids[number]!r} and {key!r} of {name!r} have the same "
                        f"id{_at_line(line)}",
                    )
                )
            ids[number] = key
    return data


def _plain_ids(table: dict[str, Any]) -> bool:
    """Every key is a number written in ASCII digits, and no two keys are the same number."""
    return all(key.isascii() and key.isdigit() for key in table) and len(
        {int(key) for key in table}
    ) == len(table)


def load_document(path: Path, kept: bool = False) -> dict | None:
    """Read and check a workspace file; None when it does not exist. With `kept`, a large
    file's records come from the copy kept for exactly its bytes (see document_cache), and
    one is kept when there is none."""
    if kept:
        from . import document_cache

        found = document_cache.kept_copy(path)
        if found is not None:
            return found
    raw = read_regular(path)
    if raw is None:
        return None
    data = parse_document(raw, path)
    if kept:
        document_cache.keep(path, raw, data)
    return data


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
        self.daily_backup = daily_backup
        self._backed_up = False  # today's backup is made, or was found
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

    def read(self) -> dict[str, Any] | None:
        if not self._loaded:
            # A new file starts as an empty document that TinyDB then fills in place.
            stamp = file_stamp(self.path)
            self._cache = load_document(self.path, kept=True) or {}
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

    def write(self, data: dict[str, Any]) -> None:
        """Serialize the document; write it now, or keep it for `commit` when `deferred`."""
        if self.read_only:
            raise SaveError(
                f"{self.path} is open read-only here, so nothing was saved: another Final "
                "Round window has it open. Your edit is kept; save again once that window "
                "is closed, and this one takes the file over."
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
        if self.changed_on_disk():
            self.invalidate()
            raise FileChangedError(
                f"{self.path} was changed by another program since Final Round read it "
                "(a sync client or an editor?), so your change was not written over it. "
                "The workspace now shows the file as it is on disk; save again to apply "
                "your change to it."
            )
        try:
            make_private_dir(self.path.parent)
            if self.daily_backup and not self._backed_up:
                # the first save of the day keeps a copy of the file as it was
                if not has_backup_of_today(self.path):
                    make_backup(self.path)
                self._backed_up = True
            try:
                self._put(text)
            except UnicodeEncodeError:
                # half an emoji read from the file (a damaged record) stays as it was, escaped
                self._put(_SURROGATE.sub(_escape, text))
            self._stamp, self._stamped = file_stamp(self.path), self.generation
            self.last_text = text
        except (OSError, ValueError, UnicodeEncodeError) as exc:
            self.invalidate()
            reason = getattr(exc, "strerror", None) or str(exc)
            raise SaveError(
                f"Could not save to {self.path}: {reason}. Your last change is not saved; "
                "free some space or fix the folder's permissions and save again, "
                "or export the workspace to another place."
            ) from exc

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
