"""The help panel (?) names the strategy each of the keys 1-8 opens, one line each, at 80x24
(short forms) and 120x40 (the names the pane strip shows)."""

from __future__ import annotations

import pytest
from conftest import make_app, settle
from contrast import screen_lines

from tui.core.content import strategies

LINES_80 = ["1 Feedback", "2 Company", "3 Interest", "4 Examples", "5 Culture fit"]
LINES_120 = ["1 Feedback", "2 Company & role", "3 Interest", "4 Examples", "5 Culture fit"]
LAST = ["6 Questions", "7 Concerns", "8 Follow-up"]


def _help_lines(app) -> list[str]:
    """The help panel's lines: what the screen shows right of the panel's border."""
    from collections import Counter

    rows = ["".join(s.text for s in line) for line in screen_lines(app)]
    # the panel's border: the column where most lines show their last "▏"
    ((border, _),) = Counter(r.rfind("▏") for r in rows).most_common(1)
    # (a scroll bar may follow a line, two spaces or more after it)
    return [r[border + 1 :].strip().split("  ")[0] for r in rows]


@pytest.mark.parametrize(
    ("size", "names"),
    [((80, 24), LINES_80 + LAST), ((120, 40), LINES_120 + LAST)],
    ids=["80x24", "120x40"],
)
async def test_help_names_the_strategies_of_the_keys_1_to_8(demo, size, names):
    app = make_app(demo, demo=True)
    async with app.run_test(size=size) as pilot:
        await settle(pilot)
        await pilot.press("question_mark")
        await settle(pilot)
        await pilot.pause(0.1)
        shown = _help_lines(app)
        assert not [line for line in shown if line.startswith("1 Pane")], shown
        for name in names:
            assert name in shown, (name, "|".join(shown))  # whole, on a line of its own
        # the help follows the terminal: wider, the full names again
        await pilot.resize_terminal(120, 40)
        await settle(pilot)
        await pilot.pause(0.1)
        assert "2 Company & role" in _help_lines(app)


def test_a_long_name_keeps_the_whole_words_that_fit():
    from tui.ui.screen import fitted

    assert fitted("Company & role", 12) == "Company"
    assert fitted("Culture fit", 12) == "Culture fit"
    assert fitted("Onboarding", 4) == "Onboarding"  # a word is never cut
    assert all(len(fitted(st.short, 12)) <= 12 for st in strategies())
