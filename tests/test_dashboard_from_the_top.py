"""Coming back to the dashboard with 0 shows what to do next from the top, the most urgent
first, however far down the list was scrolled before. The demo on a real file, Pilot."""

from __future__ import annotations

from conftest import SIZE, make_app, settle
from textual.widgets import OptionList

from tui.ui.dashboard import ActionOption, MoreOption


async def test_0_shows_the_next_actions_from_the_top(demo, frozen_clock):
    app = make_app(demo)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        actions = app.main.query_one("#dash-actions", OptionList)
        assert app.focused is actions
        more = next(
            i
            for i in range(actions.option_count)
            if isinstance(actions.get_option_at_index(i), MoreOption)
        )
        actions.highlighted = more
        actions.action_select()  # as enter does: every action listed, more than fit
        await settle(pilot)
        first = actions.get_option_at_index(0)
        assert isinstance(first, ActionOption)
        actions.highlighted = 0
        last = actions.option_count - 1  # the last action (with all listed, no 'more')
        await pilot.press(*["down"] * last)
        await settle(pilot)
        assert actions.highlighted == last and actions.scroll_offset.y > 0
        await pilot.press("4")
        await settle(pilot)
        await pilot.press("0")
        await settle(pilot)
        assert app.focused is actions
        assert actions.highlighted == 0 and actions.scroll_offset.y == 0
        assert actions.get_option_at_index(0).prompt == first.prompt
        assert app.main.query_one("#pane-0").scroll_offset.y == 0
