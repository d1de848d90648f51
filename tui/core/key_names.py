"""The keys that messages and hints name ("press e on each interviewer", "press o, then n"),
as the user's keymap has them: the app tells its remapping here once it is applied, and a
message asks for a key by its binding's id, so it never names a key that does nothing."""

from __future__ import annotations

import itertools
import unicodedata

from .kinds_conversation import RATINGS

# the default key of each binding a message names (a test checks them against the bindings)
DEFAULTS = {
    "dashboard": "0",
    **{f"pane-{n}": str(n) for n in range(1, 9)},
    "switch-opportunity": "o",
    "opportunity-new": "n",
    "rehearse": "r",
    "new": "n",
    "edit": "e",
    "copy": "y",
    "compose": "c",
    "copy-subject": "Y",
    "edit-in-editor": "E",
    "mark-sent": "s",
    "job-description-edit": "e",
    "job-description-draft": "D",
    "form-save": "ctrl+s",
    "form-cancel": "escape",
    "confirm-no": "n",
    "draft-keep": "space",
    "draft-priority": "m",
    "draft-edit": "e",
    "draft-all": "a",
    "draft-save": "ctrl+s",
    "draft-cancel": "escape",
    "text-save": "ctrl+s",
    "text-cancel": "escape",
    "starter-add": "a",
    "starter-back": "escape",
    "ask-cancel": "escape",
    "search-filter": "ctrl+f",
    "search-back": "escape",
    "rehearse-stopwatch": "space",
    "rehearse-reveal": "enter",
    "rehearse-note": "n",
    "rehearse-skip": "s",
    "rehearse-end": "escape",
    "opportunity-activate": "enter",
    "opportunity-edit": "e",
    "opportunity-delete": "d",
    "opportunity-back": "escape",
    "link-back": "escape",
    "day-of-close": "escape",
    "day-of-export": "x",
    "confirm-yes": "y",
    "job-description-editor": "E",
    "rehearse-close": "escape",
    "toggle-untold": "t",
    "link-story": "l",
    "flip-state": "space",
    "undo": "u",
    "palette": "ctrl+p",
    **{f"rehearse-{rating}": str(n) for n, rating in enumerate(RATINGS, 1)},
}
# keys named by a short word Unicode does not use for the character
_SHORT_NAMES = {
    "minus": "hyphen_minus",
    "plus": "plus_sign",
    "slash": "solidus",
    "backslash": "reverse_solidus",
    "at": "commercial_at",
    "underscore": "low_line",
}
_moved: dict[str, str] = {}  # binding id -> its key, for those the keymap moved


def use_keymap(keymap: dict[str, str]) -> None:
    """The remapping the app applied (binding id -> keys, as in keymap.toml); {} for none."""
    _moved.clear()
    for binding_id, keys in keymap.items():
        first = keys.split(",")[0].strip()
        if first:
            _moved[binding_id] = first


def key_of(binding_id: str) -> str:
    """The key of `binding_id` as a person types it: 'e', 'ctrl+s', 'f4', '?'."""
    return spoken(_moved.get(binding_id) or DEFAULTS[binding_id])


def spoken(key_text: str) -> str:
    """A key as written in a binding or a keymap, the way a message says it: a character
    named by its Unicode name becomes that character ('question_mark' is '?'); a named key
    ('f4', 'escape', 'space') and the modifiers stay words."""
    *modifiers, last = key_text.split("+")
    if len(last) > 1:
        character = _character(last)
        if len(character) == 1 and character.isprintable() and not character.isspace():
            last = character
    return "+".join([*modifiers, last])


def _character(name: str) -> str:
    """The character a key's name stands for ('question_mark', 'less_than_sign', 'minus'),
    or ''."""
    name = _SHORT_NAMES.get(name, name)
    words = name.upper().split("_")
    # Unicode joins some words with a hyphen ("LESS-THAN SIGN", "HYPHEN-MINUS")
    for joins in itertools.product(" -", repeat=len(words) - 1):
        spelled = words[0] + "".join(j + w for j, w in zip(joins, words[1:], strict=True))
        try:
            return unicodedata.lookup(spelled)
        except KeyError:
            continue
    return ""


def is_moved(binding_id: str) -> bool:
    """Whether the keymap gave `binding_id` a key of its own."""
    return binding_id in _moved


# where a next action is done, other than a pane (by its number): the key that goes there
PLACES = {"r": "rehearse", "o": "switch-opportunity"}


def pane_key(place: str) -> str:
    """The key that opens `place`: a pane's number ('0' the dashboard), or one of PLACES."""
    if place == "0":
        return key_of("dashboard")
    if place.isdigit():
        return key_of(f"pane-{place}")
    return key_of(PLACES[place])


def pane_keys() -> str:
    """'1–8', or the keys of the eight panes where the keymap moved any."""
    keys = [key_of(f"pane-{n}") for n in range(1, 9)]
    if keys == [str(n) for n in range(1, 9)]:
        return "1–8"
    return " ".join(keys)


def add_opportunity() -> str:
    """'o, then n': the keys that add an opportunity."""
    return f"{key_of('switch-opportunity')}, then {key_of('opportunity-new')}"


def add_opportunity_first() -> str:
    """What to do where nothing can be done before there is an opportunity."""
    return f"Add an opportunity first: press {add_opportunity()}."


def rating_keys() -> str:
    """'1-4', or the four keys that rate a rehearsed item where the keymap moved them."""
    keys = [key_of(f"rehearse-{rating}") for rating in RATINGS]
    if keys == [str(n) for n in range(1, len(RATINGS) + 1)]:
        return f"1-{len(RATINGS)}"
    return ", ".join(keys[:-1]) + f" or {keys[-1]}"
