"""One writer per workspace file: an exclusive lock on a file beside it, taken without waiting.

On POSIX systems this is `fcntl.flock`, as the `filelock` package does there (so the two agree
on who holds a file), without importing that package's many modules on every start.
"""

from __future__ import annotations

import os
from typing import Any


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
