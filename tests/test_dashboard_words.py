"""The dashboard says what its numbers count and what its keys do: the heading counts the next
steps listed below it (not the checklists), each next step names the key to press, a strategy
with nothing in it says so instead of a row of zeros, and at 80x24 a line held to one row
keeps its key and ends on a whole part. Real TinyDB files, real screens."""

from __future__ import annotations

import pytest
from conftest import make_app, settle, text_of
from conftest import save_as_app as save
from textual.widgets import OptionList

from tui.core.next_actions import next_actions
from tui.core.readiness import Snapshot
from tui.core.repository import Workspace
from tui.ui.dashboard import Dashboard

SIZES = [(80, 24), (120, 40)]
IDS = ["80x24", "120x40"]


def with_opportunity(tmp_path) -> Workspace:
    ws = Workspace(tmp_path / "workspace.json")
    opp = save(ws, "opportunity", {"company": "Globex", "role": "Data engineer"})
    ws.set_active(opp.id)
    return ws


def shown_rows(app, selector: str) -> list[str]:
    """The rows of an option list as the screen draws them."""
    options = app.screen.query_one(selector, OptionList)
    rows = [options.render_line(y).text.rstrip() for y in range(options.size.height)]
    return [row.rstrip("▁▂▃▄▅▆▇█ ") for row in rows if row.strip()]


def prompts(app, selector: str) -> list[str]:
    options = app.screen.query_one(selector, OptionList)
    return [str(options.get_option_at_index(i).prompt) for i in range(options.option_count)]


@pytest.mark.parametrize("size", SIZES, ids=IDS)
async def test_the_heading_counts_the_next_steps_and_each_names_its_key(tmp_path, held, size):
    ws = with_opportunity(tmp_path)
    save(ws, "concern", {"raised": "Little people management"})
    actions = next_actions(Snapshot(ws))
    app = make_app(ws)
    async with app.run_test(size=size) as pilot:
        await settle(pilot)
        heading = text_of(app, "#dash-countdown")
        # the figure above "Ready: 0 of 20 checks" says it counts the steps listed below it
        assert heading.startswith(f"No interview time set - {len(actions)} next steps below")
        assert "things left" not in heading
        listed = prompts(app, "#dash-actions")
        assert listed[0].endswith(" · press 7"), listed
        assert all(" · press " in line for line in listed if line.startswith("•")), listed
    ws.close()


@pytest.mark.parametrize("size", SIZES, ids=IDS)
async def test_a_new_workspace_says_nothing_yet_instead_of_zeros(workspace, size):
    app = make_app(workspace)
    async with app.run_test(size=size) as pilot:
        await settle(pilot)
        lines = prompts(app, "#dash-strategies")
        assert not [line for line in lines if "  0 " in line], lines
        for number in range(1, 9):
            assert "nothing yet" in lines[number - 1], lines
        # the example and question banks need no opportunity: n adds a story at once
        assert "nothing yet · press 4, then n, to add one" in lines[3], lines
        assert "press" not in lines[1]  # a research note waits for an opportunity
        assert "0/4" in lines[3]  # the figure stays where checks apply


async def test_with_an_opportunity_each_empty_strategy_says_how_to_add_one(tmp_path, held):
    ws = with_opportunity(tmp_path)
    save(ws, "story", {"title": "Cut build times by 40%"})
    app = make_app(ws)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        lines = prompts(app, "#dash-strategies")
        assert "nothing yet · press 2, then n, to add one" in lines[1], lines
        assert "nothing yet · press 8, then n, to add one" in lines[7], lines
        assert "nothing yet" not in lines[3] and "1 story" in lines[3], lines
    ws.close()


async def test_at_80x24_lines_keep_their_key_and_end_on_a_whole_part(demo):
    app = make_app(demo, demo=True)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        actions = shown_rows(app, "#dash-actions")
        assert actions and all(" · press " in row for row in actions[:-1]), actions
        assert any(row.endswith("' with a story · press 2") for row in actions), actions
        full = " ".join(prompts(app, "#dash-actions"))
        for row in actions:
            if "… · press" in row:  # cut outside a quoted title: after a whole word
                last = row.split("… · press")[0].split()[-1]
                assert f"{last} " in full, row
        # the six actions and "and N more" all show, with nothing to scroll: two rows were
        # left empty below the eight lines while "more" sat out of sight
        listed = app.main.query_one("#dash-actions", OptionList)
        assert len(actions) == listed.option_count == 7, actions
        assert actions[-1].strip().startswith("and 6 more"), actions
        assert listed.max_scroll_y == 0 and app.main.query_one(Dashboard).max_scroll_y == 0
        strategies = shown_rows(app, "#dash-strategies")
        assert len(strategies) == 8, strategies
        for row in strategies:
            # cut, a line ends after a whole part ("1 to address …"), never "1 assessm…"
            assert not row.endswith("…") or row.endswith(" …"), row
        assert any(row.endswith(" …") for row in strategies), strategies


def test_a_line_held_to_one_row_cuts_the_quoted_title_not_what_follows():
    """The title between quotes gives up its end, up to its closing quote: an apostrophe in
    the title or after it ("O'Brien's") is no quote."""
    from textual.content import Content

    from tui.ui.widgets import TailKept

    text = Content("Ask 'Why the manager's role?' with O'Brien's story in mind")
    expected = "Ask 'Why the…' with O'Brien's story in mind · press 6"
    assert TailKept(text, Content(" · press 6"))._one_line(len(expected)).plain == expected
    curly = Content("Plan a new example: they heard “Led the Kubernetes migration” before")
    expected = "Plan a new example: they heard “Led the…” before · press 8"
    assert TailKept(curly, Content(" · press 8"))._one_line(len(expected)).plain == expected
