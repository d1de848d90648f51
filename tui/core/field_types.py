"""Field types as a table of behaviours: each type knows its empty value, how to check and
clean a value, how it reads as text, what search takes from it, and the stories it links to.
The types that name other records are in field_links.py, the table of all in kind_spec.py;
the form's widget for each type lives beside the form (tui/ui/field_widgets.py)."""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, ClassVar, Protocol

from . import clock
from .field_values import (
    MAX_YEAR,
    MIN_YEAR,
    encodable,
    format_datetime,
    impossible_day,
    parse_date,
    parse_datetime,
    parse_tags,
    short_day,
    which_of_two,
    zone_exists,
)

if TYPE_CHECKING:
    from .kinds import Field

# The type names a field spec uses.
TEXT = "text"  # one line
LONG = "long"  # several lines
CHOICE = "choice"
FLAG = "flag"  # yes / no
DATE = "date"  # YYYY-MM-DD
DATETIME = "datetime"  # YYYY-MM-DD HH:MM
TAGS = "tags"  # a list of short words, typed comma-separated
STORY = "story"  # one story of the example bank, by id
STORIES = "stories"  # several stories, by id
REF = "ref"  # one record of the kind the field names as its `target`, by id
REFS = "refs"  # several records of the `target` kind, by id
ZONE = "zone"  # a time zone by its IANA name: Europe/Amsterdam

# Size limits, documented in the README: a pasted job description fits, a runaway paste does not.
MAX_TEXT = 1_000
MAX_LONG = 200_000
MAX_TAGS = 30


class Titled(Protocol):
    @property
    def title(self) -> str: ...


Stories = Mapping[int, Titled]
Result = tuple[Any, str | None]  # the clean value, and what is wrong (None: nothing)


class FieldType:
    """One type of field. The defaults suit a line of text."""

    name: ClassVar[str]
    stored: ClassVar[type | tuple[type, ...]] = str  # as the file holds it
    item: ClassVar[type | None] = None  # a list's items
    searchable: ClassVar[bool] = False  # search looks into every field of this type
    filterable: ClassVar[bool] = False  # search can filter by it ("category:culture")
    whole_in_detail: ClassVar[bool] = False  # the detail view keeps all its lines
    is_time: ClassVar[bool] = False
    links_stories: ClassVar[bool] = False  # names stories of the example bank
    links_records: ClassVar[bool] = False  # names records of the kind its field targets
    cell_width: ClassVar[int | None] = None  # the widest its list cell may be; None: any text

    def empty(self) -> Any:
        return ""

    def clean(self, f: Field, value: Any) -> Result:
        raise NotImplementedError

    def text(self, value: Any, stories: Stories) -> str:
        """The value in words, as the detail view, a copy and the brief show it."""
        return "" if value is None else str(value)

    def detail(self, value: Any, stories: Stories) -> str:
        """What the detail view shows ("" leaves the field out)."""
        return self.text(value, stories)

    def cell(self, value: Any, stories: Stories) -> str | None:
        """A list cell of its own making; None: the text, cut to the column."""
        return None

    def tags(self, value: Any) -> list[str] | None:
        """The words search takes as tags; None: search reads the value as text."""
        return None

    def story_ids(self, value: Any) -> list[int]:
        """The stories of the example bank the value links to."""
        return []

    def relink(self, value: Any, ids: Mapping[Any, int]) -> Any:
        """The value with each story named through `ids` (the demo names them by title)."""
        return value


class TextType(FieldType):
    name = TEXT
    searchable = True
    limit: ClassVar[int] = MAX_TEXT

    def clean(self, f: Field, value: Any) -> Result:
        if value is None:
            value = ""
        if not isinstance(value, str):
            return value, "should be text"
        if not encodable(value):
            return value, (
                "has broken characters (half of an emoji or a stray surrogate) "
                "that cannot be saved; paste the text again from its source"
            )
        if len(value) > self.limit:
            return value, (
                f"is {len(value):,} characters; the limit here is {self.limit:,}. "
                "Shorten it, or keep the long version in a file and paste the key part."
            )
        if f.required and not value.strip():
            return value, "is required"
        return value, None


class LongType(TextType):
    name = LONG
    limit = MAX_LONG
    whole_in_detail = True


class ChoiceType(FieldType):
    name = CHOICE
    filterable = True

    def clean(self, f: Field, value: Any) -> Result:
        if value is None:
            value = ""
        if not isinstance(value, str):  # a number or a list is no choice, even "1"
            return value, f"should be one of: {', '.join(f.choices)}"
        if not value:
            if f.required:
                return value, "is required"
            return f.default or "", None
        if value not in f.choices:
            return value, f"should be one of: {', '.join(f.choices)}"
        return value, None


class FlagType(FieldType):
    name = FLAG
    stored = bool
    cell_width = 1

    def empty(self) -> Any:
        return False

    def clean(self, f: Field, value: Any) -> Result:
        if isinstance(value, bool):
            return value, None
        if value is None or value == "" and isinstance(value, str):
            return False, None
        return value, "should be yes or no"

    def text(self, value: Any, stories: Stories) -> str:
        return "yes" if value else "no"

    def detail(self, value: Any, stories: Stories) -> str:
        return "yes" if value else ""

    def cell(self, value: Any, stories: Stories) -> str | None:
        return "✓" if value else ""


def _stripped(value: Any) -> Any:
    """Text without the blanks around it; None as ""; any other value as it is (refused)."""
    if value is None:
        return ""
    return value.strip() if isinstance(value, str) else value


def _blank(f: Field) -> Result:
    """An empty date or time: refused where the field is required."""
    return ("", "is required") if f.required else ("", None)


class DateType(FieldType):
    name = DATE
    is_time = True
    cell_width = len("29 Nov 2025")

    def cell(self, value: Any, stories: Stories) -> str | None:
        """ "29 Nov", with the year when it is not this one; a value that is no date as is."""
        try:
            day = parse_date(value) if isinstance(value, str) and value else None
        except ValueError:
            return None
        return None if day is None else short_day(day, clock.now().year)

    def clean(self, f: Field, value: Any) -> Result:
        value = _stripped(value)
        if value == "":
            return _blank(f)
        try:
            if not isinstance(value, str):
                raise TypeError(value)
            return parse_date(value).isoformat(), None
        except (TypeError, ValueError):
            why = impossible_day(value)
            if why is not None:
                return value, f"is not a date: {why}"
            return value, f"should be a date like 2026-03-14, in {MIN_YEAR}-{MAX_YEAR}"


class DateTimeType(FieldType):
    name = DATETIME
    is_time = True
    cell_width = len("29 Nov 10:00")

    def cell(self, value: Any, stories: Stories) -> str | None:
        """ "29 Nov 10:00" this year, "29 Nov 2025" in another; a value that is no date
        and time as is."""
        try:
            when = parse_datetime(value) if isinstance(value, str) else None
        except ValueError:
            return None
        if when is None:
            return None
        this_year = clock.now().year
        day = short_day(when.date(), this_year)
        return f"{day} {when:%H:%M}" if when.year == this_year else day

    def clean(self, f: Field, value: Any) -> Result:
        value = _stripped(value)
        if value == "":
            return _blank(f)
        try:
            if not isinstance(value, str):
                raise TypeError(value)
            parsed = parse_datetime(value)
            if parsed is None:
                raise ValueError
            return format_datetime(parsed, which_of_two(value)), None
        except (TypeError, ValueError):
            why = impossible_day(value)
            if why is not None:
                return value, f"is not a date: {why}"
            return value, (
                "should be a date and time like 2026-03-14 09:30 (or 09:30 PM), "
                f"in {MIN_YEAR}-{MAX_YEAR}"
            )


class TagsType(FieldType):
    name = TAGS
    stored = list
    item = str
    searchable = True

    def empty(self) -> Any:
        return []

    def clean(self, f: Field, value: Any) -> Result:
        if (not isinstance(value, str | list | tuple) and value is not None) or (
            isinstance(value, list | tuple) and not all(isinstance(v, str) for v in value)
        ):
            return value, "should be words separated by commas"
        tags = parse_tags(value)
        if not all(encodable(t) for t in tags):
            return tags, "has broken characters that cannot be saved; type the tag again"
        if len(tags) > MAX_TAGS:
            return tags, f"has {len(tags)} tags; keep it to {MAX_TAGS} or fewer"
        if any(len(t) > 60 for t in tags):
            return tags, "has a tag longer than 60 characters; tags are short words"
        if f.required and not tags:
            return tags, "is required"
        return tags, None

    def text(self, value: Any, stories: Stories) -> str:
        return ", ".join(value or [])

    def tags(self, value: Any) -> list[str] | None:
        return [str(t) for t in value or []]


class ZoneType(FieldType):
    name = ZONE

    def clean(self, f: Field, value: Any) -> Result:
        value = _stripped(value)
        if value == "":
            return "", None
        if not isinstance(value, str) or not zone_exists(value):
            return value, "should be a time zone name like Europe/Amsterdam or America/New_York"
        return value, None
