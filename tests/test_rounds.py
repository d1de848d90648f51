"""Rounds in the core: files of the release before rounds migrate, times in their own zones,
who heard which story, the warnings before a round, the scorecard, the calendar and the
day-of brief. Real TinyDB files throughout."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from datetime import datetime, timedelta
from pathlib import Path

import pytest
from conftest import save_as_app as save

from tui.core import clock, round_plans, rounds
from tui.core.backups import backups
from tui.core.calendar_export import calendar_ics
from tui.core.day_of import day_of_brief
from tui.core.demo import build_demo
from tui.core.rehearsal import practised_ids
from tui.core.repository import SCHEMA_VERSION, Workspace
from tui.core.scorecard import round_scorecard, scorecard
from tui.core.states import log_attempt

FIXTURES = Path(__file__).parent / "fixtures"
NOW = datetime(2026, 3, 10, 9, 30)


@pytest.fixture
def held():
    clock.hold(NOW)
    yield NOW
    clock.hold(None)


# -- migration ---------------------------------------------------------------------------------
def test_a_file_of_the_release_before_rounds_opens_in_rounds_with_a_backup(tmp_path):
    path = tmp_path / "workspace.json"
    shutil.copy(FIXTURES / "workspace-schema-1.json", path)
    before = path.read_bytes()
    ws = Workspace(path)
    kept = backups(path)
    assert len(kept) == 1 and f"before-schema-{SCHEMA_VERSION}" in kept[0].name
    assert kept[0].read_bytes() == before  # the copy is the file as the old release left it
    northwind = ws.opportunities()[0]
    names = {r.id: r.title for r in ws.scoped_records("round", northwind.id)}
    # the interview the opportunity named became its round, at its time, for an hour
    final = next(r for r in ws.scoped_records("round", northwind.id) if r.title == "Final round")
    assert (final["start_at"], final["end_at"]) == ("2026-03-12 10:00", "2026-03-12 11:00")
    assert final["format"] == "on site"
    # the interviewers ended the day before that: they go to an earlier round, and keep
    # the time their note is counted from
    people = ws.scoped_records("interviewer", northwind.id)
    assert {names[p["round"]] for p in people} == {"Earlier round"}
    assert [p["ended_at"] for p in people] == [
        "2026-03-10 02:30",
        "2026-03-10 03:30",
        "2026-03-09 03:30",
    ]
    assert all(not p.damaged for p in ws.all_records("interviewer"))
    ws.close()
    on_disk = json.loads(path.read_text())
    assert on_disk["_meta"]["1"]["schema"] == SCHEMA_VERSION
    Workspace(path).close()  # opening it again migrates nothing and keeps no second copy
    assert len(backups(path)) == 1


def test_an_interviewer_who_ended_with_the_interview_joins_its_round(tmp_path):
    path = tmp_path / "workspace.json"
    doc = json.loads((FIXTURES / "workspace-schema-1.json").read_text())
    doc["interviewer"]["1"]["ended_at"] = "2026-03-12 11:05"  # Marta, right after it
    path.write_text(json.dumps(doc))
    ws = Workspace(path)
    marta = ws.get("interviewer", 1)
    assert ws.get("round", marta["round"]).title == "Final round"
    ws.close()


@pytest.mark.parametrize("meta", [None, {"1": {"schema": 0}}], ids=["no-meta", "schema-0"])
def test_a_file_in_todays_shape_with_its_schema_lost_keeps_its_rounds(demo, meta):
    """A file whose _meta was removed or zeroed by hand is migrated from the start: its
    rounds and the interviewers in them stay as they were, none made twice."""
    path = demo.path
    rounds_before = {r.id: r.title for r in demo.all_records("round")}
    people_before = {p.id: p["round"] for p in demo.all_records("interviewer")}
    demo.close()
    doc = json.loads(path.read_text())
    if meta is None:
        del doc["_meta"]
    else:
        doc["_meta"] = meta
    path.write_text(json.dumps(doc))
    ws = Workspace(path)
    assert {r.id: r.title for r in ws.all_records("round")} == rounds_before
    assert {p.id: p["round"] for p in ws.all_records("interviewer")} == people_before
    ws.close()


def test_a_read_only_window_reads_an_old_file_without_changing_it(tmp_path):
    path = tmp_path / "workspace.json"
    shutil.copy(FIXTURES / "workspace-schema-1.json", path)
    before = path.read_bytes()
    ws = Workspace(path, read_only=True)
    assert ws.all_records("round") == [] and len(ws.all_records("interviewer")) == 4
    ws.close()
    assert path.read_bytes() == before and backups(path) == []


# -- time ---------------------------------------------------------------------------------------
def test_a_round_in_another_zone_counts_down_on_this_computers_clock(workspace, held, monkeypatch):
    workspace.add("opportunity", {"company": "Acme", "role": "Engineer"})
    save(
        workspace,
        "round",
        {
            "name": "Final",
            "start_at": "2026-03-11 10:00",
            "end_at": "2026-03-11 12:30",
            "zone": "America/New_York",
        },
    )
    r = workspace.all_records("round")[0]
    start, end = rounds.local_times(r)
    expected = (
        datetime(2026, 3, 11, 10, 0)
        .replace(tzinfo=__import__("zoneinfo").ZoneInfo("America/New_York"))
        .astimezone()
        .replace(tzinfo=None)
    )
    assert start == expected and end - start == timedelta(hours=2, minutes=30)
    opp = workspace.active
    assert rounds.interview_time(workspace, opp) == start
    assert rounds.countdown(workspace, opp).startswith("final in ")


def test_a_zone_the_computer_does_not_know_is_refused(workspace):
    from tui.core.validation import ValidationError

    workspace.add("opportunity", {"company": "Acme", "role": "Engineer"})
    with pytest.raises(ValidationError, match="time zone"):
        workspace.add("round", {"name": "Final", "zone": "Mars/Olympus"})


def test_the_note_deadline_runs_from_the_end_of_the_round(workspace, held):
    workspace.add("opportunity", {"company": "Acme", "role": "Engineer"})
    first = save(
        workspace,
        "round",
        {"name": "First", "start_at": "2026-03-09 14:00", "end_at": "2026-03-09 15:30"},
    )
    ada = save(workspace, "interviewer", {"name": "Ada", "round": first.id})
    assert ada["ended_at"] == "2026-03-09 15:30"
    # the round moved: so does the end of the interviews that followed it
    save(workspace, "round", {"end_at": "2026-03-09 16:00"}, first.id)
    assert workspace.get("interviewer", ada.id)["ended_at"] == "2026-03-09 16:00"


# -- told-to log and warnings -------------------------------------------------------------------
def _two_rounds(ws: Workspace):
    ws.add("opportunity", {"company": "Acme", "role": "Engineer"})
    s1 = ws.add("story", {"title": "Migration", "result": "40 services in 5 months"})
    s2 = ws.add("story", {"title": "Outage", "result": "0 repeats"})
    q = ws.add("question", {"text": "What does success look like?"})
    first = save(ws, "round", {"name": "First round", "start_at": "2026-03-02 10:00"})
    final = save(ws, "round", {"name": "Final round", "start_at": "2026-03-11 10:00"})
    marta1 = save(ws, "interviewer", {"name": "Marta", "round": first.id})
    save(
        ws,
        "asked",
        {"round": first.id, "text": "Tell me about a migration", "by": marta1.id, "story": s1.id},
    )
    return s1, s2, q, first, final


def test_a_story_a_person_heard_in_an_earlier_round_is_warned_about(workspace, held):
    s1, s2, q, first, final = _two_rounds(workspace)
    save(
        workspace,
        "interviewer",
        {"name": "marta ", "round": final.id, "plan_stories": [s1.id], "plan_questions": [q.id]},
    )
    texts = [w.text for w in round_plans.plan_warnings(workspace)]
    assert texts == ["Plan a new example for marta: they heard “Migration” in the first round"]
    told = round_plans.told_everywhere(workspace)
    assert told[s1.id] == [("Acme", "First round", "Marta")]


def test_one_story_for_two_panelists_and_a_panelist_without_a_question(workspace, held):
    s1, s2, q, first, final = _two_rounds(workspace)
    save(
        workspace,
        "interviewer",
        {"name": "Aiko", "round": final.id, "plan_stories": [s2.id], "plan_questions": [q.id]},
    )
    joost = save(
        workspace, "interviewer", {"name": "Joost", "round": final.id, "plan_stories": [s2.id]}
    )
    texts = [w.text for w in round_plans.plan_warnings(workspace)]
    assert (
        "Give Aiko and Joost different stories: each has “Outage” planned in the final round"
        in texts
    )
    assert "No question planned for Joost (Final round)" in texts
    assert len(texts) == 2
    # fixed: Joost gets another story and a question, and the warnings go
    save(workspace, "interviewer", {"plan_stories": [], "plan_questions": [q.id]}, joost.id)
    assert round_plans.plan_warnings(workspace) == []


def test_a_round_that_is_over_is_not_warned_about_but_offers_its_debrief(workspace, held):
    workspace.add("opportunity", {"company": "Acme", "role": "Engineer"})
    first = save(workspace, "round", {"name": "First round", "start_at": "2026-03-02 10:00"})
    save(workspace, "interviewer", {"name": "Lee", "round": first.id})
    assert round_plans.plan_warnings(workspace) == []
    assert [r.title for r in rounds.debriefs_due(workspace)] == ["First round"]
    save(workspace, "asked", {"round": first.id, "text": "Why us?"})
    assert rounds.debriefs_due(workspace) == []


# -- debrief and scorecard ----------------------------------------------------------------------
def test_scorecard_of_a_hand_made_round(workspace):
    """4 asked, 3 of them in the bank before the round, 6 practised: recall 75%, precision 50%."""
    workspace.add("opportunity", {"company": "Acme", "role": "Engineer"})
    r = workspace.add("round", {"name": "First round"})
    bank = [workspace.add("practice", {"text": f"Practised question {n}?"}) for n in range(6)]
    for question in bank:
        log_attempt(workspace, question)  # rehearsed out loud once
    workspace.add("practice", {"text": "Never practised?"})
    for n in range(3):
        save(workspace, "asked", {"round": r.id, "text": f"practised question {n}"})
    save(workspace, "asked", {"round": r.id, "text": "A question nobody saw coming?"})
    asked = workspace.all_records("asked")
    assert [a["predicted"] for a in asked] == [True, True, True, False]
    assert [a["practice"] for a in asked[:3]] == [b.id for b in bank[:3]]
    card = scorecard(asked, workspace.all_records("practice"), practised_ids(workspace))
    assert card.recall == 0.75 and card.precision == 0.5
    assert card.lines() == [
        "Recall 75%: 3 of 4 questions asked were in your practice bank before the round",
        "Precision 50%: 3 of 6 practised questions came",
    ]
    assert card.surprises == ("A question nobody saw coming?",)
    assert card.did_not_come == tuple(f"Practised question {n}?" for n in range(3, 6))
    # the question nobody saw coming joined the bank
    assert "A question nobody saw coming?" in [p.title for p in workspace.all_records("practice")]


def test_later_practice_leaves_a_past_rounds_precision_as_it_was(workspace):
    """Precision counts the questions practised before the round began: practising the
    questions that did not come, after the round, changes nothing in its figures."""
    workspace.add("opportunity", {"company": "Acme", "role": "Engineer"})
    clock.hold(datetime(2026, 3, 1, 9, 0))
    try:
        r = save(workspace, "round", {"name": "First round", "start_at": "2026-03-02 10:00"})
        bank = [workspace.add("practice", {"text": f"Practised question {n}?"}) for n in range(6)]
        for question in bank:
            log_attempt(workspace, question)  # the day before the round
        late = [workspace.add("practice", {"text": f"Not practised yet {n}?"}) for n in range(2)]
        for n in range(3):
            save(workspace, "asked", {"round": r.id, "text": f"practised question {n}"})
        save(workspace, "asked", {"round": r.id, "text": "A question nobody saw coming?"})
        before = round_scorecard(workspace, workspace.get("round", r.id))
        assert (before.recall, before.precision) == (0.75, 0.5)
        clock.hold(datetime(2026, 3, 5, 18, 0))  # days after the round: practise the rest
        for question in [*late, *workspace.all_records("practice")]:
            log_attempt(workspace, question)
        after = round_scorecard(workspace, workspace.get("round", r.id))
    finally:
        clock.hold(None)
    assert after == before
    assert after.lines()[1] == "Precision 50%: 3 of 6 practised questions came"
    # today every question of the bank is practised: what a round still to come counts
    assert practised_ids(workspace) == {p.id for p in workspace.all_records("practice")}
    assert len(practised_ids(workspace)) == 9  # 6, the 2 practised late, the surprise


def test_the_demo_debrief_is_worked_out_from_its_records(tmp_path, held):
    ws = build_demo(tmp_path / "demo.json")
    first = next(r for r in rounds.rounds_of(ws) if r.title == "First round")
    asked = [a for a in ws.scoped_records("asked") if a["round"] == first.id]
    card = round_scorecard(ws, first)
    began = rounds.local_times(first)[0]
    practised = [p for p in ws.all_records("practice") if p.id in practised_ids(ws, before=began)]
    assert len(asked) == 5 and len(card.predicted) == 3 and len(practised) == 4
    assert (card.recall, card.precision) == (0.6, 0.5)


# -- the demo's story ---------------------------------------------------------------------------
def test_the_demo_has_a_first_round_behind_and_a_panel_tomorrow(tmp_path, held):
    ws = build_demo(tmp_path / "demo.json")
    first, final = rounds.rounds_of(ws)
    assert rounds.has_ended(first) and not rounds.has_ended(final)
    people = ws.scoped_records("interviewer")
    assert [p["draft_state"] for p in people if p["round"] == first.id] == ["sent", "sent"]
    panel = [p for p in people if p["round"] == final.id]
    assert len(panel) == 3 and all(p["plan_stories"] and p["plan_questions"] for p in panel)
    warnings = round_plans.plan_warnings(ws)
    assert [w.text for w in warnings] == [
        "Plan a new example for Marta Jensen: they heard “Led the Kubernetes migration across "
        "four teams” in the first round"
    ]
    assert rounds.countdown(ws, ws.active).startswith("final round in ")


# -- calendar and day-of brief ------------------------------------------------------------------
def test_the_calendar_writes_each_round_with_its_length_and_zone_across_a_change_of_time(
    workspace, held
):
    icalendar = pytest.importorskip("icalendar")
    workspace.add("opportunity", {"company": "Acme", "role": "Engineer"})
    # New York moves its clocks on 8 March 2026; Amsterdam on 29 March
    save(
        workspace,
        "round",
        {
            "name": "Screen",
            "start_at": "2026-03-06 09:00",
            "end_at": "2026-03-06 09:30",
            "zone": "America/New_York",
        },
    )
    save(
        workspace,
        "round",
        {
            "name": "Final",
            "start_at": "2026-03-10 15:00",
            "end_at": "2026-03-10 18:00",
            "zone": "America/New_York",
        },
    )
    save(
        workspace,
        "round",
        {
            "name": "Onsite",
            "start_at": "2026-04-01 10:00",
            "end_at": "2026-04-01 11:15",
            "zone": "Europe/Amsterdam",
        },
    )
    calendar = icalendar.Calendar.from_ical(calendar_ics(workspace))
    events = {str(e["SUMMARY"]).split(":")[0]: e for e in calendar.walk("VEVENT")}
    screen, final, onsite = events["Screen"], events["Final"], events["Onsite"]
    utc = __import__("datetime").UTC
    assert screen.decoded("DTSTART").astimezone(utc).hour == 14  # EST, UTC-5
    assert final.decoded("DTSTART").astimezone(utc).hour == 19  # EDT, UTC-4
    assert onsite.decoded("DTSTART").astimezone(utc).hour == 8  # CEST, UTC+2
    assert final.decoded("DTEND") - final.decoded("DTSTART") == timedelta(hours=3)
    assert onsite.decoded("DTEND") - onsite.decoded("DTSTART") == timedelta(minutes=75)
    zones = {str(z["TZID"]) for z in calendar.walk("VTIMEZONE")}
    assert zones == {"America/New_York", "Europe/Amsterdam"}


def test_the_calendar_keeps_the_interview_the_opportunity_names_on_a_day_of_no_round(
    workspace, held
):
    """With a round logged on another day, the interview the header counted down to was
    left out of the calendar."""
    icalendar = pytest.importorskip("icalendar")
    workspace.add(
        "opportunity", {"company": "Acme", "role": "Engineer", "interview_at": "2026-03-12 10:00"}
    )
    save(
        workspace,
        "round",
        {"name": "Screen", "start_at": "2026-03-09 09:00", "end_at": "2026-03-09 10:00"},
    )
    events = icalendar.Calendar.from_ical(calendar_ics(workspace)).walk("VEVENT")
    summaries = sorted(str(e["SUMMARY"]) for e in events)
    assert len(summaries) == 2 and summaries[0].startswith("Screen"), summaries
    assert "interview: Acme" in summaries[1], summaries
    save(
        workspace,
        "round",
        {"name": "Final", "start_at": "2026-03-12 10:00", "end_at": "2026-03-12 12:00"},
    )
    events = icalendar.Calendar.from_ical(calendar_ics(workspace)).walk("VEVENT")
    # a round on its day stands for it: not twice in the calendar
    assert sorted(str(e["SUMMARY"]).split(":")[0] for e in events) == ["Final", "Screen"]


def test_day_of_brief_of_the_demo_fits_a_page(tmp_path, held):
    ws = build_demo(tmp_path / "demo.json")
    text = day_of_brief(ws, ws.active)
    lines = text.splitlines()
    assert len(lines) <= 120
    assert lines[0] == "# Day-of brief: Northwind Logistics — Staff Platform Engineer"
    assert "## Who you meet (3)" in lines
    for name in ("### Marta Jensen", "### Aiko Tanaka", "### Joost de Vries"):
        assert any(line.startswith(name) for line in lines)
    assert "- Countdown: final round in 23 h 30 m" in lines
    assert any(line.startswith("- ⚠ Plan a new example for Marta Jensen") for line in lines)
    assert "## Must-haves and your best story" in lines
    assert "## Concerns and your answers" in lines


def test_export_brief_prints_the_day_of_page():
    out = subprocess.run(
        [sys.executable, "-m", "tui", "--demo", "export", "--format", "brief"],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    assert out.startswith("# Day-of brief: Northwind Logistics")
    assert len(out.splitlines()) <= 120
