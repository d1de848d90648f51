"""The screen at the sizes people use: a laptop split (80x24), a common terminal (100x30),
the size the app was drawn for (120x40) and a large one (160x50); and in a light theme."""

from __future__ import annotations

import pytest
from conftest import make_app, settle
from test_snapshots import demo_ws, shot  # noqa: F401  (demo_ws is a fixture)

from tui.ui import layout

SIZES = [(80, 24), (100, 30), (120, 40), (160, 50)]
SCREENS = {
    "dashboard": ((), ""),
    "stories": (("4",), ""),
    # the third interviewer: a note still to send, after the final round
    "follow-up-note": (("8", "j", "j"), ""),
    "search": (("slash",), "conflict"),
}


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
@pytest.mark.parametrize("screen", SCREENS)
def test_screen_at_size(snap_compare, demo_ws, screen, size):  # noqa: F811
    keys, typed = SCREENS[screen]
    assert shot(snap_compare, make_app(demo_ws, demo=True), *keys, size=size, typed=typed)


def test_light_theme(snap_compare, demo_ws):  # noqa: F811
    demo_ws.set_setting("theme", "textual-light")
    assert shot(snap_compare, make_app(demo_ws, demo=True), "4", size=(100, 30))


async def test_guidance_follows_width_then_the_users_choice(demo_ws):  # noqa: F811
    app = make_app(demo_ws, demo=True)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        await pilot.press("4")
        await settle(pilot)
        pane = app.main.pane(4)
        assert pane is not None
        guidance, line = pane.query_one(".guidance"), pane.query_one(".checklist-line")
        # below 110 columns the guidance is hidden and the checklist is one line
        assert not guidance.display and line.display
        assert "checklist 2/4" in str(line.render())
        await pilot.press("g")
        await settle(pilot)
        assert guidance.display and not line.display
        assert demo_ws.setting("guidance") == layout.SHOWN
    # the choice is kept: a new window at 100 columns shows the guidance too
    app = make_app(demo_ws, demo=True)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        await pilot.press("4")
        await settle(pilot)
        pane = app.main.pane(4)
        assert pane is not None and pane.query_one(".guidance").display


async def test_a_theme_chosen_is_remembered(demo_ws):  # noqa: F811
    app = make_app(demo_ws, demo=True)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        app.theme = "textual-light"
        await settle(pilot)
    assert demo_ws.setting("theme") == "textual-light"
    app = make_app(demo_ws, demo=True)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        assert app.theme == "textual-light"


@pytest.mark.parametrize("size", [(80, 24), (100, 30)], ids=["80x24", "100x30"])
@pytest.mark.parametrize("number", range(1, 9))
async def test_footer_always_offers_help_and_quit(demo_ws, number, size):  # noqa: F811
    app = make_app(demo_ws, demo=True)
    async with app.run_test(size=size) as pilot:
        await settle(pilot)
        await pilot.press(str(number))
        await settle(pilot)
        keys = [k.key for k in app.screen.query("FooterKey")]
        shown = [k for k in app.screen.query("FooterKey") if k.region.right <= size[0] - 12]
        assert "question_mark" in keys and "q" in keys
        assert {"question_mark", "q"} <= {k.key for k in shown}, "? or q is cut off"


@pytest.fixture
def sixteen_colours(monkeypatch):
    """A terminal with 16 colours (TERM=xterm): Textual's colour system forced to standard."""
    from textual import constants

    monkeypatch.setattr(constants, "COLOR_SYSTEM", "standard")


def sixteen_colour_app(ws):
    app = make_app(ws, demo=True)
    assert app.console.color_system == "standard"
    return app


def test_sixteen_colours_snapshot(snap_compare, demo_ws, sixteen_colours):  # noqa: F811
    # a highlighted row with its score (the dashboard's first line) and a warning
    app = sixteen_colour_app(demo_ws)

    async def warn(pilot) -> None:
        await settle(pilot)
        pilot.app.notify("Not saved: the disk is full.", severity="warning", timeout=600)
        await settle(pilot)

    assert snap_compare(app, terminal_size=(100, 30), run_before=warn)


def test_sixteen_colours_pick_list(snap_compare, demo_ws, sixteen_colours):  # noqa: F811
    # the interviewer form's story picker: ticked [x] and unticked [ ] read without colour
    app = sixteen_colour_app(demo_ws)

    async def to_the_picker(pilot) -> None:
        await settle(pilot)
        for key in ("8", "j", "j", "j", "e"):
            await pilot.press(key)
            await settle(pilot)
        pilot.app.screen.query_one("#field-plan_stories").focus()
        await settle(pilot)

    assert snap_compare(app, terminal_size=(100, 30), run_before=to_the_picker)


@pytest.mark.parametrize("keys", [("0",), ("4",), ("8", "j", "j"), ("6",), ("slash", "c", "o")])
async def test_sixteen_colours_keep_every_text_readable(demo_ws, sixteen_colours, keys):  # noqa: F811
    from contrast import screen_lines, text_contrasts

    app = sixteen_colour_app(demo_ws)
    async with app.run_test(size=(100, 30), notifications=True) as pilot:
        await settle(pilot)
        assert app.theme == "final-round-16"
        app.notify("Not saved: the disk is full.", severity="warning", timeout=600)
        for key in keys:
            await pilot.press(key)
            await settle(pilot)
        await pilot.pause(0.3)  # the notification is drawn
        texts = text_contrasts(screen_lines(app))
        assert any("disk is full" in t for t, _, _ in texts)  # the warning is measured too
        low = [(t, round(r, 2)) for t, r, _ in texts if r < 4.5 and t != "▏"]
        assert not low, low
    # choosing the 16-colour theme for this terminal is not a choice saved for the user
    assert demo_ws.setting("theme") == ""


@pytest.mark.parametrize("number", range(1, 9))
async def test_no_state_or_countdown_cell_is_cut_at_100_columns(demo_ws, number):  # noqa: F811
    app = make_app(demo_ws, demo=True)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        await pilot.press(str(number))
        await settle(pilot)
        assert_states_whole(app, number)


async def test_the_follow_up_lists_show_every_cell_whole_at_120_columns(demo_ws):  # noqa: F811
    """Who, which round, when it ended and the note's state: the day after, all of it."""
    from textual.widgets.data_table import ColumnKey

    from tui.ui.pane import RecordTable

    app = make_app(demo_ws, demo=True)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await pilot.press("8")
        await settle(pilot)
        tables = {t.kind.name: t for t in app.main.pane(8).query(RecordTable)}
        for name in ("interviewer", "round"):
            table = tables[name]
            assert table.records, name
            for key in table._columns:
                column = table.columns[ColumnKey(key)]
                for record in table.records:
                    cell = table.get_cell(str(record.id), key)
                    assert column.width >= cell.cell_len, (name, key, cell.plain, column.width)


def assert_states_whole(app, number: int) -> None:
    """Every state cell of pane `number` shows whole, and every row fits its list."""
    from textual.widgets.data_table import ColumnKey

    from tui.ui.pane import RecordTable

    pane = app.main.pane(number)
    assert pane is not None
    for table in pane.query(RecordTable):
        if "_state" not in table._columns or not table.records:
            continue
        state = table.columns[ColumnKey("_state")]
        cells = [table.get_cell(str(r.id), "_state") for r in table.records]
        assert state.width >= max(c.cell_len for c in cells), table.kind.name
        # and the whole row fits the list, so the state column is on screen
        widths = sum(c.get_render_width(table) for c in table.columns.values())
        assert widths <= table.scrollable_content_region.width, table.kind.name


@pytest.mark.parametrize("size", [(80, 24), (120, 40)], ids=["80x24", "120x40"])
@pytest.mark.parametrize("number", [4, 7, 8])
async def test_the_help_panel_leaves_the_countdown_and_states_whole(demo_ws, number, size):  # noqa: F811
    from rich.cells import cell_len

    from tui.core import rounds

    app = make_app(demo_ws, demo=True)
    async with app.run_test(size=size) as pilot:
        await settle(pilot)
        await pilot.press(str(number), "question_mark")
        await settle(pilot)
        assert app.screen.query("HelpPanel")
        # the header is as long as the room beside the panel: its countdown is not cut
        topbar = app.main.query_one("#topbar")
        shown = str(topbar.render()).rstrip()
        assert shown.endswith(rounds.countdown(demo_ws, demo_ws.active)), shown
        assert cell_len(shown) <= topbar.size.width < size[0], (shown, topbar.size)
        # the company is there in a readable length, or not at all: never a lone "…"
        company = demo_ws.active["company"]
        assert company in shown or "…" not in shown, shown
        # the panes have the room the panel leaves: at 120 columns that hides the guidance
        assert app.main.has_class("-no-guidance")
        assert_states_whole(app, number)
        await pilot.press("question_mark")
        await settle(pilot)
        assert app.main.has_class("-no-guidance") == (size[0] < layout.GUIDANCE_FROM)


RAISED_BY = "Priya Raman, Director of Infrastructure and Reliability Engineering, EMEA"


@pytest.mark.parametrize("width", [60, 80, 84])
async def test_a_form_fits_the_terminal_with_its_field_and_cursor(demo_ws, width):  # noqa: F811
    from textual.widgets import Input

    app = make_app(demo_ws, demo=True)
    async with app.run_test(size=(width, 24)) as pilot:
        await settle(pilot)
        await pilot.press("7", "n")
        await settle(pilot)
        await pilot.press("tab")
        await settle(pilot)
        field = app.screen.query_one("#field-by", Input)
        assert app.focused is field
        for ch in RAISED_BY:
            await pilot.press("space" if ch == " " else ch)
        await settle(pilot)
        screen = app.screen.region
        dialog = app.screen.query_one(".dialog").region
        assert screen.contains_region(dialog), (dialog, screen)
        assert dialog.contains_region(field.region), (field.region, dialog)
        # the field scrolled to its end: the last letter typed and the cursor after it show
        assert field.value == RAISED_BY
        assert field.scroll_offset.x + field.content_region.width > len(RAISED_BY)


def _day_of(app):
    from tui.ui.day_of_screen import DayOfScreen

    return DayOfScreen()


def _confirm(app):
    from tui.ui.dialogs import ConfirmScreen

    return ConfirmScreen("Delete the story 'Reorganised the on-call rota across three teams'?")


def _text_edit(app):
    from tui.ui.draft_screen import TextEditScreen

    return TextEditScreen("Job description · Northwind Logistics", "Staff Platform Engineer")


@pytest.mark.parametrize("dialog", [None, _day_of, _confirm, _text_edit])
@pytest.mark.parametrize("width", [60, 80])
async def test_every_dialog_fits_the_terminal(demo_ws, width, dialog):  # noqa: F811
    # None: the opportunities dialog (o), whose lines are the longest
    app = make_app(demo_ws, demo=True)
    async with app.run_test(size=(width, 24)) as pilot:
        await settle(pilot)
        if dialog is None:
            await pilot.press("o")
        else:
            app.push_screen(dialog(app))
        await settle(pilot)
        box = app.screen.query_one(".dialog")
        assert app.screen.region.contains_region(box.region), (box.region, width)
        # nothing inside runs past the dialog's right border (a long text scrolls down)
        for widget in box.query("*"):
            if widget.display and widget.region:
                assert widget.region.right <= box.region.right, widget


async def test_the_pane_strip_keeps_one_line_a_pane_after_resizing_under_a_form(demo_ws):  # noqa: F811
    app = make_app(demo_ws, demo=True)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        nav = app.main.query_one("#nav")
        names = [nav.render_line(y).text.strip() for y in range(9)]
        assert names[2:4] == ["2 Company & role", "3 Interest"], names
        await pilot.press("4", "n")
        await settle(pilot)
        # narrow (the strip shows numbers) and back, while the form is on top
        await pilot.resize_terminal(80, 24)
        await settle(pilot)
        await pilot.resize_terminal(120, 40)
        await settle(pilot)
        await pilot.press("escape")
        await settle(pilot)
        assert [nav.render_line(y).text.strip() for y in range(9)] == names


async def test_where_to_act_never_wraps_onto_a_line_of_its_own(demo_ws):  # noqa: F811
    import re

    app = make_app(demo_ws, demo=True)
    async with app.run_test(size=(100, 40)) as pilot:
        await settle(pilot)
        actions = app.main.query_one("#dash-actions")
        # each width wraps the long actions at another word: one of them ends a line exactly
        for width in range(100, 141):
            await pilot.resize_terminal(width, 40)
            await settle(pilot)
            lines = [actions.render_line(y).text.strip() for y in range(actions.size.height)]
            alone = [line for line in lines if re.fullmatch(r"(· )?\S{1,2}", line)]
            assert not alone, (width, lines)


async def test_a_folded_list_keeps_its_header_when_a_row_comes_into_it(tmp_path):
    """At 80x24 a list without focus folds to its header line. A question to ask marked asked
    (space) puts a row in the list of questions asked: the header stays drawn, not covered by
    scrollbars its one line has no room for."""
    from contrast import screen_lines

    from tui.core.repository import Workspace

    ws = Workspace(tmp_path / "workspace.json")
    ws.add("opportunity", {"company": "Acme", "role": "Engineer"})
    ws.add("question", {"text": "What does success look like in six months?"})
    ws.add(
        "round", {"name": "Onsite", "start_at": "2026-11-20 10:00", "end_at": "2026-11-20 11:00"}
    )
    app = make_app(ws)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("6")
        await settle(pilot)
        await pilot.press("space")
        await settle(pilot)
        table = app.screen.query_one("#table-asked_them")
        assert table.row_count == 1 and table.region.height == 1
        assert not table.show_horizontal_scrollbar and not table.show_vertical_scrollbar
        line = "".join(s.text for s in screen_lines(app)[table.region.y])
        assert "Round" in line and "Answer heard" in line and "State" in line, line
