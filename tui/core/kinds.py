"""Every record kind by name (KINDS): the opportunity and every strategy's records, as
declarative specs (kind_spec.py) kept in kinds_material.py and kinds_conversation.py."""

from __future__ import annotations

# Field types: their names here, their behaviour in field_types.py and field_links.py.
from .field_types import (
    CHOICE,
    DATE,
    DATETIME,
    FLAG,
    LONG,
    REF,
    REFS,
    STORIES,
    STORY,
    TAGS,
    TEXT,
    ZONE,
    FieldType,
)
from .field_types import MAX_LONG as MAX_LONG  # the size limits, for those who read them here
from .field_types import MAX_TAGS as MAX_TAGS
from .field_types import MAX_TEXT as MAX_TEXT
from .kind_spec import FIELD_TYPES, Field, Kind
from .kinds_conversation import (
    ASKED,
    ASKED_THEM,
    ATTEMPT,
    CONCERN,
    GOAL,
    INTERVIEWER,
    PRACTICE,
    QUESTION,
    RATINGS,
    ROUND,
    VALUE,
    VALUE_MATCH,
)
from .kinds_material import (
    ASSESSMENT,
    CONCERN_STATES,
    CONVERSATIONS,
    DRAFT_STATES,
    FEEDBACK,
    FORMATS,
    INSIGHT,
    OPPORTUNITY,
    PRIORITIES,
    QUESTION_CATEGORIES,
    REQUIREMENT,
    RESEARCH,
    ROUNDS,
    SCORES,
    STATUSES,
    STORY_KIND,
    THANKS_LINE,
    has_number,
)

__all__ = [
    "CHOICE",
    "DATE",
    "DATETIME",
    "FIELD_TYPES",
    "FLAG",
    "LONG",
    "REF",
    "REFS",
    "STORIES",
    "STORY",
    "TAGS",
    "TEXT",
    "ZONE",
    "FieldType",
    "MAX_LONG",
    "MAX_TAGS",
    "MAX_TEXT",
    "Field",
    "Kind",
    "ASKED",
    "ASKED_THEM",
    "ATTEMPT",
    "CONCERN",
    "GOAL",
    "INTERVIEWER",
    "PRACTICE",
    "QUESTION",
    "RATINGS",
    "ROUND",
    "VALUE",
    "VALUE_MATCH",
    "ASSESSMENT",
    "CONCERN_STATES",
    "CONVERSATIONS",
    "DRAFT_STATES",
    "FEEDBACK",
    "FORMATS",
    "INSIGHT",
    "OPPORTUNITY",
    "PRIORITIES",
    "QUESTION_CATEGORIES",
    "REQUIREMENT",
    "RESEARCH",
    "ROUNDS",
    "SCORES",
    "STATUSES",
    "STORY_KIND",
    "THANKS_LINE",
    "has_number",
    "KINDS",
    "kinds_of_strategy",
    "kind",
]

KINDS: dict[str, Kind] = {
    k.name: k
    for k in (
        OPPORTUNITY,
        FEEDBACK,
        ASSESSMENT,
        RESEARCH,
        REQUIREMENT,
        INSIGHT,
        THANKS_LINE,
        STORY_KIND,
        VALUE,
        VALUE_MATCH,
        GOAL,
        QUESTION,
        ASKED_THEM,
        PRACTICE,
        CONCERN,
        INTERVIEWER,
        ROUND,
        ASKED,
        ATTEMPT,
    )
}


def kinds_of_strategy(number: int) -> list[Kind]:
    return [k for k in KINDS.values() if k.strategy == number]


def kind(name: str) -> Kind:
    try:
        return KINDS[name]
    except KeyError:
        raise KeyError(f"unknown record kind {name!r}") from None
