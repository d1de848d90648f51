"""What each save changed, record by record: the text of every record it touched before and
after, and where records it removed stood, which is all an undo needs to take the save back."""

from __future__ import annotations

from dataclasses import dataclass, field

# a record's text as the file holds it, `"key":value`; None: no such record
Text = str | None


@dataclass(frozen=True)
class TableChange:
    """One save's change to one table: each record it changed, by key, as its text before and
    after; where each record it removed stood (its index among the table's records before);
    and, only when the save put the other records in another order, that whole order."""

    name: str
    texts: dict[str, tuple[Text, Text]]
    places: tuple[tuple[str, int], ...] = ()  # by index, ascending
    order: tuple[str, ...] | None = None

    @property
    def size(self) -> int:
        """The characters of text it holds."""
        return sum(len(b or "") + len(a or "") for b, a in self.texts.values())


@dataclass(frozen=True)
class SaveChange:
    """What one save changed: its tables' changes, and the document's tables in order before
    it when it added or removed a table (None when it did neither)."""

    tables: tuple[TableChange, ...] = ()
    names: tuple[str, ...] | None = None

    def __bool__(self) -> bool:
        return bool(self.tables) or self.names is not None

    @property
    def size(self) -> int:
        return sum(t.size for t in self.tables)


@dataclass
class Edit:
    """The saves made while one change was applied, in order. `start` and `end` name the
    workspace as it was before and after (see AtomicJSONStorage.generation); `whole` is False
    when a save's changes could not be told record by record (the file was read afresh)."""

    start: int
    end: int = 0
    saves: list[SaveChange] = field(default_factory=list)
    whole: bool = True

    def add(self, save: SaveChange | None) -> None:
        if save is None:
            self.whole = False
        elif save:
            self.saves.append(save)

    @property
    def size(self) -> int:
        return sum(s.size for s in self.saves)

    def last_texts(self) -> dict[tuple[str, str], Text]:
        """Each record touched, by (table, key), as the last save left it."""
        left: dict[tuple[str, str], Text] = {}
        for save in self.saves:
            for table in save.tables:
                for key, (_, after) in table.texts.items():
                    left[(table.name, key)] = after
        return left


class ChangedSince(ValueError):
    """The records an edit touched are no longer as it left them: it cannot be taken back."""
