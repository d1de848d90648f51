"""One writer per workspace file: an exclusive lock on a file beside it, taken without waiting.

On POSIX systems this is `fcntl.flock`, as the `filelock` package does there (so the two agree
on who holds a file), without importing that package's many modules on every start. The lock
file holds a mark: the Final Round window that last wrote the workspace, and what it wrote.
"""

from __future__ import annotations

import json
import os
import stat
from collections.abc import Sequence
from typing import Any

MARK = "finalround"  # what tells a lock file's mark from anything else in it

# Who changed the workspace file, as the messages name it: one of our windows when the lock
# file's mark says so (see changed_by), else whatever program it was.
OTHER_WINDOW = "another Final Round window"
OTHER_PROGRAM = "another program"


class Timeout(Exception):
    """Another process holds the lock."""


class FileLock:
    def __init__(self, path: str, mode: int = 0o644) -> None:
        self.path = path
        self.mode = mode
        self._fd: int | None = None
        self._other: Any = None  # the filelock package's lock, where flock is missing

    def acquire(self, timeout: float = 0) -> None:
        """Take the lock, or raise Timeout at once when another process holds it."""
        try:
            import fcntl
        except ImportError:  # not POSIX
            import filelock

            self._other = filelock.FileLock(self.path, mode=self.mode)
            try:
                self._other.acquire(timeout=timeout)
            except filelock.Timeout:
                self._other = None
                raise Timeout(self.path) from None
            return
        fd = os.open(self.path, os.O_RDWR | os.O_CREAT, self.mode)
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except OSError:
            os.close(fd)
            raise Timeout(self.path) from None
        self._fd = fd

    def mark(self, window: str, wrote: Sequence[int] | None) -> None:
        """Leave in the held lock file that `window` (a Final Round window) wrote the workspace
        file last, and which version of it (`wrote`: inode, size, time): another window that
        finds the file changed can tell who changed it. Best effort: a mark not written only
        makes that window say "another program"."""
        if self._fd is None:
            return
        data = json.dumps({"app": MARK, "window": window, "wrote": list(wrote or ())}).encode()
        try:
            os.pwrite(self._fd, data, 0)
            os.ftruncate(self._fd, len(data))
        except OSError:
            pass

    def release(self) -> None:
        if self._other is not None:
            self._other.release()
            self._other = None
        if self._fd is not None:
            import fcntl

            fcntl.flock(self._fd, fcntl.LOCK_UN)
            os.close(self._fd)
            self._fd = None

    def __del__(self) -> None:
        # a lock nobody refers to any more is let go, as with the filelock package
        try:
            self.release()
        except Exception:
            pass

    @property
    def is_locked(self) -> bool:
        return self._fd is not None or self._other is not None

    def __enter__(self) -> FileLock:
        self.acquire()
        return self

    def __exit__(self, *exc: object) -> None:
        self.release()


def read_mark(path: str) -> dict[str, Any] | None:
    """The mark a Final Round window left in the lock file at `path` (see FileLock.mark), or
    None: no lock file, nothing of ours in it, or no regular file (never blocks on a pipe)."""
    try:
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0))
    except OSError:
        return None
    with os.fdopen(fd, "rb") as handle:
        try:
            if not stat.S_ISREG(os.fstat(handle.fileno()).st_mode):
                return None
            raw = handle.read(4096)
        except OSError:
            return None
    try:
        mark = json.loads(raw)
    except ValueError:
        return None
    return mark if isinstance(mark, dict) and mark.get("app") == MARK else None


def changed_by(lock: str, window: str, stamp: Sequence[int] | None) -> str:
    """Who made the workspace file as it is now (`stamp`: its inode, size and time):
    OTHER_WINDOW when the mark in its lock file at `lock` says a Final Round window other than
    `window` wrote exactly this version of it, else OTHER_PROGRAM."""
    mark = read_mark(lock)
    if (
        mark is not None
        and stamp is not None
        and mark.get("window") != window
        and mark.get("wrote") == list(stamp)
    ):
        return OTHER_WINDOW
    return OTHER_PROGRAM


def changed_since(who: str) -> str:
    """ "another program since Final Round read it (a sync client or an editor?)", or the same
    of another Final Round window, for a message that says who changed the file."""
    if who == OTHER_WINDOW:
        return f"{who} since this one read it (the workspace was open in two windows at once)"
    return f"{who} since Final Round read it (a sync client or an editor?)"
