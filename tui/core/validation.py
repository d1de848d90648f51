"""Checks a record's values against its kind, with messages that name the field and the fix."""

from __future__ import annotations

import re
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


# Dates outside these years are typing slips, and arithmetic on them could overflow.
MIN_YEAR, MAX_YEAR = 1900, 2200
_DATETIME = re.compile(
    r"(\d{4})-(\d{1,2})-(\d{1,2})[ T]+(\d{1,2}):(\d{2})(?::(\d{2}))?"
    r"(?:\s*([AaPp])\.?\s*[Mm]\.?)?"
)


def parse_datetime(text: str) -> datetime | None:
    """The stored form is 'YYYY-MM-DD HH:MM'; 'YYYY-MM-DDTHH:MM', seconds, and a 12-hour time
    with AM or PM ('2026-03-14 09:30 PM') are read too. Raises ValueError for anything else,
    such as '13:30 PM', or a year outside 1900-2200."""
    if not text:
        return None
    match = _DATETIME.fullmatch(text.strip())
    if match is None:
        raise ValueError(f"not a date and time: {text!r}")
    year, month, day, hour, minute = (int(g) for g in match.groups()[:5])
    second = int(match.group(6) or 0)
    half = (match.group(7) or "").lower()
    if half:
        if not 1 <= hour <= 12:
            raise ValueError("a time with AM or PM has an hour from 1 to 12")
        hour = hour % 12 + (12 if half == "p" else 0)
    if not MIN_YEAR <= year <= MAX_YEAR:
        raise ValueError(f"the year {year} is outside {MIN_YEAR}-{MAX_YEAR}")
    return datetime(year, month, day, hour, minute, second)


def parse_date(text: str) -> date:
    """A 'YYYY-MM-DD' date between the years 1900 and 2200; ValueError otherwise."""
    day = date.fromisoformat(text)
    if not MIN_YEAR <= day.year <= MAX_YEAR:
        raise ValueError(f"the year {day.year} is outside {MIN_YEAR}-{MAX_YEAR}")
    return day


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
            return parse_date(value).isoformat(), None
        except (TypeError, ValueError):
            return value, f"should be a date like 2026-03-14, in {MIN_YEAR}-{MAX_YEAR}"
    if f.type == DATETIME:
        value = (value or "").strip() if isinstance(value, str) else value
        if not value:
            return ("", "is required") if f.required else ("", None)
        try:
            parsed = parse_datetime(value)
            if parsed is None:
                raise ValueError
            return format_datetime(parsed), None
        except (TypeError, ValueError):
            return value, (
                "should be a date and time like 2026-03-14 09:30 (or 09:30 PM), "
                f"in {MIN_YEAR}-{MAX_YEAR}"
            )
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


# The type each field type is stored as; a value of another type was not written by Final Round.
_STORED: dict[str, type | tuple[type, ...]] = {
    TEXT: str,
    LONG: str,
    CHOICE: str,
    DATE: str,
    DATETIME: str,
    FLAG: bool,
    TAGS: list,
    STORIES: list,
    STORY: (int, type(None)),
}


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
        expected = _STORED.get(f.type, object)
        if not isinstance(raw, expected) or (isinstance(raw, bool) and f.type in (STORY,)):
            what = "null" if raw is None else type(raw).__name__
            values[f.name] = f.empty
            problems[f.name] = f"is stored as {what}, not as {f.type}"
            continue
        item = str if f.type == TAGS else int
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
