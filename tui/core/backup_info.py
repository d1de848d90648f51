"""What each kept copy of a workspace file holds: when it was taken, its size, its records."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from .backups import backups
from .file_check import WorkspaceFileError, load_document
from .kinds import KINDS


@dataclass(frozen=True)
class BackupInfo:
    path: Path
    taken: str
    size: int
    records: int | None  # None when the copy cannot be read


def describe(path: Path) -> list[BackupInfo]:
    """Every kept copy of the file at `path`, newest first, with what it holds."""
    found = []
    for p in backups(path):
        stamp = p.name[len(path.stem) + len(".backup-") :][:15]
        try:
            taken = datetime.strptime(stamp, "%Y%m%d-%H%M%S").strftime("%Y-%m-%d %H:%M:%S")
        except ValueError:
            taken = "?"
        try:
            doc = load_document(p) or {}
            records = sum(len(doc.get(k, {})) for k in KINDS)
        except (WorkspaceFileError, OSError):
            records = None
        found.append(BackupInfo(p, taken, p.stat().st_size, records))
    return found
