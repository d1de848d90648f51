"""The interview an opportunity names stays counted when the candidate logs an earlier round
in pane 8 (today's first round, the evening before the final one), until a round on its day
takes its place. Real TinyDB files, a held clock, the dashboard through Pilot."""

from __future__ import annotations

from datetime import timedelta

from conftest import SIZE, make_app, settle, text_of
from conftest import from_midday as at
from conftest import save_as_app as save
from test_follow_up_due import listed, opportunity

from tui.core import rounds
from tui.core.day_of import day_of_brief
from tui.core.interview import all_held, interview_line, round_name, shown_status
from tui.core.next_actions import next_actions
from tui.core.readiness import Snapshot

TOMORROW_9 = timedelta(hours=21, minutes=30)  # the held clock is 11:30


def first_round_today(ws):
    return save(
        ws,
        "round",
        {
            "name": "First round",
            "start_at": at(-timedelta(hours=3)),
            "end_at": at(-timedelta(hours=2)),
        },
    )


def test_an_earlier_round_leaves_the_named_interview_counted(tmp_path, held):  # noqa: F811
    ws = opportunity(tmp_path, TOMORROW_9)
    first_round_today(ws)
    opp = ws.active
    assert opp is not None
    assert rounds.countdown(ws, opp) == "interview in 21 h 30 m"
    assert not all_held(ws, opp, held)
    assert shown_status(ws, opp, held) == "preparing"
    assert round_name(ws, opp) == "second round"
    assert "2026-03-11 09:00" in interview_line(ws, opp)
    texts = [a.text for a in next_actions(Snapshot(ws))]
    assert not any("Set the status" in t for t in texts), texts
    brief = day_of_brief(ws, opp, held)
    assert "Wed 11 Mar 09:00" in brief and "none on this day in pane 8" in brief
    # a round on that day takes its place, by its own name and time
    final = save(
        ws, "round", {"name": "Final round", "start_at": at(TOMORROW_9 + timedelta(hours=1))}
    )
    opp = ws.active
    assert opp is not None
    assert rounds.countdown(ws, opp) == "final round in 22 h 30 m"
    assert round_name(ws, opp) == "final round"
    assert "2026-03-11 10:00" in interview_line(ws, opp)
    # once it is over, every round is over
    held_later = held + TOMORROW_9 + timedelta(hours=3)
    assert all_held(ws, opp, held_later)
    assert shown_status(ws, opp, held_later).startswith("every round over")
    assert final.id in {r.id for r in rounds.rounds_of(ws, opp.id)}
    ws.close()


async def test_the_dashboard_counts_down_to_the_named_interview_after_an_earlier_round(
    tmp_path,
    held,  # noqa: F811
):
    ws = opportunity(tmp_path, TOMORROW_9)
    first_round_today(ws)
    app = make_app(ws)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        heading = text_of(app, "#dash-countdown")
        assert heading.startswith("Interview tomorrow at 09:00"), heading
        assert "every round over" not in text_of(app, "#dash-opportunity")
        assert "second round" in text_of(app, "#dash-opportunity")
        actions = listed(app)
        assert not any("Set the status" in line for line in actions), actions
        assert any("debrief" in line.lower() for line in actions), actions  # today's round
    ws.close()
