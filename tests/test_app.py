"""The app driven by Pilot as a person would: keys, forms, dialogs, on real workspace files."""

from __future__ import annotations

from conftest import SIZE, make_app, settle
from textual.widgets import Input

from tui.core.content import strategies
from tui.core.repository import Workspace
from tui.ui.dashboard import Dashboard
from tui.ui.dialogs import ConfirmScreen, OpportunityScreen
from tui.ui.form import RecordForm
from tui.ui.pane import RecordTable, StrategyPane


async def type_text(pilot, text: str) -> None:
    for ch in text:
        await pilot.press(ch)


async def palette_prompts(app, pilot, text: str) -> list[str]:
    """What the command palette lists once `text` is typed into it."""
    from textual.command import CommandList

    await pilot.press("ctrl+p")
    await settle(pilot)
    await type_text(pilot, text)
    await pilot.pause(0.5)
    options = app.screen.query_one(CommandList)
    return [str(options.get_option_at_index(i).prompt) for i in range(options.option_count)]


def visible_pane(app):
    return app.main.query_one("#main").visible_content


async def test_dashboard_first_then_each_pane(demo):
    app = make_app(demo)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        dash = app.main.query_one(Dashboard)
        assert dash.display
        lines = dash.query_one("#dash-strategies").option_count
        assert lines == 8
        for st in strategies():
            await pilot.press(str(st.number))
            await settle(pilot)
            pane = visible_pane(app)
            assert isinstance(pane, StrategyPane) and pane.number == st.number
            tables = pane.query(RecordTable)
            assert sum(t.row_count for t in tables) > 0, st.title
            assert app.main.query_one("#nav").highlighted == st.number
        await pilot.press("0")
        await settle(pilot)
        assert isinstance(visible_pane(app), Dashboard)


async def test_q_quits_with_status_zero(demo):
    app = make_app(demo)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("q")
        await settle(pilot)
    assert app.return_code == 0


async def test_added_record_is_there_after_a_restart(demo, tmp_path):
    path = demo.path
    app = make_app(demo)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("7", "n")
        await settle(pilot)
        assert isinstance(app.screen, RecordForm)
        await type_text(pilot, "Doubts about on-call stamina")
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert not isinstance(app.screen, RecordForm)
        table = visible_pane(app).query_one("#table-concern", RecordTable)
        assert table.selected.title == "Doubts about on-call stamina"
    app2 = make_app(Workspace(path))
    async with app2.run_test(size=SIZE) as pilot:
        await pilot.press("7")
        await settle(pilot)
        table = visible_pane(app2).query_one("#table-concern", RecordTable)
        assert "Doubts about on-call stamina" in [r.title for r in table.records]


async def test_form_shows_errors_beside_the_field_and_saves_nothing(workspace):
    workspace.add("opportunity", {"company": "Acme", "role": "SRE"})
    app = make_app(workspace)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("4", "n")
        await settle(pilot)
        await pilot.press("ctrl+s")
        await settle(pilot)
        form = app.screen
        assert isinstance(form, RecordForm)
        error = form.query_one("#error-title")
        assert error.display and "required" in str(error.render())
        assert workspace.count("story") == 0


async def test_escape_on_a_changed_form_asks(workspace):
    app = make_app(workspace)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("4", "n")
        await settle(pilot)
        await type_text(pilot, "half")
        await pilot.press("escape")
        await settle(pilot)
        assert isinstance(app.screen, ConfirmScreen)
        await pilot.press("n")
        await settle(pilot)
        assert isinstance(app.screen, RecordForm)
        assert app.screen.query_one("#field-title", Input).value == "half"
        await pilot.press("escape")
        await settle(pilot)
        await pilot.press("y")
        await settle(pilot)
        assert not isinstance(app.screen, RecordForm | ConfirmScreen)
        assert workspace.count("story") == 0


async def test_delete_asks_then_removes(demo):
    app = make_app(demo)
    before = demo.count("story")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("4")
        await settle(pilot)
        first = visible_pane(app).query_one("#table-story", RecordTable).selected
        await pilot.press("d")
        await settle(pilot)
        assert isinstance(app.screen, ConfirmScreen)
        await pilot.press("n")
        await settle(pilot)
        assert demo.count("story") == before
        await pilot.press("d")
        await settle(pilot)
        await pilot.press("y")
        await settle(pilot)
        assert demo.count("story") == before - 1
        table = visible_pane(app).query_one("#table-story", RecordTable)
        assert first.title not in [r.title for r in table.records]


async def test_switching_opportunity_changes_scoped_panes(demo):
    app = make_app(demo)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("8")
        await settle(pilot)
        names = [r.title for r in visible_pane(app).query_one(RecordTable).records]
        assert "Marta Jensen" in names
        await pilot.press("o")
        await settle(pilot)
        assert isinstance(app.screen, OpportunityScreen)
        await pilot.press("j", "enter")
        await settle(pilot)
        assert demo.active.values["company"] == "Lumen Health"
        names = [r.title for r in visible_pane(app).query_one(RecordTable).records]
        assert names == ["Hana Kowalski"]
        await pilot.press("4")
        await settle(pilot)
        assert visible_pane(app).query_one(RecordTable).row_count == demo.count("story")


async def test_new_opportunity_from_the_switcher(workspace):
    app = make_app(workspace)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("o", "n")
        await settle(pilot)
        await type_text(pilot, "Initech")
        await pilot.press("tab")
        await type_text(pilot, "Analyst")
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert isinstance(app.screen, OpportunityScreen)
        await pilot.press("enter")
        await settle(pilot)
        assert workspace.active.values["company"] == "Initech"
        assert "Initech" in str(app.main.query_one("#topbar").render())


MARKUP_TITLES = ["[bold]x[/]", "oops[/]", "[link=x]y", "[red"]


async def test_markup_like_titles_show_literally_everywhere(workspace):
    for title in MARKUP_TITLES:
        workspace.add("story", {"title": title, "result": f"{title} 10%"})
    app = make_app(workspace)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("4")
        await settle(pilot)
        table = visible_pane(app).query_one("#table-story", RecordTable)
        cells = [str(table.get_row_at(i)[0]) for i in range(table.row_count)]
        assert cells == MARKUP_TITLES
        text = app.export_screenshot()
        for title in MARKUP_TITLES:
            assert title.replace("[", "&#91;") in text or title in text
        detail = str(visible_pane(app).query_one("#detail").render())
        assert "Title: [bold]x[/]" in detail
        # the palette lists them as plain text
        prompts = await palette_prompts(app, pilot, "oops")
        assert any("Story: oops[/]" in p for p in prompts), prompts
        await pilot.press("enter")
        await settle(pilot)
        await settle(pilot)
        assert visible_pane(app).query_one("#table-story", RecordTable).selected.title == "oops[/]"


async def test_help_lists_the_keys_of_the_screen(demo):
    app = make_app(demo)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("4", "question_mark")
        await settle(pilot)
        from textual.widgets import HelpPanel

        panel = app.screen.query_one(HelpPanel)
        text = app.export_screenshot()
        assert panel is not None
        for word in ("New", "Edit", "Delete", "Opportunity", "Quit"):
            assert word in text
        await pilot.press("question_mark")
        await settle(pilot)
        assert not app.screen.query(HelpPanel)


async def test_keys_can_be_remapped_by_id(demo):
    from tui.ui.app import FinalRoundApp

    app = FinalRoundApp(demo, keymap={"pane-4": "f4"})
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("f4")
        await settle(pilot)
        assert visible_pane(app).number == 4


async def test_keys_go_to_the_text_field_while_it_has_focus(demo):
    app = make_app(demo)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("4", "n")
        await settle(pilot)
        await type_text(pilot, "q1o0?")
        await settle(pilot)
        assert isinstance(app.screen, RecordForm)
        assert app.screen.query_one("#field-title", Input).value == "q1o0?"


async def test_a_large_workspace_shows_the_dashboard_first_and_its_lines_next(demo, monkeypatch):
    """Past a size the state lines are worked out on a worker: "…" first, then the lines."""
    from textual.widgets import OptionList

    from tui.ui import dashboard

    monkeypatch.setattr(dashboard, "WORK_ON_A_WORKER", 0)
    app = make_app(demo)
    async with app.run_test(size=SIZE) as pilot:
        options = app.screen.query_one("#dash-strategies", OptionList)
        await app.workers.wait_for_complete()
        await pilot.pause()
        lines = [str(options.get_option_at_index(i).prompt) for i in range(options.option_count)]
        assert len(lines) == 8
        assert "…" not in lines[3] and "stories" in lines[3]


async def test_a_kind_whose_name_says_new_is_not_called_new_twice(demo):
    """An insight is a "New insight": its form and the text kept of it say so once."""
    from tui.core.kinds import KINDS
    from tui.ui.commands import NewRecord

    app = make_app(demo)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        app.post_message(NewRecord(KINDS["insight"]))
        await settle(pilot)
        form = app.screen
        assert isinstance(form, RecordForm)
        title = str(form.query_one(".dialog-title").render())
        assert title.startswith("New insight — ctrl+s saves"), title
        assert form.unsaved_text().startswith("Not saved: new insight\n")
        await pilot.press("escape")


async def test_records_of_one_name_are_told_apart_in_the_palette(demo):
    """The demo's Marta Jensen is an interviewer in two rounds: the palette says which is
    which, instead of listing the same line twice."""
    app = make_app(demo)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        prompts = await palette_prompts(app, pilot, "marta jensen")
        martas = [p for p in prompts if p.startswith("Interviewer: Marta Jensen")]
        assert len(martas) == 2, prompts
        assert martas[0] != martas[1], martas
        assert all("round" in p.lower() for p in martas), martas
