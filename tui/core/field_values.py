"""Field values read from and written as text: tags typed comma-separated, dates and times,
time zone names, e-mail addresses, and whether text can be stored."""

from __future__ import annotations

import calendar
import re
from datetime import date, datetime
from typing import Any

DATETIME_FORMAT = "%Y-%m-%d %H:%M"
# Dates outside these years are typing slips, and arithmetic on them could overflow.
MIN_YEAR, MAX_YEAR = 1900, 2200
# A time the clocks show twice (the hour repeated when they go back) says which one it is:
# "2026-11-01 01:30 (first)" or "(second)". Python's own `fold` holds it: 1 is the second.
FIRST, SECOND = "first", "second"
_DATETIME = re.compile(
    r"(\d{4})-(\d{1,2})-(\d{1,2})[ T]+(\d{1,2}):(\d{2})(?::(\d{2}))?"
    r"(?:\s*([AaPp])\.?\s*[Mm]\.?)?"
    r"(?:\s*\(\s*(first|second)\s*\)|\s+(first|second))?",
    re.IGNORECASE,
)


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


def format_datetime(when: datetime, which: str = "") -> str:
    """The stored form, with a four-digit year even before 1000 (strftime drops the zero),
    and which of two times the clocks show twice it is, when said ("first" or "second")."""
    text = f"{when.year:04d}-{when.month:02d}-{when.day:02d} {when.hour:02d}:{when.minute:02d}"
    return f"{text} ({which})" if which else text


def which_of_two(text: Any) -> str:
    """ "first" or "second" when a date and time says which of two times with the same clock
    reading it is ("2026-11-01 01:30 (second)"), else ""."""
    match = _DATETIME.fullmatch(text.strip()) if isinstance(text, str) else None
    return "" if match is None else _which(match)


def _which(match: re.Match[str]) -> str:
    """The word a matched date and time says it is by, in brackets or not ("" for none)."""
    return (match.group(8) or match.group(9) or "").lower()


def parse_datetime(text: str) -> datetime | None:
    """The stored form is 'YYYY-MM-DD HH:MM'; 'YYYY-MM-DDTHH:MM', seconds, and a 12-hour time
    with AM or PM ('2026-03-14 09:30 PM') are read too, and '(first)' or '(second)' after it
    (the second sets `fold`). Raises ValueError for anything else, such as '13:30 PM', or a
    year outside 1900-2200."""
    if not text:
        return None
    if not isinstance(text, str):
        raise ValueError(f"not a date and time: {text!r}")
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
    fold = 1 if _which(match) == SECOND else 0
    return datetime(year, month, day, hour, minute, second, fold=fold)


def parse_date(text: str) -> date:
    """A 'YYYY-MM-DD' date between the years 1900 and 2200; ValueError otherwise."""
    day = date.fromisoformat(text)
    if not MIN_YEAR <= day.year <= MAX_YEAR:
        raise ValueError(f"the year {day.year} is outside {MIN_YEAR}-{MAX_YEAR}")
    return day


_DAY = re.compile(r"\s*(\d{4})-(\d{1,2})-(\d{1,2})\b")


def impossible_day(text: Any) -> str | None:
    """Why a value written as a date cannot be one, in words ("November 2026 has 30 days"),
    when its month or day is out of range; None otherwise."""
    match = _DAY.match(text) if isinstance(text, str) else None
    if match is None:
        return None
    year, month, day = (int(g) for g in match.groups())
    if not 1 <= month <= 12:
        return f"there is no month {month}: months run from 01 to 12"
    if not MIN_YEAR <= year <= MAX_YEAR:
        return None
    days = calendar.monthrange(year, month)[1]
    if not 1 <= day <= days:
        return f"{calendar.month_name[month]} {year} has {days} days"
    return None


def short_day(day: date, this_year: int) -> str:
    """A day as a list shows it: "29 Nov", with the year when it is not this one."""
    shown = f"{day.day} {calendar.month_abbr[day.month]}"
    return shown if day.year == this_year else f"{shown} {day.year}"


def encodable(text: str) -> bool:
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        return False
    return True


def zone_exists(name: str) -> bool:
    """True for a time zone this computer knows by that IANA name."""
    from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

    if len(name) > 64 or name.startswith(("/", ".")) or ".." in name:
        return False
    try:
        ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError, OSError):
        return False
    return True


_LIKE = "like name@company.com"


def address_problem(value: Any) -> str | None:
    """What makes typed text plainly no e-mail address (no @, a space inside, nothing before
    the @, no dot after it), saying what to write; None for an address, or for nothing typed.
    Only a form asks: a stored value, however odd, is kept (see validation.form_problems)."""
    text = value.strip() if isinstance(value, str) else ""
    if not text:
        return None
    name, at, domain = text.rpartition("@")
    if not at:
        return f"has no @: write the whole address, {_LIKE}"
    if any(c.isspace() for c in text):
        if " " in text:
            return f"has a space in it: write the address without spaces, {_LIKE}"
        # a blank that does not show (pasted from a web page or a document)
        return f"has a hidden blank in it: type the address again, {_LIKE}"
    if not name:
        return f"has nothing before the @: write the whole address, {_LIKE}"
    if "." not in domain:
        return f"needs a dot after the @: write the whole address, {_LIKE}"
    return None
