"""A DataTable of one-line rows keyed by record id, whose rows and cells are made only when
drawn: showing, scrolling or saving in a list of 50,000 costs about what it does in one of 50."""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from typing import Any, overload

from rich.text import Text
from textual import events
from textual._two_way_dict import TwoWayDict
from textual.binding import Binding
from textual.coordinate import Coordinate
from textual.geometry import Region
from textual.widgets import DataTable
from textual.widgets.data_table import ColumnKey, Row, RowKey


def _id_of(key: object) -> int | None:
    """The record id a row key stands for (None for any other key, such as the header's)."""
    try:
        return int(str(key.value if isinstance(key, RowKey) else key))
    except (TypeError, ValueError):
        return None


class RowOrder:
    """The rows' record ids in the order shown, and each id's place."""

    def __init__(self, ids: list[int]) -> None:
        self.ids = ids
        self.place = {record_id: n for n, record_id in enumerate(ids)}

    def extend(self, ids: list[int]) -> None:
        for record_id in ids:
            self.place[record_id] = len(self.ids)
            self.ids.append(record_id)

    def key(self, n: int) -> RowKey | None:
        return RowKey(str(self.ids[n])) if 0 <= n < len(self.ids) else None

    def at(self, key: object) -> int | None:
        record_id = _id_of(key)
        return None if record_id is None else self.place.get(record_id)


class _Locations(TwoWayDict[RowKey, int]):
    """The DataTable's row key <-> row index map, worked out from a RowOrder."""

    def __init__(self, order: RowOrder) -> None:
        self._order = order

    def __setitem__(self, key: RowKey, value: int) -> None:
        raise TypeError("rows are set through LazyTable.set_rows")

    def __delitem__(self, key: RowKey) -> None:
        raise TypeError("rows are set through LazyTable.set_rows")

    def __iter__(self) -> Iterator[RowKey]:
        return (RowKey(str(i)) for i in self._order.ids)

    def get(self, key: RowKey) -> int | None:
        return self._order.at(key)

    def get_key(self, value: int) -> RowKey | None:
        return self._order.key(value)

    def contains_value(self, value: int) -> bool:
        return 0 <= value < len(self._order.ids)

    def __len__(self) -> int:
        return len(self._order.ids)

    def __contains__(self, item: object) -> bool:
        return self._order.at(item) is not None


class _Rows(dict[RowKey, Row]):
    """The DataTable's rows by key: each Row (one line high) made when first asked for."""

    def __init__(self, order: RowOrder) -> None:
        super().__init__()
        self._order = order

    def __missing__(self, key: RowKey) -> Row:
        if self._order.at(key) is None:
            raise KeyError(key)
        row = self[key] = Row(RowKey(str(_id_of(key))), 1)
        return row

    def get(self, key: RowKey, default: Any = None) -> Any:
        try:
            return self[key]
        except KeyError:
            return default

    def __contains__(self, key: object) -> bool:
        return self._order.at(key) is not None

    def __len__(self) -> int:
        return len(self._order.ids)

    def __iter__(self) -> Iterator[RowKey]:
        return (RowKey(str(i)) for i in self._order.ids)

    def keys(self) -> Any:
        return list(iter(self))


class _InOrder(Sequence[Row]):
    """The rows in the order shown, or some of them: made only as they are read."""

    def __init__(self, rows: _Rows, order: RowOrder, span: range) -> None:
        self._rows, self._order, self._span = rows, order, span

    def __len__(self) -> int:
        return len(self._span)

    @overload
    def __getitem__(self, n: int) -> Row: ...
    @overload
    def __getitem__(self, n: slice) -> _InOrder: ...
    def __getitem__(self, n: int | slice) -> Row | _InOrder:
        if isinstance(n, slice):
            return _InOrder(self._rows, self._order, self._span[n])
        return self._rows[RowKey(str(self._order.ids[self._span[n]]))]


class _Lines(Sequence[tuple[RowKey, int]]):
    """The DataTable's (row key, line within the row) for each line: a row is one line."""

    def __init__(self, order: RowOrder) -> None:
        self._order = order

    def __len__(self) -> int:
        return len(self._order.ids)

    def __getitem__(self, y: Any) -> Any:
        if isinstance(y, slice):
            return [self[n] for n in range(len(self))[y]]
        return RowKey(str(self._order.ids[y])), 0

    def clear(self) -> None:  # DataTable.clear() empties it; it follows the order instead
        pass


class _LazyCells(dict[RowKey, dict[ColumnKey, Text]]):
    """A table's cells by row, each row's made the first time it is drawn."""

    def __init__(self, make: Callable[[RowKey], dict[ColumnKey, Text]], order: RowOrder) -> None:
        super().__init__()
        self._make, self._order = make, order

    def __missing__(self, key: RowKey) -> dict[ColumnKey, Text]:
        cells = self[key] = self._make(key)
        return cells

    def get(self, key: RowKey, default: Any = None) -> Any:
        try:
            return self[key]
        except (KeyError, ValueError):
            return default

    def __len__(self) -> int:  # the rows, made or not
        return len(self._order.ids)

    def __delitem__(self, key: RowKey) -> None:
        self.pop(key, None)


class LazyTable(DataTable[Text]):
    """A DataTable of one-line rows keyed by record id; `cells_of(record_id)` makes a row's
    cells when it is first drawn. Rows are set with set_rows and append_rows only. Home and
    End go to the first and last row (a list's columns fit it: nothing to scroll sideways)."""

    BINDINGS = [
        Binding("home", "scroll_top", "First", show=False),
        Binding("end", "scroll_bottom", "Last", show=False),
    ]

    def __init__(self, **kwargs: Any) -> None:
        self._order = RowOrder([])
        self._rows = _Rows(self._order)
        super().__init__(**kwargs)
        self._use(self._order)

    def cells_of(self, record_id: int) -> dict[ColumnKey, Text]:
        raise NotImplementedError

    def _use(self, order: RowOrder) -> None:
        self._order = order
        self.rows = self._rows = _Rows(order)
        self._row_locations = _Locations(order)
        self._data = _LazyCells(lambda key: self.cells_of(int(str(key.value))), order)

    @property
    def row_ids(self) -> list[int]:
        """The record ids of the rows, in the order shown."""
        return self._order.ids

    def cells_shown(self, record_id: int) -> dict[ColumnKey, Text]:
        """The cells of the row of `record_id`, made now unless already made."""
        return self._data[RowKey(str(record_id))]

    def forget_row(self, record_id: int) -> None:
        """Work out the cells of the row of `record_id` again when it is next drawn."""
        dict.pop(self._data, RowKey(str(record_id)), None)

    def forget_rows(self) -> None:
        """Work out every row's cells again as it is next drawn."""
        dict.clear(self._data)

    def row_of(self, record_id: int) -> int | None:
        """The index of the row of `record_id` (None when it has none)."""
        return self._order.place.get(record_id)

    def set_rows(self, ids: list[int]) -> None:
        """Replace every row at once, without working out any cell."""
        self._use(RowOrder(list(ids)))
        self._new_rows.clear()
        self._updated_cells.clear()
        self._changed()
        self.cursor_coordinate = self.cursor_coordinate  # kept within the rows
        if ids and self.cursor_row == 0:
            self._highlight_cursor()

    def append_rows(self, ids: list[int]) -> None:
        """Add rows after the last one, without working out any cell."""
        self._order.extend(ids)
        self._changed()

    def clear(self, columns: bool = False) -> LazyTable:
        super().clear(columns)
        self._use(RowOrder([]))
        return self

    def _on_resize(self, event: events.Resize) -> None:
        super()._on_resize(event)
        # a list that folds or unfolds as the focus moves keeps its selected row in view
        self.call_after_refresh(self._scroll_cursor_into_view)

    def _changed(self) -> None:
        self._update_count += 1
        self._clear_caches()
        self._require_update_dimensions = True
        self.refresh()

    # what DataTable works out over every row, worked out for one-line rows in one step
    @property
    def ordered_rows(self) -> Sequence[Row]:  # type: ignore[override]
        return _InOrder(self._rows, self._order, range(len(self._order.ids)))

    @property
    def _y_offsets(self) -> Sequence[tuple[RowKey, int]]:  # type: ignore[override]
        return _Lines(self._order)

    @property
    def _total_row_height(self) -> int:
        return len(self._order.ids)

    def _row_top(self, row_index: int) -> int:
        return row_index + (self.header_height if self.show_header else 0)

    def _get_row_region(self, row_index: int) -> Region:
        if not self.is_valid_row_index(row_index):
            return Region(0, 0, 0, 0)
        return super()._get_row_region(0)._replace(y=self._row_top(row_index))

    def _get_cell_region(self, coordinate: Coordinate) -> Region:
        if not self.is_valid_coordinate(coordinate):
            return Region(0, 0, 0, 0)
        region = super()._get_cell_region(coordinate._replace(row=0))
        return region._replace(y=self._row_top(coordinate.row))
