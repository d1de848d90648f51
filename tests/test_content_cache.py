"""The content files' parsed data kept in the cache folder: read back for the same bytes only,
a fresh copy each time, and a damaged or foreign cache file is passed over without a word."""

from __future__ import annotations

import tomllib

import pytest

from tui.core import content, content_cache
from tui.core.content import content_dir, load_toml


@pytest.fixture
def parses(monkeypatch):
    """The TOML files parsed, by name of the first key; the cache read afresh."""
    content_cache.forget()
    seen: list[bytes] = []
    real = content._parse_toml

    def parse(raw: bytes) -> dict:
        seen.append(raw)
        return real(raw)

    monkeypatch.setattr(content, "_parse_toml", parse)
    yield seen
    content_cache.forget()


def test_a_content_file_is_parsed_once_then_read_back_the_same(parses):
    expected = tomllib.loads((content_dir() / "demo/workspace.toml").read_text("utf-8"))
    assert load_toml("demo/workspace.toml") == expected
    assert len(parses) == 1
    assert content_cache.cache_file().stat().st_mode & 0o777 == 0o600
    content_cache.forget()  # as a new process would: from the file
    again = load_toml("demo/workspace.toml")
    assert again == expected
    assert len(parses) == 1
    again["opportunity"].clear()  # what a caller does with its copy stays with it
    assert load_toml("demo/workspace.toml") == expected


def test_other_bytes_are_parsed_never_answered_from_an_older_copy(parses):
    first = content_cache.parsed(b'title = "one"\n', content._parse_toml)
    second = content_cache.parsed(b'title = "two"\n', content._parse_toml)
    assert (first, second) == ({"title": "one"}, {"title": "two"})
    assert len(parses) == 2


def test_what_marshal_cannot_hold_is_parsed_each_time(parses):
    raw = b"when = 2026-01-02T10:00:00\n"
    assert content_cache.parsed(raw, content._parse_toml) == tomllib.loads(raw.decode())
    assert content_cache.parsed(raw, content._parse_toml) == tomllib.loads(raw.decode())
    assert len(parses) == 2


@pytest.mark.parametrize(
    "damage", ["cut short", "a byte changed", "empty", "not ours", "open to others", "a folder"]
)
def test_a_damaged_or_foreign_cache_file_is_passed_over(parses, damage):
    expected = load_toml("overview.toml")
    path = content_cache.cache_file()
    data = path.read_bytes()
    if damage == "cut short":
        path.write_bytes(data[:-40])
    elif damage == "a byte changed":
        middle = len(data) // 2
        path.write_bytes(data[:middle] + bytes([data[middle] ^ 0x01]) + data[middle + 1 :])
    elif damage == "empty":
        path.write_bytes(b"")
    elif damage == "not ours":
        path.write_bytes(b"\x00" * len(data))
    elif damage == "open to others":
        path.chmod(0o644)
    else:
        path.unlink()
        path.mkdir()
    content_cache.forget()
    assert load_toml("overview.toml") == expected
    assert len(parses) == 2  # parsed again
