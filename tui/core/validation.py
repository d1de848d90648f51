"""Checks a record's values against its kind, with messages that name the field and the fix."""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from .kinds import (
    CHOICE,
    DATE,
    DATETIME,
    FLAG,
    LONG,
    MAX_LONG,
    MAX_TAGS,
    MAX_TEXT,
    STORIES,
    STORY,
    TAGS,
    TEXT,
    Field,
    Kind,
)

DATETIME_FORMAT = "%Y-%m-%d %H:%M"


class ValidationError(ValueError):
    """Values that do not fit their kind; `errors` maps a field name to what is wrong."""

    def __init__(self, kind: Kind, errors: dict[str, str]) -> None:
        self.kind = kind
        self.errors = errors
        parts = [f"{kind.field(n).label}: {msg}" for n, msg in errors.items()]
        super().__init__(f"{kind.label} not saved. " + "; ".join(parts))


def parse_tags(value: Any) -> list[str]:
    if isinstance(value, str):
        items = value.split(",")
    elif isinstance(value, list | tuple):
        items = [str(v) for v in value]
    else:
        items = []
    seen: list[str] = []
    for item in items:
        tag = item.strip().lstrip("#").strip()
        if tag and tag.lower() not in (s.lower() for s in seen):
            seen.append(tag)
    return seen


def format_datetime(when: datetime) -> str:
    """The stored form, with a four-digit year even before 1000 (strftime drops the zero)."""
    return f"{when.year:04d}-{when.month:02d}-{when.day:02d} {when.hour:02d}:{when.minute:02d}"


def parse_datetime(text: str) -> datetime | None:
    """The stored form is 'YYYY-MM-DD HH:MM'; 'YYYY-MM-DDTHH:MM' is accepted too."""
    if not text:
        return None
    return datetime.strptime(text.strip().replace("T", " ")[:16], DATETIME_FORMAT)


def _encodable(text: str) -> bool:
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        return False
    return True


def _check(f: Field, value: Any) -> tuple[Any, str | None]:
    """Return the clean value and an error message (None when fine)."""
    if f.type in (TEXT, LONG):
        if value is None:
            value = ""
        if not isinstance(value, str):
            return value, "should be text"
        if not _encodable(value):
            return value, (
                "has broken characters (half of an emoji or a stray surrogate) "
                "that cannot be saved; paste the text again from its source"
            )
        limit = MAX_TEXT if f.type == TEXT else MAX_LONG
        if len(value) > limit:
            return value, (
                f"is {len(value):,} characters; the limit here is {limit:,}. "
                "Shorten it, or keep the long version in a file and paste the key part."
            )
        if f.required and not value.strip():
            return value, "is required"
        return value, None
    if f.type == CHOICE:
        value = "" if value is None else str(value)
        if not value:
            if f.required:
                return value, "is required"
            return f.default or "", None
        if value not in f.choices:
            return value, f"should be one of: {', '.join(f.choices)}"
        return value, None
    if f.type == FLAG:
        if isinstance(value, bool):
            return value, None
        if value in (None, ""):
            return False, None
        return value, "should be yes or no"
    if f.type == DATE:
        value = (value or "").strip() if isinstance(value, str) else value
        if not value:
            return ("", "is required") if f.required else ("", None)
        try:
            return date.fromisoformat(value).isoformat(), None
        except (TypeError, ValueError):
            return value, "should be a date like 2026-03-14"
    if f.type == DATETIME:
        value = (value or "").strip() if isinstance(value, str) else value
        if not value:
            return ("", "is required") if f.required else ("", None)
        try:
            parsed = parse_datetime(value)
            if parsed is None or len(value.strip()) > 19:
                raise ValueError
            return format_datetime(parsed), None
        except (TypeError, ValueError):
            return value, "should be a date and time like 2026-03-14 09:30"
    if f.type == TAGS:
        if not isinstance(value, str | list | tuple) and value is not None:
            return value, "should be words separated by commas"
        tags = parse_tags(value)
        if not all(_encodable(t) for t in tags):
            return tags, "has broken characters that cannot be saved; type the tag again"
        if len(tags) > MAX_TAGS:
            return tags, f"has {len(tags)} tags; keep it to {MAX_TAGS} or fewer"
        if any(len(t) > 60 for t in tags):
            return tags, "has a tag longer than 60 characters; tags are short words"
        if f.required and not tags:
            return tags, "is required"
        return tags, None
    if f.type == STORY:
        if value in (None, "", 0):
            return None, None
        if isinstance(value, bool) or not isinstance(value, int):
            return value, "should name a story of the example bank"
        return value, None
    if f.type == STORIES:
        if value in (None, ""):
            return [], None
        if not isinstance(value, list | tuple) or any(
            isinstance(v, bool) or not isinstance(v, int) for v in value
        ):
            return value, "should list stories of the example bank"
        return list(dict.fromkeys(value)), None
    return value, f"has an unknown type {f.type!r}"


def validate(kind: Kind, values: dict) -> dict:
    """Return the clean values of every field of `kind`, or raise ValidationError.

    Fields absent from `values` take their empty value; unknown keys are ignored.
    """
    clean: dict[str, Any] = {}
    errors: dict[str, str] = {}
    for f in kind.fields:
        value, error = _check(f, values.get(f.name, f.empty))
        clean[f.name] = value
        if error:
            errors[f.name] = error
    if errors:
        raise ValidationError(kind, errors)
    return clean
