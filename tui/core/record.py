"""A record as the core and the screens see it, the keys stored beside its values, and the
error for a record that is not there."""

from __future__ import annotations

import json
import operator
from dataclasses import dataclass, field
from typing import Any

from . import clock
from .kinds import Kind

# Keys kept beside a record's values; user fields never start with an underscore.
OPP_KEY, CREATED_KEY, UPDATED_KEY = "_opportunity", "_created", "_updated"
STAMP = "%Y-%m-%d %H:%M:%S"  # the form of the created and updated stamps, local time


def now_text() -> str:
    return clock.now().strftime(STAMP)


@dataclass(frozen=True)
class Record:
    kind: Kind
    id: int
    values: dict[str, Any]
    opportunity: int | None = None
    created: str = ""
    updated: str = ""
    # A record that does not fit its kind in the file: what is wrong, by field label, and the
    # record's stored values as they were (empty for a sound record).
    problems: tuple[str, ...] = ()
    raw: dict[str, Any] = field(default_factory=dict, compare=False)

    @property
    def damaged(self) -> bool:
        return bool(self.problems)

    @property
    def title(self) -> str:
        title = self.kind.title_of(self.values)
        return f"⚠ damaged: {title}" if self.problems else title

    @property
    def raw_text(self) -> str:
        """The stored values of a damaged record, as JSON text."""
        return json.dumps(self.raw, ensure_ascii=False, indent=1, default=str)

    @property
    def key(self) -> tuple[str, int]:
        return (self.kind.name, self.id)

    def __getitem__(self, name: str) -> Any:
        try:
            return self.values[name]
        except KeyError:  # the field's empty value, worked out only when needed
            return self.kind.field(name).empty


class NotFound(KeyError):
    pass


# a record's id, read in the interpreter's own loops: map(RECORD_ID, records)
RECORD_ID = operator.attrgetter("id")


def by_id(records: list[Record]) -> dict[int, Record]:
    """{id: record}, made without a step of Python a record (tens of thousands of stories)."""
    return dict(zip(map(RECORD_ID, records), records, strict=True))
