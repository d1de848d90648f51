"""What a record kind is: a declarative spec of its fields (label, type, search weight...),
its title, list columns and what makes one of its records "done"."""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from types import MappingProxyType
from typing import Any, NamedTuple

from .field_links import RefsType, RefType, StoriesType, StoryType
from .field_types import (
    TEXT,
    ChoiceType,
    DateTimeType,
    DateType,
    FieldType,
    FlagType,
    LongType,
    TagsType,
    TextType,
    ZoneType,
)

# every field type by the name a field spec gives
FIELD_TYPES: dict[str, FieldType] = {
    t.name: t
    for t in (
        TextType(),
        LongType(),
        ChoiceType(),
        FlagType(),
        DateType(),
        DateTimeType(),
        TagsType(),
        StoryType(),
        StoriesType(),
        RefType(),
        RefsType(),
        ZoneType(),
    )
}

# What ends a title's first line: str.splitlines also breaks at ^K, ^L, ^\\, ^], ^^, U+0085,
# U+2028 and U+2029, which would cut a pasted title short without a word.
_LINE_BREAK = re.compile(r"\r\n|\r|\n")
# Blank space around a title, but not those characters (a regular expression's class):
# they are shown, not dropped.
ODD_BREAKS = "\x0b\x0c\x1c-\x1f\x85\u2028\u2029"
_EDGES = re.compile(f"^[^\\S{ODD_BREAKS}]+|[^\\S{ODD_BREAKS}]+$")


# Fields and kinds are named tuples, not frozen dataclasses: as fixed and compared alike, and
# made without compiling six methods each for every start (about 2 ms).
class Field(NamedTuple):
    name: str
    label: str
    type: str = TEXT
    required: bool = False
    choices: tuple[str, ...] = ()
    default: Any = None
    placeholder: str = ""
    # how much a match here counts in search: 1, more for titles and tags, 0 keeps it out
    search_weight: float = 1.0
    in_form: bool = True  # False: kept up to date by the app, not typed in the form
    short: str = ""  # column heading, when the label is too long for one
    # a choice that search also looks into and filters by ("category:culture")
    in_search: bool = False
    target: str = ""  # the kind a REF or REFS field links to
    # a one-line text offered completions from the titles of this kind's records
    suggest_from: str = ""
    # a choice's shorter word in a list cell, in the order of `choices` ("must" for "must-have")
    cells: tuple[str, ...] = ()
    # what a form being saved refuses beyond the type's own check (an e-mail address with no
    # @): the reason, or None. A stored value is never refused by it (validation.form_problems)
    form_check: Callable[[Any], str | None] | None = None

    @property
    def heading(self) -> str:
        return self.short or self.named

    @property
    def named(self) -> str:
        """How a message names the field: its label without the hint on what to type
        ("Interview", not "Interview (YYYY-MM-DD HH:MM; …)"); the reason is shown beside it."""
        return self.label.split(" (")[0]

    @property
    def behaviour(self) -> FieldType:
        """What the field's type does: check, show, search, link (field_types.py and
        field_links.py)."""
        return FIELD_TYPES[self.type]

    @property
    def empty(self) -> Any:
        return self.default if self.default is not None else self.behaviour.empty()


_AFTER_NOUN = frozenset({"of", "to", "you"})  # words that follow the noun in a label


def _plural(word: str) -> str:
    if word.endswith("y") and word[-2:-1] not in "aeiou":
        return word[:-1] + "ies"
    if word.endswith(("s", "sh", "ch", "x")):
        return word + "es"
    return word + "s"


class Kind(NamedTuple):
    name: str
    label: str
    plural: str
    strategy: int  # 0 for the opportunity itself
    scoped: bool  # belongs to one opportunity
    fields: tuple[Field, ...]
    title_field: str
    columns: tuple[str, ...]
    # What makes one record "done" for its strategy's checklist; None: every record counts.
    done: Callable[[dict], bool] | None = None
    done_label: str = ""
    extra: Mapping[str, Any] = MappingProxyType({})
    # The record carries a thank-you note (subject, body, state): its detail is the note,
    # y copies the note, and c, Y, s and E work on it.
    has_note: bool = False
    # What is wrong with fields taken together (a round that ends before it starts), by field
    # name; asked once every field is fine on its own, with the values stored before (None:
    # a new record) so a value kept as it was is not questioned again.
    check: Callable[[dict, dict | None], dict[str, str]] | None = None

    def field(self, name: str) -> Field:
        for f in self.fields:
            if f.name == name:
                return f
        raise KeyError(f"{self.name} has no field {name!r}")

    def title_of(self, values: dict) -> str:
        """The title field's first line: only a newline (\\n, \\r) ends it; other control
        characters stay, for the screens to show (see formatting.visible)."""
        title = str(values.get(self.title_field) or "")
        if title[:1].isspace() or title[-1:].isspace():  # the pattern only when it can act
            title = _EDGES.sub("", title)
        if not title:
            return f"(untitled {self.label.lower()})"
        return _LINE_BREAK.split(title, 1)[0] if "\n" in title or "\r" in title else title

    def counted(self, n: int) -> str:
        """How many records of this kind, in words a message can use: "1 story",
        "7,037 stories", "2 lines of thanks", "3 questions asked"."""
        words = self.label.lower().split()
        if n != 1:
            # the noun leads a label that goes on past it ("line of thanks", "question you
            # asked", "question asked"); else it ends the label ("company value")
            head = (
                0
                if len(words) > 1 and (words[1] in _AFTER_NOUN or words[-1].endswith("ed"))
                else -1
            )
            words[head] = _plural(words[head])
        return f"{n:,} {' '.join(words)}"

    @property
    def story_fields(self) -> tuple[Field, ...]:
        """The fields that name stories of the example bank."""
        return tuple(f for f in self.fields if f.behaviour.links_stories)

    def story_ids(self, values: dict) -> list[int]:
        """The stories `values` name, in field order."""
        return [i for f in self.story_fields for i in f.behaviour.story_ids(values.get(f.name))]

    def is_done(self, values: dict) -> bool:
        return True if self.done is None else bool(self.done(values))
