"""The demo kept for the day: a later `--demo` that day gets, from the kept copy, the very
file a build at that moment writes; another day, or a damaged copy, builds afresh."""

from __future__ import annotations

import os
from datetime import datetime
from pathlib import Path

import pytest

from tui.core import clock, demo, demo_cache
from tui.core.demo import build_demo


def _fresh(path: Path, at: datetime) -> bytes:
    with clock.held(at):
        build_demo(path, durable=False).close()
    return path.read_bytes()


def _opened(path: Path, at: datetime) -> bytes:
    with clock.held(at):
        ws = demo_cache.open_demo(path)
    assert ws.storage.durable is False  # a throw-away copy never waits for the disk
    assert ws.active is not None and ws.active["company"] == "Northwind Logistics"
    ws.close()
    return path.read_bytes()


def _builds(monkeypatch) -> list[datetime]:
    """A spy on the demo's builder that still builds: the moments it built for."""
    built: list[datetime] = []
    real = demo.build_demo

    def spy(path: Path, now: datetime | None = None, durable: bool = True):
        built.append(clock.now())
        return real(path, now, durable)

    monkeypatch.setattr(demo, "build_demo", spy)
    return built


# pairs on one day: the second run comes from the copy the first one kept. The demo has
# times nine and five hours ago, so 05:00 and 09:00 start other copies
SAME_DAY = [
    (datetime(2026, 11, 28, 0, 0, 1), datetime(2026, 11, 28, 4, 59, 59)),
    (datetime(2026, 11, 28, 5, 0, 0), datetime(2026, 11, 28, 8, 31, 7)),
    (datetime(2026, 11, 28, 9, 0, 0), datetime(2026, 11, 28, 23, 59, 59)),
    (datetime(2026, 3, 29, 12, 10, 30), datetime(2026, 3, 29, 18, 45, 2)),
]


@pytest.mark.parametrize(("first", "later"), SAME_DAY)
def test_a_later_demo_the_same_day_is_the_file_a_build_then_writes(
    tmp_path, monkeypatch, first, later
):
    built = _builds(monkeypatch)
    _opened(tmp_path / "first" / "workspace.json", first)
    assert demo_cache.cache_file().is_file()
    built.clear()
    kept = _opened(tmp_path / "later" / "workspace.json", later)
    assert built == []  # from the kept copy
    assert kept == _fresh(tmp_path / "fresh" / "workspace.json", later)


def test_another_day_builds_afresh(tmp_path, monkeypatch):
    built = _builds(monkeypatch)
    _opened(tmp_path / "one" / "workspace.json", datetime(2026, 11, 28, 12, 0))
    built.clear()
    next_day = datetime(2026, 11, 29, 12, 0)
    opened = _opened(tmp_path / "two" / "workspace.json", next_day)
    assert built and built[0] == next_day
    assert opened == _fresh(tmp_path / "fresh" / "workspace.json", next_day)


def test_a_damaged_or_shared_copy_is_never_used(tmp_path, monkeypatch):
    at = datetime(2026, 11, 28, 12, 0)
    built = _builds(monkeypatch)
    _opened(tmp_path / "one" / "workspace.json", at)
    kept = demo_cache.cache_file()
    blob = kept.read_bytes()
    kept.write_bytes(blob[: len(blob) // 2])  # cut short
    built.clear()
    assert _opened(tmp_path / "two" / "workspace.json", at) == _fresh(tmp_path / "f2.json", at)
    assert built  # built again, and kept again
    os.chmod(kept, 0o644)  # a copy others could have changed
    built.clear()
    _opened(tmp_path / "three" / "workspace.json", at)
    assert built


def test_the_demo_times_read_as_before():
    now = datetime(2026, 11, 28, 4, 50, 12)
    assert demo_cache.resolve_time("@now-7h", now) == "2026-11-27 21:50"
    assert demo_cache.resolve_time("@now+2d", now) == "2026-11-30 04:50"
    assert demo_cache.resolve_time("@now-15m", now) == "2026-11-28 04:35"
    assert demo_cache.resolve_time("@day+2 10:00", now) == "2026-11-30 10:00"
    assert demo_cache.resolve_time("@day-45", now) == "2026-10-14"
    for wrong in ("@now7h", "@now-7x", "@day-2 1:00", "@day-2 10:00:00", "@dayx", "now-1h"):
        with pytest.raises(ValueError):
            demo_cache.resolve_time(wrong, now)
