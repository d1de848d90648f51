"""What each kept copy of a workspace file holds: when it was taken, its size, its records."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from .backups import BEFORE_RESTORE, backups, dated_ahead, kept_aside, stamp_of, strays
from .file_check import WorkspaceFileError, load_document
from .kinds import KINDS


@dataclass(frozen=True)
class BackupInfo:
    path: Path
    taken: str
    size: int
    records: int | None  # None when the copy cannot be read
    ahead: bool = False  # named after a time still to come (see backups.backups)


def describe(path: Path) -> list[BackupInfo]:
    """Every kept copy of the file at `path`, newest first, with what it holds."""
    return list(_backups(path))


def newest_readable(path: Path) -> BackupInfo | None:
    """The newest backup of `path` that can be read: the older ones are read only while the
    newer cannot be (each may be as large as the workspace)."""
    return next((info for info in _backups(path) if info.records is not None), None)


def describe_before_restore(path: Path) -> list[BackupInfo]:
    """The copies of the file at `path` as it was before each restore, newest first: never
    removed by the rotation of backups, and put back the same way."""
    return list(_before_restore(path))


def before_last_restore(path: Path) -> BackupInfo | None:
    """The copy of the file at `path` as it was before the last restore (read or not), if any:
    the older ones are not read."""
    return next(_before_restore(path), None)


def _backups(path: Path) -> Iterator[BackupInfo]:
    for p in backups(path):
        info = _info(p, stamp_of(path, p), dated_ahead(path, p))
        if info is not None:
            yield info


def _before_restore(path: Path) -> Iterator[BackupInfo]:
    for p in kept_aside(path, BEFORE_RESTORE):
        info = _info(p, stamp_of(path, p, BEFORE_RESTORE))
        if info is not None:
            yield info


def _info(p: Path, stamp: str, ahead: bool = False) -> BackupInfo | None:
    """What the copy at `p`, taken at `stamp` (YYYYMMDD-HHMMSS), holds; None once it is gone."""
    try:
        taken = datetime.strptime(stamp, "%Y%m%d-%H%M%S").strftime("%Y-%m-%d %H:%M:%S")
    except ValueError:
        taken = "?"
    try:
        doc = load_document(p) or {}
        records = sum(len(doc.get(k, {})) for k in KINDS)
    except (WorkspaceFileError, OSError):
        records = None
    try:
        size = p.stat().st_size
    except OSError:  # removed meanwhile
        return None
    return BackupInfo(p, taken, size, records, ahead)


def records_in_words(records: int | None) -> str:
    """ "1 record", "1,234 records", or "unreadable" for a copy that cannot be read."""
    if records is None:
        return "unreadable"
    return f"{records:,} record" + ("" if records == 1 else "s")


def stray_notes(path: Path) -> list[str]:
    """A line for each thing named like a backup of `path` that is no file (passed over)."""
    notes = []
    for p in strays(path):
        what = "a folder" if p.is_dir() else "a link" if p.is_symlink() else "not a regular file"
        if p.is_symlink() and not p.exists():
            what = "a link that leads nowhere"
        notes.append(
            f"Passed over {p}: it is {what}, not a backup; remove it if you do not need it."
        )
    return notes
