"""The prep brief and the dashboard tell one interview at one time, on real TinyDB files: a
round in another zone is named with its time on this computer's clock, before and after it."""

from __future__ import annotations

import time
from datetime import datetime

import pytest
from conftest import SIZE, make_app, settle, text_of
from conftest import save_as_app as save

from tui import cli
from tui.core import clock
from tui.core.export import brief_markdown
from tui.core.interview import interview_heading, next_interview
from tui.core.repository import Workspace
from tui.core.rounds import countdown

DAY_BEFORE = datetime(2026, 11, 28, 12, 24)  # on a computer on UTC
DAY_AFTER = datetime(2026, 11, 30, 10, 0)


@pytest.fixture
def utc(monkeypatch):
    """This computer's clock on UTC, an hour behind the round's zone."""
    monkeypatch.setenv("TZ", "UTC")
    time.tzset()
    yield
    monkeypatch.undo()
    time.tzset()


def final_in_amsterdam(tmp_path) -> Workspace:
    """A final round at 10:00 in Amsterdam; the opportunity still names the time as written
    and the round it was at first."""
    ws = Workspace(tmp_path / "workspace.json")
    opportunity = {"company": "Northwind", "role": "Platform engineer", "round": "second"}
    opportunity |= {"interview_at": "2026-11-29 10:00", "format": "video"}
    save(ws, "opportunity", opportunity)
    final = {"name": "Final round", "start_at": "2026-11-29 10:00", "end_at": "2026-11-29 13:00"}
    final |= {"zone": "Europe/Amsterdam", "format": "on site"}
    save(ws, "round", final)
    save(ws, "interviewer", {"name": "Maria Lopez"})
    return ws


def test_the_prep_brief_names_the_next_round_at_its_time_on_this_computer(tmp_path, utc, capsys):
    ws = final_in_amsterdam(tmp_path)
    with clock.held(DAY_BEFORE):
        header = countdown(ws, ws.active)
        heading = interview_heading(next_interview(ws, ws.active), DAY_BEFORE, 1, 0)
        brief = brief_markdown(ws, ws.active)
        ws.close()
        assert cli.main(["--db", str(tmp_path / "workspace.json"), "export", "--format", "md"]) == 0
    assert header == "final round in 20 h 36 m"
    assert heading.startswith("Interview tomorrow at 09:00")
    line = brief.splitlines()[
        2
    ]  # before: 'Second round · video · 2026-11-29 10:00 (interview in 21 h 36 m)'
    assert line == (
        "Final round · on site · 2026-11-29 09:00 your time (10:00 Europe/Amsterdam) "
        "(final round in 20 h 36 m) · status: preparing"
    )
    assert line in capsys.readouterr().out.splitlines()


def test_the_day_after_the_interview_was_at_the_time_said_the_day_before(tmp_path, utc):
    ws = final_in_amsterdam(tmp_path)
    with clock.held(DAY_AFTER):
        when = next_interview(ws, ws.active)
        brief = brief_markdown(ws, ws.active)
    assert when == datetime(2026, 11, 29, 9, 0)  # before: 10:00, the time in Amsterdam
    assert interview_heading(when, DAY_AFTER, 1, 1).endswith(
        "the interview was Sun 29 Nov at 09:00"
    )
    assert brief.splitlines()[2] == (
        "Final round · on site · 2026-11-29 09:00 your time (10:00 Europe/Amsterdam) "
        "(final round ended 22 h 0 m ago) · status: preparing"
    )
    ws.close()


async def test_the_dashboard_says_one_time_before_and_after_the_round(tmp_path, utc):
    ws = final_in_amsterdam(tmp_path)
    for now, said in (
        (DAY_BEFORE, "Interview tomorrow at 09:00 your time - "),
        (
            DAY_AFTER,
            "Follow-ups due: 1 thank-you note, 1 debrief - the interview was Sun 29 Nov at 09:00 "
            "your time",
        ),
    ):
        with clock.held(now):
            app = make_app(ws)
            async with app.run_test(size=SIZE) as pilot:
                await settle(pilot)
                assert text_of(app, "#dash-countdown").startswith(said)
    ws.close()
