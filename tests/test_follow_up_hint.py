"""Pane 8's first check, "Every interviewer is listed with what you discussed", says what to
do while it is not ticked: log a round, list who you met, or write down what you discussed
with someone; beside the check at 120x40, in the one-line checklist at 80x24."""

from __future__ import annotations

import pytest
from conftest import make_app, save_as_app, settle, text_of

from tui.core import readiness
from tui.core.repository import Workspace

FIRST = "Every interviewer is listed with what you discussed"


def _first_check(ws: Workspace) -> readiness.Check:
    (check,) = [c for c in readiness.checklist(ws, 8) if c.text == FIRST]
    return check


def test_the_first_check_of_pane_8_says_what_to_do_until_it_is_ticked(workspace, frozen_clock):
    """The clock is held at 10 Mar 2026 09:30: the first round is over, the final to come."""
    ws = workspace
    ws.add("opportunity", {"company": "Acme", "role": "Engineer"})
    check = _first_check(ws)
    assert (check.done, check.hint) == (False, "no round yet: tab to Rounds, press n")
    # a round to come, nobody listed for it yet
    final = save_as_app(
        ws, "round", {"name": "Final", "start_at": "2026-03-12 10:00", "end_at": "2026-03-12 12:00"}
    )
    assert _first_check(ws).hint == "nobody listed: press n on Interviewers"
    ada = save_as_app(ws, "interviewer", {"name": "Ada Park", "round": final.id})
    assert _first_check(ws).hint == "no round over yet: afterwards, press e on each interviewer"
    # a round that is over, nobody listed for it: that, not "no round over yet"
    first = save_as_app(
        ws, "round", {"name": "First", "start_at": "2026-03-09 10:00", "end_at": "2026-03-09 11:00"}
    )
    assert _first_check(ws).hint == "nobody listed for First: press n on Interviewers"
    # the round is over: Ada has nothing written down yet, then Bo too
    save_as_app(ws, "interviewer", {"round": first.id}, ada.id)
    check = _first_check(ws)
    assert (check.done, check.hint) == (False, "nothing noted for Ada Park: press e")
    bo = save_as_app(ws, "interviewer", {"name": "Bo Chen", "round": first.id})
    assert _first_check(ws).hint == "nothing noted for Ada Park and 1 more: press e on each"
    save_as_app(ws, "interviewer", {"discussed": "the platform team"}, ada.id)
    save_as_app(ws, "interviewer", {"discussed": "on-call"}, bo.id)
    check = _first_check(ws)
    assert (check.done, check.hint) == (True, "")


@pytest.mark.parametrize(
    ("size", "where"), [((120, 40), ".checklist"), ((80, 24), ".checklist-line")]
)
async def test_pane_8_shows_the_hint_at_both_sizes(workspace, frozen_clock, size, where):
    ws = workspace
    ws.add("opportunity", {"company": "Acme", "role": "Engineer"})
    app = make_app(ws)
    async with app.run_test(size=size) as pilot:
        await settle(pilot)
        await pilot.press("8")
        await settle(pilot)
        assert "no round yet: tab to Rounds, press n" in text_of(app, where)
        # an interviewer met with nothing written down: named, and the key that edits them
        save_as_app(ws, "interviewer", {"name": "Ada Park", "ended_at": "2026-03-09 11:00"})
        app.screen.refresh_views()
        await settle(pilot)
        assert "nothing noted for Ada Park: press e" in text_of(app, where)


def test_the_other_checks_of_pane_8_name_who_is_left(workspace, frozen_clock):
    """Strengths to reinforce and notes to send: the first person left and how many more, with
    the keys that do it; nothing while nobody was met (the first check says what to do then)."""
    ws = workspace
    ws.add("opportunity", {"company": "Acme", "role": "Engineer"})

    def hints() -> list[str]:
        return [c.hint for c in readiness.checklist(ws, 8)[1:]]

    assert hints() == ["", ""]
    ended = "2026-03-09 11:00"
    ada = save_as_app(ws, "interviewer", {"name": "Ada Park", "ended_at": ended})
    save_as_app(ws, "interviewer", {"name": "Bo Chen", "ended_at": ended})
    assert hints() == [
        "no strengths for Ada Park and 1 more: press e on each",
        "not sent to Ada Park and 1 more: y copies, s marks sent",
    ]
    save_as_app(ws, "interviewer", {"strengths": "platform migrations"}, ada.id)
    save_as_app(ws, "interviewer", {"draft_state": "sent", "sent_at": "2026-03-09 20:00"}, ada.id)
    assert hints() == [
        "no strengths for Bo Chen: press e",
        "not sent to Bo Chen: y copies, s marks sent",
    ]


async def test_at_80x24_the_keys_stay_on_the_line_whatever_the_names(workspace, frozen_clock):
    """The one-line checklist keeps the hint's keys and the checks left; a long name before
    them gives up its end."""
    from contrast import screen_lines

    ws = workspace
    ws.add("opportunity", {"company": "Acme", "role": "Engineer"})
    ended = "2026-03-09 11:00"
    long = "Dr. Alexandra Konstantinopoulou-Whitfield"
    save_as_app(ws, "interviewer", {"name": long, "ended_at": ended})
    save_as_app(ws, "interviewer", {"name": "Bo Chen", "ended_at": ended})
    app = make_app(ws)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("8")
        await settle(pilot)
        hint = f"nothing noted for {long} and 1 more: press e on each"
        assert hint in text_of(app, ".checklist-line")  # the whole hint, where it fits
        rows = ["".join(s.text for s in line) for line in screen_lines(app)]
        (row,) = [r for r in rows if "checklist 0/3" in r]
        assert row.rstrip().endswith("…: press e on each · 2 more checks"), row
        assert "checklist 0/3: ○ nothing noted" in row, row
