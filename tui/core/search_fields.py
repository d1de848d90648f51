"""What search takes from a record: the text of its searched fields with their weights, its
tags (also under a thesaurus's usual name) and its choices."""

from __future__ import annotations

from typing import Any

from .field_types import FieldType
from .kinds import Kind
from .search_types import Meaning
from .search_words import normalise

# of each searched field: its name, type, weight, whether its type reads tags from the
# value (else it is text) and whether search filters by it (a choice)
Plan = tuple[tuple[str, FieldType, float, bool, bool], ...]
_SEARCHABLE: dict[str, Plan] = {}


def searchable(kind: Kind) -> Plan:
    """How search reads the fields of `kind` it looks into (see Plan)."""
    found = _SEARCHABLE.get(kind.name)
    if found is None:
        found = _SEARCHABLE[kind.name] = tuple(
            (
                f.name,
                f.behaviour,
                f.search_weight,
                type(f.behaviour).tags is not FieldType.tags,
                f.behaviour.filterable,
            )
            for f in kind.fields
            if f.search_weight > 0 and (f.behaviour.searchable or f.in_search)
        )
    return found


def read_fields(
    kind: Kind,
    values: dict[str, Any],
    meaning: Meaning | None,
    texts: list[str] | None = None,
    weights: list[float] | None = None,
) -> tuple[list[tuple[str, str, float]], list[str], list[tuple[str, str]]]:
    """A record's searched fields (name, text, weight), its tags, its choices. Given `texts`
    and `weights`, each field's text and weight is also added to them (as a whole workspace
    is read at once)."""
    fields: list[tuple[str, str, float]] = []
    tags: list[str] = []
    choices: list[tuple[str, str]] = []
    for name, behaviour, weight, reads_tags, filterable in searchable(kind):
        value = values.get(name)
        shown = behaviour.tags(value) if reads_tags else None
        if shown is not None:
            tags += [normalise(t) for t in shown]
            if meaning is not None:  # "mentorship" is also found as "mentoring"
                tags += [meaning.canonical(t) for t in shown]
            text = ", ".join(shown)
        else:
            text = value if isinstance(value, str) else str(value or "")
            if filterable:
                choices.append((name, normalise(text)))
        if text:
            fields.append((name, text, weight))
            if texts is not None and weights is not None:
                texts.append(text)
                weights.append(weight)
    return fields, tags, choices
