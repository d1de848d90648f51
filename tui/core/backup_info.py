"""What each kept copy of a workspace file holds: when it was taken, its size, its records."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from .backups import backups, dated_ahead, stamp_of, strays
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
    found = []
    for p in backups(path):
        stamp = stamp_of(path, p)
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
            continue
        found.append(BackupInfo(p, taken, size, records, dated_ahead(path, p)))
    return found


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
