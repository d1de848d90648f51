"""What each save changed, record by record: the text of every record it touched before and
after, and where records it removed stood, which is all an undo needs to take the save back."""

from __future__ import annotations

# a record's text as the file holds it, `"key":value`; None: no such record
Text = str | None


class TableChange:
    """One save's change to one table: each record it changed, by key, as its text before and
    after; where each record it removed stood (its index among the table's records before);
    and, only when the save put the other records in another order, that whole order."""

    __slots__ = ("name", "texts", "places", "order")

    def __init__(
        self,
        name: str,
        texts: dict[str, tuple[Text, Text]],
        places: tuple[tuple[str, int], ...] = (),  # by index, ascending
        order: tuple[str, ...] | None = None,
    ) -> None:
        self.name, self.texts, self.places, self.order = name, texts, places, order

    @property
    def size(self) -> int:
        """The characters of text it holds."""
        return sum(len(b or "") + len(a or "") for b, a in self.texts.values())


class SaveChange:
    """What one save changed: its tables' changes, and the document's tables in order before
    it when it added or removed a table (None when it did neither)."""

    __slots__ = ("tables", "names")

    def __init__(
        self, tables: tuple[TableChange, ...] = (), names: tuple[str, ...] | None = None
    ) -> None:
        self.tables, self.names = tables, names

    def __bool__(self) -> bool:
        return bool(self.tables) or self.names is not None

    @property
    def size(self) -> int:
        return sum(t.size for t in self.tables)


class Edit:
    """The saves made while one change was applied, in order. `start` and `end` name the
    workspace as it was before and after (see AtomicJSONStorage.generation); `whole` is False
    when a save's changes could not be told record by record (the file was read afresh)."""

    __slots__ = ("start", "end", "saves", "whole")

    def __init__(
        self,
        start: int,
        end: int = 0,
        saves: list[SaveChange] | None = None,
        whole: bool = True,
    ) -> None:
        self.start, self.end, self.whole = start, end, whole
        self.saves: list[SaveChange] = saves if saves is not None else []

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
