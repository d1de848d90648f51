"""What the screen shows, compared with stored SVG pictures of the real app on real files.

A failing test means the screen changed. The HTML report named at the end of the run shows the
stored picture beside the new one. When the change is wanted, refresh the pictures with
`uv run pytest tests/test_snapshots.py --snapshot-update` and look at them before committing.
"""

from __future__ import annotations

import pytest
from conftest import FROZEN_NOW, make_app, settle
from hostile import CORPUS

from tui.core.demo import build_demo
from tui.core.kinds import MAX_TEXT
from tui.core.repository import Workspace

LARGE = (120, 40)
SMALL = (80, 24)


@pytest.fixture
def demo_ws(tmp_path, frozen_clock) -> Workspace:
    """The demo workspace, its dates counted from the frozen clock."""
    return build_demo(tmp_path / "demo.json")


def shot(snap_compare, app, *keys: str, size: tuple[int, int] = LARGE, typed: str = "") -> bool:
    """Start `app`, press `keys` one by one, type `typed`, and compare the screen."""

    # a notice shown by a key stays in the picture however slow the machine is
    app.NOTIFICATION_TIMEOUT = 600

    async def run_before(pilot) -> None:
        await settle(pilot)
        for key in keys:
            await pilot.press(key)
            await settle(pilot)
        for ch in typed:
            await pilot.press("space" if ch == " " else ch)
        await pilot.app.workers.wait_for_complete()
        await settle(pilot)

    return snap_compare(app, terminal_size=size, run_before=run_before)


def test_dashboard(snap_compare, demo_ws):
    assert shot(snap_compare, make_app(demo_ws, demo=True))


@pytest.mark.parametrize("number", range(1, 9))
def test_strategy_pane(snap_compare, demo_ws, number):
    assert shot(snap_compare, make_app(demo_ws, demo=True), str(number))


def test_form_shows_its_errors(snap_compare, demo_ws):
    # a new story saved with no title: the form stays open and says what is missing
    assert shot(snap_compare, make_app(demo_ws, demo=True), "4", "n", "ctrl+s")


def test_search_with_results(snap_compare, demo_ws):
    assert shot(snap_compare, make_app(demo_ws, demo=True), "slash", typed="leadership conflict")


def test_read_only_banner(snap_compare, demo_ws):
    # demo_ws holds the file's lock, as a first window would: this second one may only read
    second = Workspace(demo_ws.path)
    assert second.read_only
    assert shot(snap_compare, make_app(second), "4")


@pytest.fixture
def hostile_ws(tmp_path, frozen_clock) -> Workspace:
    """An opportunity and a story bank written entirely in hostile text."""
    ws = Workspace(tmp_path / "hostile.json")
    ws.add("opportunity", {"company": "[b]Acme[/b]", "role": "\x1b[31mRole\x1b[0m [/]"})
    shown = [t for t in CORPUS if len(t) <= 5000 and "\ud800" not in t and t.strip()]
    for text in shown:
        ws.add("story", {"title": text[:MAX_TEXT], "result": text, "competencies": ["[x]"]})
    return ws


@pytest.mark.parametrize(
    "row",
    [
        2,  # markup that must stay literal: "[bold]x[/]", "[", "[link=...]"
        26,  # terminal escapes and control characters, made visible
        36,  # joined emoji, combining marks, right-to-left text, a bidi override
    ],
)
def test_pane_of_hostile_text(snap_compare, hostile_ws, row):
    # the list scrolls to `row`; the detail box shows that story in full
    assert shot(snap_compare, make_app(hostile_ws), "4", *["j"] * row)


def test_dashboard_small(snap_compare, demo_ws):
    assert shot(snap_compare, make_app(demo_ws, demo=True), size=SMALL)


def test_story_pane_small(snap_compare, demo_ws):
    assert shot(snap_compare, make_app(demo_ws, demo=True), "4", size=SMALL)


@pytest.mark.parametrize(
    "keys",
    [
        ("2", "tab"),  # the requirements with focus: every row, the description folded
        ("2", "tab", "tab"),  # the description with focus: unfolded, the detail box hidden
    ],
    ids=["requirements", "description"],
)
def test_company_pane_small(snap_compare, demo_ws, keys):
    assert shot(snap_compare, make_app(demo_ws, demo=True), *keys, size=SMALL)


def test_frames_hold_still(demo_ws):
    # what makes the pictures repeatable: no animation, no blinking cursor, a clock that waits
    from textual.widgets import Input, TextArea

    from tui.core import clock

    assert make_app(demo_ws).animation_level == "none"
    assert not Input().cursor_blink and not TextArea().cursor_blink
    assert clock.now() == clock.now() == FROZEN_NOW


def test_follow_up_pane_plan_of_a_panelist(snap_compare, demo_ws):
    # pane 8 grouped by round; Marta again, in the final round: her plan, the repeat warning
    assert shot(snap_compare, make_app(demo_ws, demo=True), "8", "j", "j")


def test_follow_up_pane_debrief_of_the_first_round(snap_compare, demo_ws):
    # the rounds list: the first round's debrief and its prediction scorecard
    assert shot(snap_compare, make_app(demo_ws, demo=True), "8", "tab")


def test_day_of_brief(snap_compare, demo_ws):
    from tui.ui.commands import ShowDayOfBrief

    app = make_app(demo_ws, demo=True)

    async def run_before(pilot) -> None:
        await settle(pilot)
        app.post_message(ShowDayOfBrief())  # as the palette's "Day-of brief" does
        await settle(pilot)

    assert snap_compare(app, terminal_size=LARGE, run_before=run_before)


@pytest.mark.parametrize(
    "keys",
    [
        ("r",),  # the prompt, the stopwatch at rest, the notes hidden
        ("r", "space"),  # the stopwatch running
        ("r", "space", "enter"),  # stopped, the notes revealed to compare
    ],
    ids=["prompt", "running", "revealed"],
)
def test_rehearsal(snap_compare, demo_ws, keys):
    assert shot(snap_compare, make_app(demo_ws, demo=True), *keys)


def test_rehearsal_small(snap_compare, demo_ws):
    assert shot(snap_compare, make_app(demo_ws, demo=True), "r", "space", "enter", size=SMALL)
