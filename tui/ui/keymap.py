"""The user's key remapping (`binding-id = "key"` in keymap.toml), checked entry by entry:
a bad entry is skipped and reported, and the keys that must always work stay theirs."""

from __future__ import annotations

import unicodedata
from collections.abc import Iterable
from pathlib import Path

from textual.binding import Binding
from textual.keys import Keys

# Keys a remap may not take from their action: without them the user cannot quit or save.
VITAL = {"q": "quit", "ctrl+q": "quit", "ctrl+s": "form-save", "escape": "form-cancel"}
MODIFIERS = {"ctrl", "shift", "alt", "meta", "super", "hyper"}
_NAMED = {k.value for k in Keys} | {f"f{n}" for n in range(1, 25)}


def load_keymap(path: Path | None) -> tuple[dict[str, str], list[str]]:
    """(binding id -> keys, problems to tell the user) from the keymap file at `path`."""
    if path is None or not path.is_file():
        return {}, []
    import tomllib  # only when there is a keymap to read

    try:
        data = tomllib.loads(path.read_bytes().decode("utf-8"))
    except UnicodeDecodeError:
        return {}, [f"{path} is not text (not UTF-8); no key was remapped"]
    except tomllib.TOMLDecodeError as exc:
        return {}, [f"{path} is not valid TOML ({exc}); no key was remapped"]
    except OSError as exc:
        return {}, [f"cannot read {path}: {exc.strerror or exc}; no key was remapped"]
    keys = data.get("keys", data)
    if not isinstance(keys, dict):
        return {}, [f"{path}: 'keys' should be a table of binding-id = \"key\" lines"]
    found: dict[str, str] = {}
    problems: list[str] = []
    for name, value in keys.items():
        if not isinstance(value, str):
            problems.append(f"{name} = {value!r}: the key should be text in quotes")
            continue
        found[str(name)] = value
    return found, problems


def valid_key(key: str) -> bool:
    """A key Textual can bind: 'x', 'ctrl+s', 'f5', 'question_mark'..."""
    parts = key.strip().split("+")
    *mods, last = parts
    if not last or any(m not in MODIFIERS for m in mods):
        return False
    if len(last) == 1 or last in _NAMED:
        return last.isprintable() or last in _NAMED
    try:
        unicodedata.lookup(last.replace("_", " ").upper())
    except KeyError:
        return False
    return True


def check_keymap(
    keymap: dict[str, str], bindings: Iterable[Binding]
) -> tuple[dict[str, str], list[str]]:
    """The entries to apply, and a problem for each entry skipped."""
    defaults: dict[str, set[str]] = {}
    for b in bindings:
        if b.id:
            defaults.setdefault(b.id, set()).update(k.strip() for k in b.key.split(","))
    known = set(defaults)
    good: dict[str, str] = {}
    problems: list[str] = []
    for binding_id, keys in keymap.items():
        if binding_id not in known:
            problems.append(f"{binding_id}: no action has this id (see ? for the keys)")
            continue
        wanted = [k.strip() for k in keys.split(",") if k.strip()]
        bad = [k for k in wanted if not valid_key(k)]
        if not wanted or bad:
            problems.append(f"{binding_id} = {keys!r}: not a key name")
            continue
        # a vital key stays with its action, unless that action is given another key
        taken = [
            k
            for k in wanted
            if k in VITAL and k not in defaults[binding_id] and VITAL[k] not in keymap
        ]
        if taken:
            problems.append(
                f"{binding_id} = {keys!r}: {taken[0]} stays with {VITAL[taken[0]]}, so you "
                "can always quit and save"
            )
            continue
        good[binding_id] = ",".join(wanted)
    return good, problems
