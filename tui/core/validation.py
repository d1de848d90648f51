"""Checks a record's values against its kind, with messages that name the field and the fix."""

from __future__ import annotations

from collections.abc import Collection
from typing import Any

from .field_values import DATETIME_FORMAT as DATETIME_FORMAT
from .field_values import MAX_YEAR as MAX_YEAR
from .field_values import MIN_YEAR as MIN_YEAR
from .field_values import format_datetime as format_datetime
from .field_values import parse_date as parse_date
from .field_values import parse_datetime as parse_datetime
from .field_values import parse_tags as parse_tags
from .field_values import zone_exists as zone_exists
from .kinds import Field, Kind

# the words a field's problem starts with when it goes on from the field's name ("is required")
_GOES_ON = frozenset({"is", "should", "has", "holds", "needs"})


def said_of(f: Field, problem: str) -> str:
    """A field's problem named by the field's short name, for a message away from the field:
    "Interview is not a date: …", "Starts: 01:30 comes twice …"."""
    joined = " " if problem.split(" ", 1)[0] in _GOES_ON else ": "
    return f"{f.named}{joined}{problem}"


class ValidationError(ValueError):
    """Values that do not fit their kind; `errors` maps a field name to what is wrong."""

    def __init__(self, kind: Kind, errors: dict[str, str]) -> None:
        self.kind = kind
        self.errors = errors
        parts = [said_of(kind.field(n), msg) for n, msg in errors.items()]
        super().__init__(f"{kind.label} not saved. " + "; ".join(parts))


def _check(f: Field, value: Any) -> tuple[Any, str | None]:
    """Return the clean value and an error message (None when fine)."""
    return f.behaviour.clean(f, value)


def validate(kind: Kind, values: dict, kept: dict | None = None) -> dict:
    """Return the clean values of every field of `kind`, or raise ValidationError.

    Fields absent from `values` take their empty value; unknown keys are ignored. `kept`: the
    values stored before, for the kind's check (a time kept as it was is not asked about).
    """
    clean: dict[str, Any] = {}
    errors: dict[str, str] = {}
    for f in kind.fields:
        value, error = _check(f, values.get(f.name, f.empty))
        clean[f.name] = value
        if error:
            errors[f.name] = error
    if not errors and kind.check is not None:
        errors = kind.check(clean, kept)
    if errors:
        raise ValidationError(kind, errors)
    return clean


def form_problems(
    kind: Kind, values: dict, kept: dict | None = None, untouched: Collection[str] = ()
) -> dict[str, str]:
    """What a form being saved refuses beyond `validate`, by field name: each field's
    `form_check` on a value typed anew. An old file or an import may hold such a value, and
    keeps it; a value kept as it was stored (`kept`), or as the form showed it when it opened
    (`untouched`: a stored "n/a\r" shows as "n/a^M"), is not asked about again."""
    problems: dict[str, str] = {}
    for f in kind.fields:
        if f.form_check is None or f.name not in values or f.name in untouched:
            continue
        value = values[f.name]
        if kept is not None and kept.get(f.name) == value:
            continue
        problem = f.form_check(value)
        if problem is not None:
            problems[f.name] = problem
    return problems


def check_form(
    kind: Kind, values: dict, kept: dict | None = None, untouched: Collection[str] = ()
) -> None:
    """Raise ValidationError for what a form being saved refuses (see `form_problems`),
    together with what `validate` refuses, so every field to fix is marked at once."""
    problems = form_problems(kind, values, kept, untouched)
    if not problems:
        return
    try:
        validate(kind, {**(kept or {}), **values}, kept=kept)
    except ValidationError as exc:
        problems = {**exc.errors, **problems}
    raise ValidationError(kind, problems)


def check_stored(kind: Kind, doc: dict) -> tuple[dict[str, Any], dict[str, str]]:
    """A record as read from the file: (values safe to use, problems by field name).

    A field stored with the wrong type or a value its kind refuses takes its empty value,
    and its problem is reported, so a damaged record can be shown instead of crashing.
    """
    values: dict[str, Any] = {}
    problems: dict[str, str] = {}
    for f in kind.fields:
        if f.name not in doc:
            value, error = _check(f, f.empty)
            values[f.name] = value if error is None else f.empty
            if error is not None:
                problems[f.name] = error
            continue
        raw = doc[f.name]
        behaviour = f.behaviour  # a value of another type was not written by Final Round
        expected = behaviour.stored
        if not isinstance(raw, expected) or (isinstance(raw, bool) and expected is not bool):
            what = "null" if raw is None else type(raw).__name__
            values[f.name] = f.empty
            problems[f.name] = f"is stored as {what}, not as {f.type}"
            continue
        item = behaviour.item or object
        if isinstance(raw, list) and not all(
            isinstance(v, item) and not isinstance(v, bool) for v in raw
        ):
            values[f.name] = f.empty
            problems[f.name] = "holds an item of the wrong type"
            continue
        value, error = _check(f, raw)
        if error is None:
            values[f.name] = value
        else:
            values[f.name] = f.empty
            problems[f.name] = error
    return values, problems
