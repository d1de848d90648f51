"""The one place Final Round reads the time, so a test can hold it still."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from datetime import datetime

_held: datetime | None = None


def now() -> datetime:
    """The local time now, as a naive datetime (or the held time, when a test holds one)."""
    return _held if _held is not None else datetime.now()


def hold(at: datetime | None) -> None:
    """Make `now()` answer `at` until it is released with `hold(None)`."""
    global _held
    _held = at


@contextmanager
def held(at: datetime) -> Iterator[None]:
    """`now()` answers `at` inside the block, and what it answered before after it."""
    global _held
    before = _held
    _held = at
    try:
        yield
    finally:
        _held = before
