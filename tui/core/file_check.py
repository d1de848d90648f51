"""Reading and checking a workspace file: a regular file only (never a pipe), UTF-8 JSON with no
key given twice and numbered records; each refusal says what is wrong and what to do."""

from __future__ import annotations

import errno
import json
import os
import re
import shlex
import stat
import sys
from pathlib import Path
from typing import Any

from .tracked import RAW_KEY


class WorkspaceFileError(Exception):
    """The workspace file cannot be used; the message says what is wrong and what to do."""


class SaveError(WorkspaceFileError):
    """A save did not reach the disk; the file on disk still holds the previous save."""


def describe_unreadable(path: Path, problem: str) -> str:
    from .formatting import visible

    return visible(
        f"Cannot open the workspace file {path}: {problem}{_LEFT} Restore a backup over it with "
        "`finalround restore` (the damaged file is kept aside), "
        "or start with another file using --db PATH."
    )


class FileChangedError(SaveError):
    """The file on disk is not the one this workspace read or wrote last."""


class DiskReadOnlyError(SaveError):
    """The disk holding the file became read-only while it was open: nothing more can be
    saved there, only on another disk."""


class FileUnusableError(SaveError):
    """Another program left the file unreadable, or took it away, while it was open: the
    workspace shows it as it was, and nothing is written over it unasked."""


_LEFT = ". The file was left exactly as it is."


def unreadable_problem(error: Exception, path: Path) -> str:
    """What is wrong with the file, from a WorkspaceFileError made by describe_unreadable."""
    from .formatting import visible

    text = str(error)
    head = visible(f"Cannot open the workspace file {path}: ")
    if text.startswith(head) and _LEFT in text:
        return text[len(head) : text.index(_LEFT)]
    return text


def link_loop(path: Path) -> str | None:
    """What to tell of a `path` that leads to no file because a symbolic link on its way loops
    back on itself (a -> b -> a), or None. Such a path neither exists nor can be made: it is
    refused before anything is read or written (a save would replace the link by a file)."""
    if not _loops(path):
        return None
    from .formatting import visible

    where = Path(os.path.abspath(path))
    looping = next((p for p in [*reversed(where.parents), where] if _loops(p)), where)
    chain = _chain(looping)
    link = shlex.quote(str(looping))
    if looping == where:
        text = (
            f"{path} is a symbolic link that loops ({chain}): it leads to no file. Point it "
            f"at your workspace file (ln -sfn FILE {link}) or remove it (rm {link}), or name "
            "another file with --db PATH."
        )
    else:
        text = (
            f"{path} cannot be reached: the symbolic link {looping} on its way loops "
            f"({chain}). Point that link at a folder (ln -sfn FOLDER {link}) or remove it "
            f"(rm {link}), or name another file with --db PATH."
        )
    return visible(text)


def check_link(path: Path) -> None:
    """Raise WorkspaceFileError when a symbolic link on the way to `path` loops (see link_loop)."""
    problem = link_loop(path)
    if problem is not None:
        raise WorkspaceFileError(f"Cannot open the workspace file: {problem}")


def _loops(path: Path) -> bool:
    """True when following the links on the way to `path` never ends."""
    try:
        os.path.realpath(path, strict=True)
    except OSError as exc:
        return exc.errno == errno.ELOOP
    return False


def _chain(link: Path) -> str:
    """`link` and the targets it leads through, as written, until one comes round again."""
    seen: list[str] = []
    texts = [str(link)]
    here = str(link)
    while here not in seen and len(seen) < 40 and os.path.islink(here):
        seen.append(here)
        target = os.readlink(here)
        texts.append(target)
        here = os.path.normpath(os.path.join(os.path.dirname(here), target))
    return " -> ".join(texts)


_ID = re.compile(r"[0-9]+")
BOM = "\ufeff"


class _Duplicate(ValueError):
    def __init__(self, key: str) -> None:
        super().__init__(key)
        self.key = key


def _pairs(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    """An object of the file; a key that appears twice would silently hide a record."""
    data = dict(pairs)
    if len(data) != len(pairs):
        seen: set[str] = set()
        for key, _ in pairs:
            if key in seen:
                raise _Duplicate(key)
            seen.add(key)
    return data


pairs_once = _pairs


def duplicate_key_error(exc: ValueError, text: str) -> str:
    """What to tell the user about a key that appears twice (`exc` from `pairs_once`), or
    about the other value JSON reading refuses: a number too long to read."""
    if not isinstance(exc, _Duplicate):
        return long_number(text) or str(exc)
    line = _line_of_key(text, exc.key, nth=2)
    return f"the key {exc.key!r} appears twice in one place{_at_line(line)}"


def long_number(text: str) -> str | None:
    """What to say of a number in `text` longer than Python reads as one (4,300 digits, see
    sys.get_int_max_str_digits), or None when there is none."""
    limit = sys.get_int_max_str_digits()
    found = re.search(rf"[0-9]{{{limit + 1},}}", text) if limit else None
    if found is None:
        return None
    line = text.count("\n", 0, found.start()) + 1
    digits = found.end() - found.start()
    return f"it holds a number of {digits:,} digits, too long to read (line {line})"


def _line_of_key(text: str, key: str, nth: int = 1) -> int | None:
    """The line where `key` appears as a key for the `nth` time (None when not found)."""
    pattern = re.compile(r"(?<!\\)" + re.escape(json.dumps(key, ensure_ascii=False)) + r"\s*:")
    found = list(pattern.finditer(text))
    if not found:
        return None
    match = found[min(nth, len(found)) - 1]
    return text.count("\n", 0, match.start()) + 1


def _at_line(line: int | None) -> str:
    return f" (line {line})" if line else ""


class UnreadableFile(WorkspaceFileError):
    """A file that cannot be read as one at all (a folder, a pipe, no permission); `problem`
    says why, for a message about another file than the workspace (a backup to restore)."""

    def __init__(self, path: Path, problem: str) -> None:
        super().__init__(describe_unreadable(path, problem))
        self.problem = problem


def read_regular(path: Path) -> bytes | None:
    """The bytes of a regular file; None when it does not exist. Never blocks on a pipe."""
    try:
        st = os.stat(path)
    except FileNotFoundError:
        return None
    except OSError as exc:
        raise UnreadableFile(path, exc.strerror or str(exc)) from None
    if stat.S_ISDIR(st.st_mode):
        raise UnreadableFile(path, "it is a folder, not a file")
    if not stat.S_ISREG(st.st_mode):
        raise UnreadableFile(path, "it is not a regular file (a pipe, a device or a socket)")
    try:
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0))
    except OSError as exc:
        raise UnreadableFile(path, exc.strerror or str(exc)) from None
    with os.fdopen(fd, "rb") as handle:
        if not stat.S_ISREG(os.fstat(handle.fileno()).st_mode):  # swapped since the check
            raise UnreadableFile(path, "it is not a regular file")
        return handle.read()


def read_regular_text(path: Path, limit: int = 64 * 1024 * 1024) -> str:
    """A file's UTF-8 text, refusing what is not a regular file (a pipe would block) or is
    larger than `limit`: ValueError, UnicodeDecodeError or OSError say why."""
    st = os.stat(path)
    if stat.S_ISDIR(st.st_mode):
        raise ValueError("it is a folder, not a file")
    if not stat.S_ISREG(st.st_mode):
        raise ValueError("it is not a regular file (a pipe, a device or a socket)")
    if st.st_size > limit:
        raise ValueError(f"it is larger than {limit // (1024 * 1024)} MiB")
    fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0))
    with os.fdopen(fd, "rb") as handle:
        return handle.read(limit + 1).decode("utf-8")


def parse_document(raw: bytes, path: Path) -> dict:
    """Check the bytes of a workspace file; raise WorkspaceFileError saying what is wrong."""
    if not raw.strip():
        what = "it is empty (0 bytes)" if not raw else "it holds only blank space"
        raise WorkspaceFileError(
            describe_unreadable(path, what + ", perhaps cut short by a full disk or a sync")
        )
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError:
        raise WorkspaceFileError(describe_unreadable(path, "it is not text (not UTF-8)")) from None
    if text.startswith(BOM):  # some editors save UTF-8 with a byte order mark first
        text = text[1:]
    try:
        data = json.loads(text, object_pairs_hook=_pairs)
    except _Duplicate as dup:
        line = _line_of_key(text, dup.key, nth=2)
        raise WorkspaceFileError(
            describe_unreadable(
                path, f"the key {dup.key!r} appears twice in one place{_at_line(line)}"
            )
        ) from None
    except json.JSONDecodeError as exc:
        at_end = exc.pos >= len(raw.rstrip()) - 1 or exc.msg.startswith("Unterminated")
        problem = (
            "it ends in the middle of the data (truncated)"
            if at_end
            else f"it is not valid JSON (line {exc.lineno}, column {exc.colno})"
        )
        raise WorkspaceFileError(describe_unreadable(path, problem)) from None
    except RecursionError:
        raise WorkspaceFileError(describe_unreadable(path, "it is nested too deeply")) from None
    except ValueError:  # what else JSON reading refuses: a number too long to read
        problem = long_number(text) or "it holds a value that cannot be read"
        raise WorkspaceFileError(describe_unreadable(path, problem)) from None
    if not isinstance(data, dict) or not all(isinstance(t, dict) for t in data.values()):
        raise WorkspaceFileError(
            describe_unreadable(path, "it is JSON, but not a Final Round workspace")
        )
    for name, table in data.items():
        for key, doc in table.items():
            if not isinstance(doc, dict):
                table[key] = {RAW_KEY: doc}
        if _plain_ids(table):
            continue  # the usual case, checked at C speed; else the loop below says where
        ids: dict[int, str] = {}
        for key in list(table):
            if not _ID.fullmatch(key):
                line = _line_of_key(text, key)
                raise WorkspaceFileError(
                    describe_unreadable(
                        path, f"record {key!r} of {name!r} has no number for an id{_at_line(line)}"
                    )
                )
            number = int(key)
            if number in ids:
                line = _line_of_key(text, key)
                raise WorkspaceFileError(
                    describe_unreadable(
                        path,
                        f"records {ids[number]!r} and {key!r} of {name!r} have the same "
                        f"id{_at_line(line)}",
                    )
                )
            ids[number] = key
    return data


def _plain_ids(table: dict[str, Any]) -> bool:
    """Every key is a number written in ASCII digits, and no two keys are the same number."""
    return all(key.isascii() and key.isdigit() for key in table) and len(
        {int(key) for key in table}
    ) == len(table)


def load_document(path: Path) -> dict | None:
    """Read and check a workspace file; None when it does not exist."""
    return read_document(path)[0]


def read_document(path: Path, kept: bool = False) -> tuple[dict | None, bytes | None]:
    """A workspace file checked (None when it does not exist), with the bytes read (None when
    nothing was read). With `kept`, a large file's records come from the copy kept for exactly
    its bytes (see document_cache), and one is kept when there is none."""
    if kept:
        from . import document_cache

        found = document_cache.kept_copy(path)
        if found is not None:
            return found, None
    raw = read_regular(path)
    if raw is None:
        return None, None
    data = parse_document(raw, path)
    if kept:
        document_cache.keep(path, raw, data)
    return data, raw
