"""The user's key remapping (`binding-id = "key"` in keymap.toml), checked entry by entry:
a bad entry, or one whose key another action already has where both work, is skipped and
reported, and the keys that must always work stay theirs."""

from __future__ import annotations

import unicodedata
from collections.abc import Iterable
from pathlib import Path

from textual.binding import Binding
from textual.keys import Keys, _character_to_key

# Keys a remap may not take from their action: without them the user cannot quit or save.
VITAL = {"q": "quit", "ctrl+q": "quit", "ctrl+s": "form-save", "escape": "form-cancel"}
# Keys the app moves and chooses with everywhere (tab: the next area; enter: choose; the
# arrows: move in a list): an action that does not have one already cannot take it.
MOVING = ("tab", "shift+tab", "enter", "escape", "up", "down", "left", "right")
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
        return {}, [f"{path} is not valid TOML ({exc}); no key was remapped: fix that line"]
    except OSError as exc:
        return {}, [f"cannot read {path}: {exc.strerror or exc}; no key was remapped"]
    keys = data.get("keys", data)
    if not isinstance(keys, dict):
        return {}, [f"{path}: 'keys' should be a table of binding-id = \"key\" lines"]
    found: dict[str, str] = {}
    problems: list[str] = []
    for name, value in keys.items():
        if not isinstance(value, str):
            # a bare number or word as typed, in quotes; anything else, a key for example
            like = value if isinstance(value, int | float) and not isinstance(value, bool) else "f5"
            problems.append(f'{name} = {value!r}: the key goes in quotes, like {name} = "{like}"')
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


def key_name(key: str) -> str:
    """One name for a key however it is written ('?' and 'question_mark'), as Textual reads a
    keymap."""
    key = key.strip()
    return _character_to_key(key) if len(key) == 1 else key


def check_keymap(
    keymap: dict[str, str],
    bindings: Iterable[Binding],
    together: Iterable[Iterable[Binding]] = (),
) -> tuple[dict[str, str], list[str]]:
    """The entries to apply, and a problem for each entry skipped. `together` holds the sets
    of bindings that work at the same time (a screen's, its widgets', the app's): a key an
    entry gives its action must not be another action's key in any of them."""
    defaults: dict[str, set[str]] = {}
    descriptions: dict[str, str] = {}
    for b in bindings:
        if b.id:
            defaults.setdefault(b.id, set()).update(k.strip() for k in b.key.split(","))
            descriptions.setdefault(b.id, b.description)
    known = set(defaults)
    good: dict[str, str] = {}
    problems: list[str] = []
    for binding_id, keys in keymap.items():
        if binding_id not in known:
            problems.append(
                f"{binding_id}: no action has this id; {_nearest(binding_id, known, descriptions)}"
            )
            continue
        wanted = [k.strip() for k in keys.split(",") if k.strip()]
        bad = [k for k in wanted if not valid_key(k)]
        if not wanted or bad:
            problems.append(
                f'{binding_id} = {keys!r}: not a key name; write one such as "f5", '
                '"ctrl+e" or "question_mark"'
            )
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
                "can always quit and save; pick another key"
            )
            continue
        own = {key_name(k) for k in defaults[binding_id]}
        moving = [k for k in wanted if key_name(k) in MOVING and key_name(k) not in own]
        if moving:
            problems.append(
                f"{binding_id} = {keys!r}: {moving[0]} moves between areas and chooses in "
                "lists everywhere in the app, so it stays as it is; pick another key"
            )
            continue
        good[binding_id] = ",".join(wanted)
    groups = [{b.id for b in group if b.id} for group in together]
    while clash := _first_clash(good, defaults, groups):
        binding_id, key, other = clash
        problems.append(
            f"{binding_id} = {keymap[binding_id]!r}: {key} is already the key of "
            f"{_named(other, descriptions)} where {_named(binding_id, descriptions)} works "
            "too, so this line was not applied; pick another key"
        )
        del good[binding_id]
    return good, problems


def _named(binding_id: str, descriptions: dict[str, str]) -> str:
    """'new (New)': an action's id, and its name as the footer shows it."""
    text = descriptions.get(binding_id)
    return f"{binding_id} ({text})" if text else binding_id


def _nearest(binding_id: str, known: set[str], descriptions: dict[str, str]) -> str:
    """What to write instead of an unknown id: the id nearest to it, or where the ids are."""
    import difflib

    near = difflib.get_close_matches(binding_id, sorted(known), n=1)
    if near:
        return f"did you mean {_named(near[0], descriptions)}?"
    return "the README lists the ids (pane-1 … pane-8, search, help, quit, new…)"


def _first_clash(
    good: dict[str, str], defaults: dict[str, set[str]], groups: list[set[str]]
) -> tuple[str, str, str] | None:
    """(entry, key, the other action) for an entry giving its action a key that another
    action has where both work, as the keys stand with the entries in `good` applied; the
    later of two entries that clash with each other. None when there is none."""
    now = {
        binding_id: {key_name(k) for k in good.get(binding_id, ",".join(keys)).split(",")}
        for binding_id, keys in defaults.items()
    }
    for binding_id in reversed(list(good)):
        own = {key_name(k) for k in defaults[binding_id]}
        new = [k for k in good[binding_id].split(",") if key_name(k) not in own]
        for group in groups:
            if binding_id not in group:
                continue
            for other in sorted(group - {binding_id}):
                for key in new:
                    if key_name(key) in now[other]:
                        return binding_id, key, other
    return None


def binding_places() -> dict[type, list[type]]:
    """Each screen whose bindings have ids, with the widgets on it that have their own: a
    widget's keys work while it has focus, the screen's on that screen, the app's everywhere."""
    from .dashboard import Dashboard
    from .day_of_screen import DayOfScreen
    from .dialogs import AskScreen, ConfirmScreen, OpportunityScreen
    from .draft_screen import DraftScreen, TextEditScreen
    from .form import RecordForm
    from .job_description import JobDescriptionView
    from .record_table import RecordTable
    from .rehearsal_screen import RehearsalScreen
    from .screen import WorkspaceScreen
    from .search_screen import SearchScreen
    from .starters_screen import StartersScreen
    from .suggest_screen import LinkStoryScreen

    return {
        WorkspaceScreen: [Dashboard, RecordTable, JobDescriptionView],
        DayOfScreen: [],
        RecordForm: [],
        ConfirmScreen: [],
        OpportunityScreen: [],
        AskScreen: [],
        SearchScreen: [],
        RehearsalScreen: [],
        DraftScreen: [],
        TextEditScreen: [],
        LinkStoryScreen: [],
        StartersScreen: [],
    }


def _own_bindings(cls: type) -> list[Binding]:
    return [b for b in getattr(cls, "BINDINGS", []) if isinstance(b, Binding)]


def all_bindings() -> list[Binding]:
    """Every binding with an id, on every screen: what a keymap can remap. The keys 1-8 are
    named for their strategies, as the help names them."""
    from .app import FinalRoundApp
    from .screen import named_pane_keys

    found = _own_bindings(FinalRoundApp)
    for screen, widgets in binding_places().items():
        for cls in (screen, *widgets):
            found += _own_bindings(cls)
    return named_pane_keys(found)


def bindings_together() -> list[list[Binding]]:
    """The sets of bindings that work at the same time: where a key may mean one thing only."""
    from .app import FinalRoundApp

    everywhere = _own_bindings(FinalRoundApp)
    found: list[list[Binding]] = []
    for screen, widgets in binding_places().items():
        on_screen = everywhere + _own_bindings(screen)
        found.append(on_screen)
        found += [on_screen + _own_bindings(widget) for widget in widgets]
    return found
