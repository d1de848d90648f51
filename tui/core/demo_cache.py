"""The demo workspace as built today, kept in the user's cache: a later `--demo` the same day
writes the kept bytes with the values that follow the clock set afresh, instead of building
the whole sample again. The copy is the very file a build at that moment would write."""

from __future__ import annotations

import marshal
import os
import sys
import tempfile
import zlib
from datetime import datetime, timedelta
from pathlib import Path
from typing import TYPE_CHECKING

from . import clock, private

if TYPE_CHECKING:
    from .repository import Workspace

FORMAT = 1
_TAG = f"frdemo{FORMAT}-{sys.implementation.cache_tag}-{marshal.version}"
STAMP = "%Y-%m-%d %H:%M:%S"  # a record's created and updated stamps (record.STAMP)
# a second build this far from the first tells which bytes follow the clock
_PROBE = timedelta(seconds=61)

_UNITS = {"d": "days", "h": "hours", "m": "minutes"}
# a span of the kept file: (offset, length, what it was made from): "" for a stamp of the
# moment, "=@now-14d" for a stamp of another moment, else the "@now..." or "@day..." time
Span = tuple[int, int, str]
STAMPED = "="  # the mark of a span that is a stamp of a moment away from now


def moment(text: str, now: datetime) -> datetime | None:
    """'@now-7h' or '@now+2d' as the moment it names, to the second; None for anything else."""
    if text.startswith("@now") and text[-1:] in _UNITS:
        offset = _signed(text[4:-1])
        if offset is not None:
            return now + timedelta(**{_UNITS[text[-1]]: offset})
    return None


def resolve_time(text: str, now: datetime) -> str:
    """Turn '@now-7h', '@now+2d' or '@day+2 10:00' into a stored date or date and time."""
    moved = moment(text, now)
    if moved is not None:
        return moved.strftime("%Y-%m-%d %H:%M")
    if text.startswith("@day"):
        days, _, at = text[4:].partition(" ")
        offset = _signed(days)
        hour, colon, minute = at.partition(":")
        if offset is not None and (not at or (colon and _digits(hour, 2) and _digits(minute, 2))):
            day = (now.date() + timedelta(days=offset)).isoformat()
            return f"{day} {at}" if at else day
    raise ValueError(f"not a demo time: {text!r}")


def _signed(text: str) -> int | None:
    """'+2' or '-7' as a number; None for anything else."""
    if text[:1] in ("+", "-") and _digits(text[1:]):
        return int(text)
    return None


def _digits(text: str, length: int = 0) -> bool:
    return text.isascii() and text.isdigit() and (not length or len(text) == length)


def demo_path() -> Path:
    """A fresh throw-away file for one demo session."""
    folder = Path(tempfile.mkdtemp(prefix="finalround-demo-"))
    return folder / "workspace.json"


def cache_file() -> Path:
    return private.cache_folder("demo.marshal")


def open_demo(path: Path) -> Workspace:
    """The sample workspace at `path` (which should not exist yet), opened as a throw-away
    copy: from the kept build when it was made today from the same content and code, else
    built afresh (and kept for the next time)."""
    from .repository import Workspace

    now = clock.now().replace(microsecond=0)
    fixed = _fixed_key()
    kept = _read()
    if kept is not None and kept[0] == fixed:
        try:
            _, specs, day, template, spans = kept
            data = splice(template, spans, now) if _day_key(now, specs) == day else None
        except (ValueError, TypeError, IndexError):
            data = None  # damaged: built afresh
        if data is not None:
            private.make_private_dir(path.parent)
            private.write_private(path, data)
            ws = Workspace(path)
            ws.storage.durable = False
            return ws
    return _build_and_keep(path, now, fixed)


def splice(template: bytes, spans: list[Span], now: datetime) -> bytes:
    """The kept bytes with each span set to what it says at `now`."""
    out = bytearray(template)
    stamp = now.strftime(STAMP).encode()
    for offset, length, spec in spans:
        value = _value(spec, now).encode() if spec else stamp
        if len(value) != length:
            raise ValueError("a kept demo span changed length")
        out[offset : offset + length] = value
    return bytes(out)


def _value(spec: str, now: datetime) -> str:
    """What a span made from `spec` says at `now`."""
    if not spec.startswith(STAMPED):
        return resolve_time(spec, now)
    at = moment(spec[len(STAMPED) :], now)
    if at is None:
        raise ValueError("a kept demo span names no moment")
    return at.strftime(STAMP)


def _build_and_keep(path: Path, now: datetime, fixed: tuple[int, int, str]) -> Workspace:
    from .demo import build_demo, now_specs

    with clock.held(now):  # every record stamped with the same second
        ws = build_demo(path, now, durable=False)
    try:
        specs = now_specs()
        made = _template(path.read_bytes(), path.parent, now, specs)
        if made is not None:
            _write((fixed, specs, _day_key(now, specs), *made))
    except (OSError, ValueError):
        pass  # no copy kept: the next demo builds afresh
    return ws


def _template(first: bytes, folder: Path, now: datetime, specs: list[str]) -> tuple | None:
    """The bytes built at `now` and the spans that follow the clock: where a build a minute
    away differs from them. None when they cannot be told apart safely."""
    from .demo import build_demo

    day = _day_key(now, specs)
    other = next((t for t in (now + _PROBE, now - _PROBE) if _day_key(t, specs) == day), None)
    if other is None:
        return None
    probe = folder / "probe.json"
    try:
        with clock.held(other):
            build_demo(probe, other, durable=False).close()
        second = probe.read_bytes()
    finally:
        for leftover in (probe, probe.with_name(probe.name + ".lock")):
            leftover.unlink(missing_ok=True)
    if len(second) != len(first):
        return None
    spans: list[Span] = []
    at = 0
    while (at := _next_difference(first, second, at)) >= 0:
        start = first.rfind(b'"', 0, at) + 1
        end = first.find(b'"', at)
        if start <= 0 or end < 0:
            return None
        spec = _which(first[start:end].decode(), second[start:end].decode(), now, other, specs)
        if spec is None:
            return None
        spans.append((start, end - start, spec))
        at = end
    return first, spans


def _next_difference(a: bytes, b: bytes, start: int) -> int:
    """The first offset from `start` where `a` and `b` (of one length) differ, else -1."""
    step = 256
    while start < len(a) and a[start : start + step] == b[start : start + step]:
        start += step
    for i in range(start, min(start + step, len(a))):
        if a[i] != b[i]:
            return i
    return -1


def _which(
    text: str, other_text: str, now: datetime, other: datetime, specs: list[str]
) -> str | None:
    """What a span that follows the clock was made from: "" for a stamp, else its '@now';
    None when nothing explains it at both moments."""
    if text == now.strftime(STAMP) and other_text == other.strftime(STAMP):
        return ""
    for spec in specs:
        at, other_at = moment(spec, now), moment(spec, other)
        if at is not None and other_at is not None:
            if text == at.strftime(STAMP) and other_text == other_at.strftime(STAMP):
                return STAMPED + spec
    for spec in specs:
        if resolve_time(spec, now) == text and resolve_time(spec, other) == other_text:
            return spec
    return None


def _day_key(now: datetime, specs: list[str]) -> tuple[str, ...]:
    """What the sample says at `now` beyond the spans: the day, and the day of each '@now'
    (nine hours ago is yesterday before nine in the morning)."""
    return (now.date().isoformat(), *(resolve_time(s, now)[:10] for s in specs))


def _fixed_key() -> tuple[int, int, str]:
    """The sample's content and the code that builds it: the checksum and length of the one,
    the sizes and times of the other's files (any change to either is another key)."""
    from .content import content_dir

    raw = (content_dir() / "demo" / "workspace.toml").read_bytes()
    files = []
    for folder in (Path(__file__).parent, content_dir()):
        for root, dirs, names in os.walk(folder):
            dirs[:] = sorted(d for d in dirs if d != "__pycache__")
            for name in sorted(names):
                if name.endswith((".py", ".toml")):
                    st = os.stat(os.path.join(root, name))
                    files.append(f"{root}/{name}:{st.st_size}:{st.st_mtime_ns}")
    return zlib.crc32(raw), len(raw), "\n".join(files)


def _read() -> tuple | None:
    try:
        blob = private.read_own(cache_file())
        if blob is None:
            return None
        tag, kept = marshal.loads(blob)
    except (OSError, ValueError, EOFError, TypeError):
        return None
    if tag != _TAG or not isinstance(kept, tuple) or len(kept) != 5:
        return None
    return kept


def _write(kept: tuple) -> None:
    """Write atomically and privately; never fail for want of a cache."""
    try:
        path = cache_file()
        private.make_private_dir(path.parent)
        private.atomic_write_bytes(path, marshal.dumps((_TAG, kept)), durable=False)
    except (OSError, ValueError):
        pass
