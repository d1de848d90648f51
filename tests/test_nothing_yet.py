"""A strategy with nothing its checklist looks at yet (no feedback, no concern written down)
says "nothing yet" and how to add one, never "0/0", on the dashboard at 80x24 and 120x40,
and its pane does not call it "all done"."""

from __future__ import annotations

import pytest
from conftest import make_app, settle, text_of
from textual.widgets import OptionList

from tui.core import readiness
from tui.core.snapshot import Check

SIZES = [(80, 24), (120, 40)]
IDS = ["80x24", "120x40"]


def _strategy_lines(app) -> list[str]:
    lines = app.screen.query_one("#dash-strategies", OptionList)
    return [str(lines.get_option_at_index(i).prompt) for i in range(lines.option_count)]


@pytest.mark.parametrize("size", SIZES, ids=IDS)
async def test_a_new_workspace_says_nothing_yet_instead_of_0_of_0(workspace, size):
    app = make_app(workspace)
    async with app.run_test(size=size) as pilot:
        await settle(pilot)
        lines = _strategy_lines(app)
        assert not [line for line in lines if "0/0" in line], lines
        for number in (1, 7):  # feedback, concerns: no check applies until one is added
            line = lines[number - 1]
            assert "–  nothing yet" in line, line
            assert "press" not in line  # n adds nothing before there is an opportunity
        assert "0/4" in lines[3]  # a strategy whose checks apply keeps its figure
        await pilot.press("1")
        await settle(pilot)
        line = text_of(app, ".checklist-line")
        assert line == "checklist: nothing to check yet", line  # not "0/0 ✓ all done"


@pytest.mark.parametrize("size", SIZES, ids=IDS)
async def test_with_an_opportunity_the_line_says_how_to_add_the_first(workspace, size):
    workspace.add("opportunity", {"company": "Initech", "role": "Analyst"})
    app = make_app(workspace)
    async with app.run_test(size=size) as pilot:
        await settle(pilot)
        lines = _strategy_lines(app)
        assert "nothing yet · press 1, then n, to add one" in lines[0], lines
        assert "nothing yet · press 7, then n, to add one" in lines[6], lines
    # once one is written down, the figure comes back
    workspace.add("concern", {"raised": "Little people management"})
    app = make_app(workspace)
    async with app.run_test(size=size) as pilot:
        await settle(pilot)
        line = _strategy_lines(app)[6]
        assert "nothing yet" not in line and "1/3" in line, line


def test_progress_counts_only_checks_that_apply():
    assert readiness.progress([Check("a", True), Check("b", False), Check("c", None)]) == "1/2"
    assert readiness.progress([Check("a", None), Check("b", None)]) == ""
