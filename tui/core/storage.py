"""A TinyDB storage that never leaves half a file: write a temporary file, fsync, then rename.

It keeps the last document it read or wrote in memory, so reads cost no disk access.
"""

from __future__ import annotations

import json
import os
import tempfile
from pathlib import Path
from typing import Any

from tinydb.storages import Storage

from .backups import has_backup_of_today, make_backup


class WorkspaceFileError(Exception):
    """The workspace file cannot be used; the message says what is wrong and what to do."""


class SaveError(WorkspaceFileError):
    """A save did not reach the disk; the file on disk still holds the previous save."""


def describe_unreadable(path: Path, problem: str) -> str:
    return (
        f"Cannot open the workspace file {path}: {problem}. "
        "The file was left exactly as it is. Restore a backup copy over it if you have one, "
        "or start with another file using --db PATH."
    )


def load_document(path: Path) -> dict | None:
    """Read and check a workspace file; None when it does not exist or is empty."""
    try:
        raw = path.read_bytes()
    except FileNotFoundError:
        return None
    except IsADirectoryError:
        raise WorkspaceFileError(describe_unreadable(path, "it is a folder, not a file")) from None
    except OSError as exc:
        raise WorkspaceFileError(describe_unreadable(path, exc.strerror or str(exc))) from None
    if not raw.strip():
        return None
    try:
        data = json.loads(raw.decode("utf-8"))
    except UnicodeDecodeError:
        raise WorkspaceFileError(describe_unreadable(path, "it is not text (not UTF-8)")) from None
    except json.JSONDecodeError as exc:
        at_end = exc.pos >= len(raw.rstrip()) - 1 or exc.msg.startswith("Unterminated")
        problem = (
            "it ends in the middle of the data (truncated)"
            if at_end
            else f"it is not valid JSON (line {exc.lineno}, column {exc.colno})"
        )
        raise WorkspaceFileError(describe_unreadable(path, problem)) from None
    if not isinstance(data, dict) or not all(isinstance(t, dict) for t in data.values()):
        raise WorkspaceFileError(
            describe_unreadable(path, "it is JSON, but not a Final Round workspace")
        )
    return data


def atomic_write_text(path: Path, text: str) -> None:
    """Replace `path` with `text` so that a crash leaves either the old or the new file."""
    folder = path.parent
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=folder)
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as handle:
            handle.write(text)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(tmp, path)
    except BaseException:
        try:
            os.unlink(tmp)
        except OSError:
            pass
        raise
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


class AtomicJSONStorage(Storage):
    """TinyDB storage over one JSON file, written atomically, read once."""

    def __init__(
        self, path: str | os.PathLike, read_only: bool = False, daily_backup: bool = True
    ) -> None:
        self.path = Path(path)
        self.read_only = read_only
        self.daily_backup = daily_backup
        self._backed_up = False  # today's backup is made, or was found
        self._cache: dict[str, Any] | None = None
        self._loaded = False
        # Set by the workspace while it changes records: the document is serialized in
        # `write` and put on disk by `commit` afterwards, outside the workspace's lock.
        self.deferred = False
        self.pending: str | None = None
        self.touched = False

    def read(self) -> dict[str, Any] | None:
        if not self._loaded:
            # A new file starts as an empty document that TinyDB then fills in place.
            self._cache = load_document(self.path) or {}
            self._loaded = True
        return self._cache

    def write(self, data: dict[str, Any]) -> None:
        """Serialize the document; write it now, or keep it for `commit` when `deferred`."""
        if self.read_only:
            raise SaveError(
                f"{self.path} is open read-only here, so nothing was saved. "
                "Close the other Final Round window that has it open, then try again."
            )
        self.touched = True
        text = json.dumps(data, ensure_ascii=False, separators=(",", ":"))
        self._cache = data
        self._loaded = True
        if self.deferred:
            self.pending = text
        else:
            self.commit(text)

    def take_pending(self) -> str | None:
        text, self.pending = self.pending, None
        return text

    def commit(self, text: str) -> None:
        """Put a serialized document on disk, whole, or raise SaveError and forget the cache."""
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            if self.daily_backup and not self._backed_up:
                # the first save of the day keeps a copy of the file as it was
                if not has_backup_of_today(self.path):
                    make_backup(self.path)
                self._backed_up = True
            atomic_write_text(self.path, text)
        except (OSError, ValueError, UnicodeEncodeError) as exc:
            self.invalidate()
            reason = getattr(exc, "strerror", None) or str(exc)
            raise SaveError(
                f"Could not save to {self.path}: {reason}. Your last change is not saved; "
                "free some space or fix the folder's permissions and save again, "
                "or export the workspace to another place."
            ) from exc

    def invalidate(self) -> None:
        """Forget the document in memory (TinyDB changes it in place before a save), so the
        next read shows what is really on disk."""
        self._cache = None
        self._loaded = False

    def close(self) -> None:
        pass
