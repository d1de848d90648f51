"""Files and folders only their owner can read: 0700 folders, 0600 files, whatever the umask."""

from __future__ import annotations

import os
import shutil
import tempfile
import time
from pathlib import Path
from typing import BinaryIO

FOLDER_MODE = 0o700
FILE_MODE = 0o600
COPY_CHUNK = 1 << 20  # bytes copied at a time by copy_private


def is_own(st: os.stat_result) -> bool:
    """A file of this user's that no one else can read or change (a copy kept for speed
    is trusted only then)."""
    return st.st_uid == os.getuid() and not st.st_mode & 0o077


def read_own(path: Path) -> bytes | None:
    """The whole of the file at `path` if it is the user's own (see `is_own`), else None.
    OSError when it cannot be read."""
    with open(path, "rb") as handle:
        if not is_own(os.fstat(handle.fileno())):
            return None
        return handle.read()


def make_private_dir(path: Path, existing_too: bool = False) -> None:
    """Create `path` and any missing parents as private folders. A folder that already
    exists keeps its mode unless `existing_too` (a folder that belongs to the app)."""
    missing: list[Path] = []
    probe = path
    while not probe.exists() and probe != probe.parent:
        missing.append(probe)
        probe = probe.parent
    path.mkdir(parents=True, exist_ok=True, mode=FOLDER_MODE)
    for folder in missing:
        os.chmod(folder, FOLDER_MODE)  # mkdir's mode is cut by the umask
    if existing_too and not missing:
        try:
            if path.stat().st_mode & 0o077:
                os.chmod(path, FOLDER_MODE)
        except OSError:
            pass  # a folder the user owns elsewhere may refuse; it stays as it was


def _new_private(path: Path) -> BinaryIO:
    """A new file that only its owner can read, open for writing (it must not exist yet)."""
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, FILE_MODE)
    try:
        os.fchmod(fd, FILE_MODE)
        return os.fdopen(fd, "wb")
    except BaseException:
        os.close(fd)
        raise


def write_private(path: Path, data: bytes) -> None:
    """Write a new file that only its owner can read (it must not exist yet)."""
    with _new_private(path) as handle:
        handle.write(data)


def copy_private(source: Path, target: Path) -> None:
    """Copy `source` to a new file `target` that only its owner can read (it must not exist
    yet), a megabyte at a time: a large workspace's file (some 45 MB at 50,000 records) is
    never held whole in memory, whose fresh pages slowed the screen's thread during the
    day's first save. Nothing is left if `source` cannot be opened or the copy fails."""
    with open(source, "rb") as handle:
        out = _new_private(target)
        try:
            with out:
                shutil.copyfileobj(handle, out, COPY_CHUNK)
        except BaseException:
            target.unlink(missing_ok=True)  # a full disk leaves no half copy behind
            raise


def atomic_write_bytes(path: Path, data: bytes | list[bytes], durable: bool = True) -> None:
    """Replace `path` with `data`, whole or not at all; the new file is private (0600).
    Unless `durable` is False (a throw-away file), it is on the disk when this returns."""
    folder = path.parent
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=folder)
    try:
        os.fchmod(fd, FILE_MODE)
        with os.fdopen(fd, "wb") as handle:
            if isinstance(data, bytes):
                handle.write(data)
            else:
                handle.writelines(data)
            handle.flush()
            if durable:
                os.fsync(handle.fileno())
        os.replace(tmp, path)
    except BaseException:
        try:
            os.unlink(tmp)
        except OSError:
            pass
        raise
    if not durable:
        return
    try:  # make the rename itself durable
        dir_fd = os.open(folder, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(dir_fd)
    except OSError:
        pass
    finally:
        os.close(dir_fd)


def cache_folder(name: str) -> Path:
    """`name` in the app's folder of the user's cache: copies kept for speed, never the only one."""
    from platformdirs import user_cache_dir

    return Path(user_cache_dir("finalround", appauthor=False)) / name


def keep_newest(folder: Path, pattern: str, count: int) -> None:
    """Remove all but the `count` most recently written files matching `pattern` in `folder`,
    and what a write cut short (the program killed) left of one over an hour ago."""
    found = sorted(folder.glob(pattern), key=lambda p: p.stat().st_mtime, reverse=True)
    for old in found[count:]:
        old.unlink(missing_ok=True)
    hour_ago = time.time() - 3600
    for left in folder.glob(f".{pattern}.*.tmp"):  # see atomic_write_bytes
        try:
            if left.stat().st_mtime < hour_ago:
                left.unlink()
        except OSError:
            pass
