"""The times of rounds on real TinyDB files: a round that ends before it starts or at a time
its zone's clock skips is refused (saved or imported), an interview cannot end before its
round began, the brief says the end's day past midnight, round names keep their acronyms
inside sentences, the scorecard says when a question joined the bank, and the calendar keeps
control characters out. The computer's zone is held in each test that depends on it."""

from __future__ import annotations

import json
from datetime import datetime

import pytest
from conftest import save_as_app as save

from tui.core import clock, export, rounds
from tui.core.calendar_export import calendar_ics
from tui.core.day_of import day_of_brief
from tui.core.repository import Workspace
from tui.core.scorecard import round_scorecard
from tui.core.validation import ValidationError


def _opportunity(ws: Workspace) -> None:
    save(ws, "opportunity", {"company": "Northwind", "role": "Engineer"})


# -- a round ends after it starts ---------------------------------------------------------------
@pytest.mark.parametrize("end", ["2026-12-05 09:00", "2026-12-04 09:00", "2026-12-05 10:00"])
def test_a_round_that_ends_before_it_starts_is_refused_on_its_end(workspace, zone, end):
    zone("UTC")
    _opportunity(workspace)
    offer = {"name": "Offer call", "start_at": "2026-12-05 10:00", "end_at": end}
    with pytest.raises(ValidationError) as refused:
        save(workspace, "round", offer)
    assert set(refused.value.errors) == {"end_at"}
    said = refused.value.errors["end_at"]
    assert said.endswith("the start (2026-12-05 10:00): a round ends after it starts")
    assert workspace.all_records("round") == []
    # an hour later, it is saved
    saved = save(workspace, "round", offer | {"end_at": "2026-12-05 11:00"})
    # moved to end before it starts, it is refused again and stays as it was
    with pytest.raises(ValidationError, match="a round ends after it starts"):
        save(workspace, "round", {"end_at": "2026-12-05 08:00"}, saved.id)
    assert workspace.get("round", saved.id)["end_at"] == "2026-12-05 11:00"


def test_a_round_in_a_zone_is_compared_in_its_zone(workspace, zone):
    """09:00 the next day in Tokyo ends after 18:00 the day before in New York, not before:
    both times are read on the round's own clock."""
    zone("UTC")
    _opportunity(workspace)
    night = {"name": "Late call", "start_at": "2026-12-05 23:30", "end_at": "2026-12-06 00:15"}
    saved = save(workspace, "round", night | {"zone": "America/New_York"})
    assert saved["end_at"] == "2026-12-06 00:15"


def test_an_import_with_a_round_that_ends_before_it_starts_is_refused(workspace, tmp_path):
    _opportunity(workspace)
    save(workspace, "round", {"name": "Offer call", "start_at": "2026-12-05 10:00"})
    data = json.loads(export.to_json(workspace))
    data["records"]["round"][0]["values"]["end_at"] = "2026-12-04 09:00"
    with pytest.raises(export.ImportProblem, match="Ends.*before the start"):
        export.import_json(json.dumps(data), tmp_path / "copy.json")
    assert not (tmp_path / "copy.json").exists()


# -- a time the clock skips ---------------------------------------------------------------------
def test_a_start_the_clocks_skip_is_refused_with_what_the_clock_does(workspace, zone):
    zone("UTC")
    _opportunity(workspace)
    spring = {"name": "Final", "start_at": "2027-03-28 02:15", "zone": "Europe/Amsterdam"}
    with pytest.raises(ValidationError) as refused:
        save(workspace, "round", spring)
    assert refused.value.errors == {
        "start_at": "02:15 does not exist in Europe/Amsterdam on Sun 28 Mar 2027: the clocks "
        "go forward 1 h that night and skip it (it would read 03:15); pick a time before or "
        "after"
    }
    # 02:30-03:30 was saved as a round of no length: its start is refused, not its end
    with pytest.raises(ValidationError) as refused:
        save(
            workspace,
            "round",
            spring | {"start_at": "2027-03-28 02:30", "end_at": "2027-03-28 03:30"},
        )
    assert set(refused.value.errors) == {"start_at"}
    assert save(workspace, "round", spring | {"start_at": "2027-03-28 03:00"})


def test_a_time_this_computers_clock_skips_is_refused_for_a_round_without_a_zone(workspace, zone):
    zone("Europe/Amsterdam")
    _opportunity(workspace)
    with pytest.raises(ValidationError, match="does not exist on this computer's clock"):
        save(workspace, "round", {"name": "Final", "start_at": "2027-03-28 02:15"})
    zone("UTC")  # the same time on a computer whose clock does not skip it
    assert save(workspace, "round", {"name": "Final", "start_at": "2027-03-28 02:15"})


def test_the_brief_names_the_day_a_round_ends_on_your_clock_past_midnight(workspace, zone):
    zone("Pacific/Kiritimati")  # UTC+14: 10:00-13:00 in Amsterdam (UTC+1) runs past midnight
    _opportunity(workspace)
    save(
        workspace,
        "round",
        {
            "name": "Final",
            "start_at": "2026-11-29 10:00",
            "end_at": "2026-11-29 13:00",
            "zone": "Europe/Amsterdam",
        },
    )
    brief = day_of_brief(workspace, workspace.active, datetime(2026, 11, 28, 9, 0))
    assert "- On your clock: Sun 29 Nov 23:00-Mon 30 Nov 02:00" in brief.splitlines()


# -- an interview ends after its round began --------------------------------------------------
def test_an_interview_that_ended_before_its_round_began_is_refused_with_the_reason(workspace, zone):
    """10:00-11:30 in New York on a computer on UTC: 11:00 read in New York is 16:00 here, so
    an end typed as 11:00 was read on the wrong clock."""
    zone("UTC")
    _opportunity(workspace)
    final = save(
        workspace,
        "round",
        {
            "name": "Final",
            "start_at": "2026-11-27 10:00",
            "end_at": "2026-11-27 11:30",
            "zone": "America/New_York",
        },
    )
    kim = {"name": "Kim", "round": final.id, "ended_at": "2026-11-27 11:00"}
    with pytest.raises(ValidationError) as refused:
        save(workspace, "interviewer", kim)
    assert refused.value.errors == {
        "ended_at": "is before its round starts: 2026-11-27 15:00 on your clock "
        "(2026-11-27 10:00 America/New_York). Give the time on your clock"
    }
    assert workspace.all_records("interviewer") == []
    saved = save(workspace, "interviewer", kim | {"ended_at": "2026-11-27 16:00"})
    with pytest.raises(ValidationError, match="before its round starts"):
        save(workspace, "interviewer", {"ended_at": "2026-11-27 14:59"}, saved.id)
    # empty: the end of the round, on this computer's clock
    assert save(workspace, "interviewer", {"name": "Lee", "round": final.id})["ended_at"] == (
        "2026-11-27 16:30"
    )


# -- acronyms inside sentences ------------------------------------------------------------------
def test_a_round_named_with_an_acronym_keeps_it_inside_a_sentence(workspace, zone):
    zone("UTC")
    _opportunity(workspace)
    with clock.held(datetime(2026, 11, 28, 16, 15)):
        save(workspace, "round", {"name": "HR screen", "start_at": "2026-11-27 10:00"})
        save(workspace, "round", {"name": "CTO interview", "start_at": "2026-11-29 10:00"})
        save(workspace, "round", {"name": "Final round", "start_at": "2026-11-30 10:00"})
        assert rounds.countdown(workspace, workspace.active) == "CTO interview in 17 h 45 m"
        brief = export.brief_markdown(workspace, workspace.active)
    assert "(CTO interview in 17 h 45 m)" in brief
    assert rounds.the("HR screen") == "the HR screen"
    assert rounds.the("Final round") == "the final round"
    assert rounds.in_sentence("A/B test") == "A/B test"
    with clock.held(datetime(2026, 12, 1, 10, 0)):
        assert rounds.countdown(workspace, workspace.active).startswith("final round ended")


# -- the scorecard says when a question joined the bank ---------------------------------------
def test_a_question_added_to_the_bank_after_the_round_is_told_as_such(workspace, zone):
    zone("UTC")
    _opportunity(workspace)
    with clock.held(datetime(2026, 11, 20, 9, 0)):
        first = save(workspace, "round", {"name": "First round", "start_at": "2026-11-27 14:00"})
    with clock.held(datetime(2026, 11, 27, 18, 0)):  # after the round, in pane 6
        save(workspace, "practice", {"text": "How do you handle on-call?"})
    with clock.held(datetime(2026, 11, 28, 10, 0)):  # the debrief, the next day
        save(workspace, "asked", {"round": first.id, "text": "How do you handle on-call"})
        save(workspace, "asked", {"round": first.id, "text": "A question nobody saw coming"})
    card = round_scorecard(workspace, workspace.get("round", first.id))
    assert card.late == ("How do you handle on-call",)
    assert card.surprises == ("A question nobody saw coming",)
    assert card.lines()[0] == (
        "Recall 0%: 0 of 2 questions asked were in your practice bank before the round"
    )


# -- the calendar keeps control characters out -----------------------------------------------
def test_the_calendar_escapes_line_breaks_and_control_characters(workspace, zone):
    icalendar = pytest.importorskip("icalendar")
    zone("UTC")
    save(workspace, "opportunity", {"company": "Acme\x07", "role": "Dev\x1b[2J"})
    place = "HQ\rEND:VEVENT\rBEGIN:VEVENT\rSUMMARY:injected"
    save(
        workspace,
        "round",
        {
            "name": "Final\x1b round",
            "start_at": "2026-12-05 10:00",
            "end_at": "2026-12-05 11:00",
            "place": place,
            "notes": "bell\x07",
        },
    )
    ics = calendar_ics(workspace)
    # every line ends with CRLF, and no other control character is left anywhere
    assert all(c >= " " for line in ics.split("\r\n") for c in line)
    # a reader that takes a bare CR (or LF) for a line break still finds one event
    loose = ics.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    assert loose.count("BEGIN:VEVENT") == 1 and not any(
        line.startswith("SUMMARY:injected") for line in loose
    )
    calendar = icalendar.Calendar.from_ical(ics)
    (event,) = calendar.walk("VEVENT")
    assert str(event["LOCATION"]) == "HQ\nEND:VEVENT\nBEGIN:VEVENT\nSUMMARY:injected"
    assert str(event["SUMMARY"]) == "Final^[ round: Acme^G — Dev^[[2J"
