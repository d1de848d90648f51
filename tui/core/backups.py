"""Copies of the workspace file kept beside it: the first save of each day, and before a
schema migration. The last five are kept."""

from __future__ import annotations

from pathlib import Path

from . import clock
from .private import write_private

KEEP = 5


def backup_glob(path: Path) -> str:
    return f"{path.stem}.backup-*{path.suffix}"


def backups(path: Path) -> list[Path]:
    """This file's backups, newest first."""
    return sorted(path.parent.glob(backup_glob(path)), reverse=True)


def has_backup_of_today(path: Path) -> bool:
    today = clock.now().strftime("%Y%m%d")
    return any(p.name.startswith(f"{path.stem}.backup-{today}") for p in backups(path))


def make_backup(path: Path, reason: str = "") -> Path | None:
    """Copy the file as it is now beside it, then keep only the newest five copies."""
    if not path.is_file() or path.stat().st_size == 0:
        return None
    stamp = clock.now().strftime("%Y%m%d-%H%M%S")
    tail = f"-{reason}" if reason else ""
    target = path.with_name(f"{path.stem}.backup-{stamp}{tail}{path.suffix}")
    tmp = target.with_name(f".{target.name}.tmp")
    tmp.unlink(missing_ok=True)
    write_private(tmp, path.read_bytes())  # private, like the file itself
    tmp.replace(target)
    for old in backups(path)[KEEP:]:
        old.unlink(missing_ok=True)
    return target


def keep_aside(path: Path, why: str = "damaged") -> Path | None:
    """Copy the file as it is to a new name beside it (never replaced by a later copy)."""
    if not path.is_file():
        return None
    stamp = clock.now().strftime("%Y%m%d-%H%M%S")
    for n in range(1, 1000):
        tail = "" if n == 1 else f"-{n}"
        target = path.with_name(f"{path.stem}.{why}-{stamp}{tail}{path.suffix}")
        try:
            write_private(target, path.read_bytes())
        except FileExistsError:
            continue
        return target
    return None
