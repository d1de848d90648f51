"""A list's title column (what each row is) keeps a readable width on a small screen: the
other columns give way first, and the state column is never cut. The demo on a real file,
the real panes driven by Pilot."""

from __future__ import annotations

import pytest
from conftest import make_app, settle
from test_sizes import assert_states_whole
from test_snapshots import demo_ws  # noqa: F401  (a fixture)
from textual.widgets.data_table import ColumnKey

from tui.ui.pane import RecordTable
from tui.ui.record_table import COLUMN_FLOOR, TITLE_READABLE


def title_and_others(table: RecordTable) -> tuple[int, int, list[int]]:
    """The title column's width, its widest title, and the other columns' widths."""
    title = table.kind.title_field
    widest = max(table.get_cell(str(r.id), title).cell_len for r in table.records)
    others = [
        table.columns[ColumnKey(name)].width
        for name in table._columns
        if name not in (title, "_state")
    ]
    return table.columns[ColumnKey(title)].width, widest, others


@pytest.mark.parametrize("size", [(80, 24), (120, 40)], ids=lambda s: f"{s[0]}x{s[1]}")
@pytest.mark.parametrize("number", range(1, 9))
async def test_the_title_gives_way_after_the_other_columns(demo_ws, size, number):  # noqa: F811
    app = make_app(demo_ws, demo=True)
    async with app.run_test(size=size) as pilot:
        await settle(pilot)
        await pilot.press(str(number))
        await settle(pilot)
        tables = [t for t in app.main.pane(number).query(RecordTable) if t.records]
        assert tables
        for table in tables:
            width, widest, others = title_and_others(table)
            if width < min(widest, TITLE_READABLE):
                # a title cut below a readable width only once every other column is at its floor
                assert all(w <= COLUMN_FLOOR for w in others), (table.kind.name, width, others)
        assert_states_whole(app, number)


async def test_a_requirement_keeps_its_words_beside_its_stories_at_80_columns(demo_ws):  # noqa: F811
    app = make_app(demo_ws, demo=True)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("2")
        await settle(pilot)
        table = next(t for t in app.main.pane(2).query(RecordTable) if t.kind.name == "requirement")
        assert any(table.get_cell(str(r.id), "stories").plain for r in table.records)  # linked
        width, widest, _ = title_and_others(table)
        assert width >= min(widest, TITLE_READABLE)  # "Own the batch …" read as nothing


@pytest.mark.parametrize("size", [(80, 24), (120, 40)], ids=lambda s: f"{s[0]}x{s[1]}")
async def test_a_requirements_priority_and_stories_read_whole(demo_ws, size):  # noqa: F811
    """ "must-…" and "2 sto…" told nothing: the cells are short words that fit beside a
    readable requirement, with the guidance shown at 120 columns."""
    app = make_app(demo_ws, demo=True)
    async with app.run_test(size=size) as pilot:
        await settle(pilot)
        await pilot.press("2")
        await settle(pilot)
        table = next(t for t in app.main.pane(2).query(RecordTable) if t.kind.name == "requirement")
        for name in ("priority", "stories", "_state"):
            width = table.columns[ColumnKey(name)].width
            for record in table.records:
                cell = table.get_cell(str(record.id), name)
                assert cell.cell_len <= width, (name, cell.plain, width)
        cells = {table.get_cell(str(r.id), "stories").plain for r in table.records}
        assert {"none", "1 story", "2 stories"} <= cells
        width, widest, _ = title_and_others(table)
        assert width >= min(widest, TITLE_READABLE)


async def test_a_cell_shows_whole_where_its_list_has_room(demo_ws):  # noqa: F811
    """A company value's "Where you saw it" was cut at 14 characters ("CEO's annual…")
    beside room enough for the whole line."""
    app = make_app(demo_ws, demo=True)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await pilot.press("5")
        await settle(pilot)
        table = next(t for t in app.main.pane(5).query(RecordTable) if t.kind.name == "value")
        shown = {table.get_cell(str(r.id), "seen_where").plain for r in table.records}
        assert "CEO's annual letter." in shown
        assert table.columns[ColumnKey("seen_where")].width >= len("CEO's annual letter.")


def test_columns_give_way_evenly_so_each_keeps_a_part():
    from tui.ui.record_table import _level

    widths = {"answer": 40, "round": 11, "title": 30}
    assert _level(widths, ["answer", "round"], 6, 30) == 0
    assert widths == {"answer": 10, "round": 11, "title": 30}  # the widest first, then both
    assert _level(widths, ["answer", "round"], 6, 5) == 0
    assert sorted([widths["answer"], widths["round"]]) == [8, 8]
    assert _level(widths, ["answer", "round"], 6, 10) == 6  # no column below its floor
    assert widths["answer"] == widths["round"] == 6
