"""The kept copy of a large workspace file's records: the next start reads it instead of
parsing the JSON, it never answers for other bytes than its own, and a damaged, foreign or
missing copy is passed over without a word."""

from __future__ import annotations

import os

import pytest

from tui.core import document_cache, file_check, storage
from tui.core.document_cache import cache_folder, kept_copy
from tui.core.repository import Workspace


@pytest.fixture
def large(demo, monkeypatch):
    """The demo's file, closed, counted as large; and a count of the files parsed."""
    demo.close()
    monkeypatch.setattr(document_cache, "MIN_SIZE", 1000)
    parsed: list[object] = []
    real = storage.parse_document

    def parse(raw: bytes, path):
        parsed.append(path)
        return real(raw, path)

    # reading a file parses it in file_check; keeping a copy after a save, in storage
    monkeypatch.setattr(file_check, "parse_document", parse)
    monkeypatch.setattr(storage, "parse_document", parse)
    return demo.path, parsed


def _document(path) -> dict:
    ws = Workspace(path, read_only=True)
    try:
        return ws.storage.read()
    finally:
        ws.close()


def _titles(path) -> set[str]:
    ws = Workspace(path, read_only=True)
    try:
        return {r.title for r in ws.all_records("story")}
    finally:
        ws.close()


def test_a_large_file_opens_from_its_copy_with_the_same_records(large):
    path, parsed = large
    first = _document(path)  # parsed, and a copy kept
    assert len(parsed) == 1
    (copy,) = cache_folder().glob("*.doc")
    assert copy.stat().st_mode & 0o777 == 0o600  # the user's records: for the user alone
    assert _document(path) == first == storage.parse_document(path.read_bytes(), path)
    assert len(parsed) == 2  # the second open parsed nothing; the line above parsed once


def test_a_small_file_is_parsed_and_no_copy_is_kept(demo):
    demo.close()
    assert os.path.getsize(demo.path) < document_cache.MIN_SIZE
    _document(demo.path)
    assert not cache_folder().exists()


def test_a_copy_never_answers_for_other_bytes(large):
    path, _ = large
    _document(path)
    # changed in place, same size, same inode, the old modification time put back: only
    # the bytes tell it apart
    before = os.stat(path)
    text = path.read_text(encoding="utf-8")
    (title,) = [t for t in _titles(path) if t.startswith("Cut")]
    changed = text.replace(title, "Xut" + title[3:])
    assert len(changed) == len(text)
    with open(path, "r+", encoding="utf-8") as handle:
        handle.write(changed)
    os.utime(path, ns=(before.st_atime_ns, before.st_mtime_ns))
    assert os.stat(path).st_ino == before.st_ino
    assert "Xut" + title[3:] in _titles(path)
    # saved by the app (a new file in its place)
    ws = Workspace(path)
    story = next(r for r in ws.all_records("story") if r.title.startswith("Xut"))
    ws.update("story", story.id, {"title": "Saved since the copy was kept"})
    ws.close()
    assert "Saved since the copy was kept" in _titles(path)


@pytest.mark.parametrize(
    "damage",
    ["cut short", "a byte changed", "empty", "not ours", "open to others", "a folder"],
)
def test_a_damaged_or_foreign_copy_is_passed_over_and_made_again(large, damage):
    path, parsed = large
    expected = _document(path)
    (copy,) = cache_folder().glob("*.doc")
    data = copy.read_bytes()
    if damage == "cut short":
        copy.write_bytes(data[:-100])
    elif damage == "a byte changed":
        middle = len(data) // 2
        copy.write_bytes(data[:middle] + bytes([data[middle] ^ 0x20]) + data[middle + 1 :])
    elif damage == "empty":
        copy.write_bytes(b"")
    elif damage == "not ours":
        copy.write_bytes(b"frindex3" + data[8:])
    elif damage == "open to others":
        copy.chmod(0o644)
    else:
        copy.unlink()
        copy.mkdir()
    count = len(parsed)
    assert _document(path) == expected
    assert len(parsed) == count + 1  # parsed again, as if there were no copy
    if damage != "a folder":
        assert kept_copy(path) == expected  # and kept again, whole and private


def test_a_cache_folder_that_cannot_be_written_costs_nothing(large, monkeypatch, tmp_path):
    path, parsed = large
    blocked = tmp_path / "not-a-folder"
    blocked.write_text("a file where the cache folder would go")
    monkeypatch.setenv("XDG_CACHE_HOME", str(blocked))
    expected = storage.parse_document(path.read_bytes(), path)
    assert _document(path) == expected
    assert _document(path) == expected


def test_a_file_saved_in_a_session_keeps_its_copy_on_close_for_the_next_start(large):
    path, parsed = large
    ws = Workspace(path)
    story = ws.all_records("story")[0]
    ws.update("story", story.id, {"title": "Saved in this session"})
    ws.close()  # the copy is made here, from the file on disk
    count = len(parsed)
    assert "Saved in this session" in _titles(path)
    assert len(parsed) == count  # the next start parsed nothing
    assert kept_copy(path) == storage.parse_document(path.read_bytes(), path)


def test_a_window_that_saved_nothing_makes_no_copy_on_close(large):
    path, _ = large
    for read_only in (True, False):
        ws = Workspace(path, read_only=read_only)  # a copy is made on opening
        for copy in cache_folder().glob("*.doc"):
            copy.unlink()
        ws.close()
        assert not list(cache_folder().glob("*.doc"))
