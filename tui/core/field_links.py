"""Field types that name other records by id: a story of the example bank, several stories,
a record of another kind (a round, an interviewer), several. Their text is the titles of the
records named, read from the records handed in."""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any

from .field_types import REF, REFS, STORIES, STORY, FieldType, Result, Stories

if TYPE_CHECKING:
    from .kinds import Field


def unset(value: Any) -> bool:
    """None, "" or 0: no record linked (False, 0.0 or [] is a value of another type)."""
    return (
        value is None or value == "" and isinstance(value, str) or type(value) is int and not value
    )


def ids_cleaned(value: Any, wrong: str) -> Result:
    """Records named by id: a list of them, each once, in order (none: []); anything else
    is refused, saying `wrong`."""
    if value in (None, ""):
        return [], None
    if not isinstance(value, list | tuple) or any(
        isinstance(v, bool) or not isinstance(v, int) for v in value
    ):
        return value, wrong
    return list(dict.fromkeys(value)), None


def _story_title(story_id: int, stories: Stories) -> str:
    story = stories.get(story_id)
    return story.title if story is not None else f"(story {story_id} is gone)"


class StoryType(FieldType):
    name = STORY
    links_stories = True
    stored = (int, type(None))

    def empty(self) -> Any:
        return None

    def clean(self, f: Field, value: Any) -> Result:
        if unset(value):
            return None, None
        if isinstance(value, bool) or not isinstance(value, int):
            return value, "should name a story of the example bank"
        return value, None

    def text(self, value: Any, stories: Stories) -> str:
        return "" if value is None else _story_title(value, stories)

    def story_ids(self, value: Any) -> list[int]:
        return [] if value is None else [value]

    def relink(self, value: Any, ids: Mapping[Any, int]) -> Any:
        return ids[value] if value else value


class StoriesType(FieldType):
    name = STORIES
    links_stories = True
    stored = list
    item = int
    cell_width = len("10 stories")

    def empty(self) -> Any:
        return []

    def clean(self, f: Field, value: Any) -> Result:
        return ids_cleaned(value, "should list stories of the example bank")

    def text(self, value: Any, stories: Stories) -> str:
        return "; ".join(_story_title(v, stories) for v in value or [])

    def cell(self, value: Any, stories: Stories) -> str | None:
        if not value:
            return "none"  # the state beside it says "gap"
        return "1 story" if len(value) == 1 else f"{len(value)} stories"

    def story_ids(self, value: Any) -> list[int]:
        return list(value or [])

    def relink(self, value: Any, ids: Mapping[Any, int]) -> Any:
        return [ids[v] for v in value] if value else value


def _linked_title(record_id: int, records: Stories, target: str) -> str:
    record = records.get(record_id)
    return record.title if record is not None else f"({target} {record_id} is gone)"


class RefType(FieldType):
    """One record of another kind (a round, an interviewer...). Its text is read from the
    records of that kind handed in where the stories go."""

    name = REF
    stored = (int, type(None))
    links_records = True

    def empty(self) -> Any:
        return None

    def clean(self, f: Field, value: Any) -> Result:
        if unset(value):
            return (None, "is required") if f.required else (None, None)
        if isinstance(value, bool) or not isinstance(value, int):
            return value, f"should name {'an' if f.target[:1] in 'aeiou' else 'a'} {f.target}"
        return value, None

    def text(self, value: Any, stories: Stories) -> str:
        return "" if value is None else _linked_title(value, stories, "record")


class RefsType(FieldType):
    """Several records of another kind (questions you plan to ask)."""

    name = REFS
    stored = list
    item = int
    links_records = True
    cell_width = 4

    def empty(self) -> Any:
        return []

    def clean(self, f: Field, value: Any) -> Result:
        return ids_cleaned(value, f"should list records of the {f.target} kind")

    def text(self, value: Any, stories: Stories) -> str:
        return "; ".join(_linked_title(v, stories, "record") for v in value or [])

    def cell(self, value: Any, stories: Stories) -> str | None:
        return str(len(value)) if value else "none"
