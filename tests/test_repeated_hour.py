"""Times the clocks show twice (the hour repeated when they go back), on real TinyDB files: such
a time is refused until it says "(first)" or "(second)", from a save, an import or for an
interview's end on this computer's clock; the one said is the one used; a round stored before
without saying loads, shows which one it is and survives edits and restores. The computer's
zone is held in each test."""

from __future__ import annotations

import json
from datetime import datetime

import pytest
from conftest import save_as_app as save
from test_round_times import _opportunity

from tui.core import export, rounds
from tui.core.calendar_export import calendar_ics
from tui.core.field_values import parse_datetime, which_of_two
from tui.core.kinds import kind
from tui.core.repository import Workspace
from tui.core.restore import restore
from tui.core.round_times import clock_problem
from tui.core.validation import ValidationError, validate

NEW_YORK = "America/New_York"
NEW_YORK_TWICE = (
    "01:30 comes twice in America/New_York on Sun 01 Nov 2026, as the clocks go back 1 h: "
    "type 2026-11-01 01:30 (first) for 05:30 UTC on your clock or 2026-11-01 01:30 (second) "
    "for 06:30 UTC"
)


# -- reading the words ---------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("text", "fold", "which"),
    [
        ("2026-11-01 01:30", 0, ""),
        ("2026-11-01 01:30 (first)", 0, "first"),
        ("2026-11-01 01:30 (second)", 1, "second"),
        ("2026-11-01 01:30 AM ( Second )", 1, "second"),
        ("2026-11-01T01:30 second", 1, "second"),
    ],
)
def test_a_time_says_which_of_two_it_is_in_words(text, fold, which):
    when = parse_datetime(text)
    assert when == datetime(2026, 11, 1, 1, 30) and when.fold == fold
    assert which_of_two(text) == which
    field = kind("round").field("start_at")
    cleaned = field.behaviour.clean(field, text)
    assert cleaned == ("2026-11-01 01:30" + (f" ({which})" if which else ""), None)


@pytest.mark.parametrize("text", ["2026-11-01 01:30 (third)", "2026-11-01 01:30 (first"])
def test_other_words_after_a_time_are_refused(text):
    with pytest.raises(ValidationError, match="should be a date and time"):
        validate(kind("round"), {"name": "Final", "start_at": text})


# -- the check -------------------------------------------------------------------------------
def test_a_round_at_a_time_its_zone_shows_twice_is_refused_until_it_says_which(workspace, zone):
    zone("UTC")
    _opportunity(workspace)
    night = {"name": "Night call", "start_at": "2026-11-01 01:30", "zone": NEW_YORK}
    with pytest.raises(ValidationError) as refused:
        save(workspace, "round", night)
    assert refused.value.errors == {"start_at": NEW_YORK_TWICE}
    assert workspace.all_records("round") == []
    # typed as the message says, each is saved, and each is its own moment
    second = save(workspace, "round", night | {"start_at": "2026-11-01 01:30 (second)"})
    first = save(workspace, "round", night | {"start_at": "2026-11-01 01:30 (first)"})
    assert second["start_at"] == "2026-11-01 01:30 (second)"
    assert rounds.local_times(first)[0] == datetime(2026, 11, 1, 5, 30)
    assert rounds.local_times(second)[0] == datetime(2026, 11, 1, 6, 30)
    assert rounds.round_line(second).startswith(
        "Night call · Sun 01 Nov 01:30 (second, EST)-02:30 America/New_York"
    )
    assert [r.id for r in rounds.rounds_of(workspace)] == [first.id, second.id]


def test_the_message_in_berlin_names_both_times_on_your_clock(zone):
    from zoneinfo import ZoneInfo

    zone("America/New_York")  # the candidate is in New York, the round in Berlin
    said = clock_problem("2026-10-25 02:30", "Europe/Berlin", ZoneInfo("Europe/Berlin"))
    assert said == (
        "02:30 comes twice in Europe/Berlin on Sun 25 Oct 2026, as the clocks go back 1 h: "
        "type 2026-10-25 02:30 (first) for Sat 24 Oct 20:30 EDT on your clock or "
        "2026-10-25 02:30 (second) for Sat 24 Oct 21:30 EDT"
    )


def test_which_of_two_on_a_time_shown_once_is_refused(workspace, zone):
    zone("UTC")
    _opportunity(workspace)
    with pytest.raises(ValidationError) as refused:
        save(
            workspace,
            "round",
            {"name": "Final", "start_at": "2026-11-02 01:30 (second)", "zone": NEW_YORK},
        )
    assert refused.value.errors == {
        "start_at": "01:30 comes once in America/New_York on Mon 02 Nov 2026: leave out (second)"
    }


def test_a_round_from_the_first_to_the_second_0130_lasts_an_hour(workspace, zone):
    zone("UTC")
    _opportunity(workspace)
    hour = {"name": "Night call", "zone": NEW_YORK}
    saved = save(
        workspace,
        "round",
        hour | {"start_at": "2026-11-01 01:30 (first)", "end_at": "2026-11-01 01:30 (second)"},
    )
    start, end = rounds.local_times(saved)
    assert end is not None and start is not None and (end - start).total_seconds() == 3600
    with pytest.raises(ValidationError) as refused:
        save(
            workspace,
            "round",
            hour | {"start_at": "2026-11-01 01:30 (second)", "end_at": "2026-11-01 01:45 (first)"},
        )
    assert refused.value.errors == {
        "end_at": "is before the start (2026-11-01 01:30 (second)): a round ends after it starts"
    }


def test_an_interview_that_ended_at_a_time_your_clock_shows_twice_says_which(workspace, zone):
    zone(NEW_YORK)
    _opportunity(workspace)
    kim = {"name": "Kim", "ended_at": "2026-11-01 01:30"}
    with pytest.raises(ValidationError) as refused:
        save(workspace, "interviewer", kim)
    assert refused.value.errors == {
        "ended_at": "01:30 comes twice on this computer's clock on Sun 01 Nov 2026, as the "
        "clocks go back 1 h: type 2026-11-01 01:30 (first) for 01:30 EDT on your clock or "
        "2026-11-01 01:30 (second) for 01:30 EST"
    }
    saved = save(workspace, "interviewer", kim | {"ended_at": "2026-11-01 01:30 (second)"})
    assert saved["ended_at"] == "2026-11-01 01:30 (second)"


def test_the_calendar_writes_the_second_in_utc(workspace, zone):
    zone("UTC")
    _opportunity(workspace)
    save(
        workspace,
        "round",
        {"name": "Night call", "start_at": "2026-11-01 01:30 (second)", "zone": NEW_YORK},
    )
    ics = calendar_ics(workspace)
    assert "DTSTART:20261101T063000Z" in ics.split("\r\n")
    # the end, an hour later on the same clock, keeps the zone's name
    assert "DTEND;TZID=America/New_York:20261101T023000" in ics.split("\r\n")


# -- a round stored before without saying which ---------------------------------------------------
def _stored_before(path, start: str = "2026-11-01 01:30") -> None:
    """A round in New York whose start an older Final Round kept without saying which."""
    ws = Workspace(path)
    _opportunity(ws)
    save(ws, "round", {"name": "Night call", "start_at": "2026-11-02 01:30", "zone": NEW_YORK})
    ws.close()
    document = json.loads(path.read_text(encoding="utf-8"))
    document["round"]["1"]["start_at"] = start
    path.write_text(json.dumps(document), encoding="utf-8")


def test_a_round_stored_without_saying_which_loads_shows_the_first_and_can_be_edited(db_path, zone):
    zone("UTC")
    _stored_before(db_path)
    ws = Workspace(db_path)
    (night,) = ws.all_records("round")
    assert not night.damaged and night["start_at"] == "2026-11-01 01:30"
    assert "Sun 01 Nov 01:30 (first, EDT)-02:30 America/New_York" in rounds.round_line(night)
    assert rounds.local_times(night)[0] == datetime(2026, 11, 1, 5, 30)
    # another field edited: the time it held stays as it was
    renamed = save(ws, "round", {"name": "Final"}, night.id)
    assert renamed["start_at"] == "2026-11-01 01:30"
    # the time changed, or the zone: asked which
    with pytest.raises(ValidationError, match="01:15 comes twice in America/New_York"):
        save(ws, "round", {"start_at": "2026-11-01 01:15 AM"}, night.id)
    with pytest.raises(ValidationError, match="comes twice in America/Toronto"):
        save(ws, "round", {"zone": "America/Toronto"}, night.id)
    assert save(ws, "round", {"start_at": "2026-11-01 01:30 (second)"}, night.id)
    ws.close()


def test_a_backup_with_such_a_round_is_restored_and_an_import_asks_which(tmp_path, zone):
    zone("UTC")
    backup = tmp_path / "backup.json"
    _stored_before(backup)
    restored = tmp_path / "workspace.json"
    restore(restored, backup)
    ws = Workspace(restored)
    assert ws.all_records("round")[0]["start_at"] == "2026-11-01 01:30"
    exported = json.loads(export.to_json(ws))
    ws.close()
    with pytest.raises(export.ImportProblem) as refused:
        export.import_json(json.dumps(exported), tmp_path / "copy.json")
    assert "field 'Starts': " + NEW_YORK_TWICE in str(refused.value)
    assert not (tmp_path / "copy.json").exists()
    exported["records"]["round"][0]["values"]["start_at"] = "2026-11-01 01:30 (first)"
    export.import_json(json.dumps(exported), tmp_path / "copy.json")
    copy = Workspace(tmp_path / "copy.json")
    assert rounds.local_times(copy.all_records("round")[0])[0] == datetime(2026, 11, 1, 5, 30)
    copy.close()
