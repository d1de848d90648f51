"""Field types as a table: every type has its core half and its form half, and each link to a
story is found, removed and renamed by the type, not by the code that asks."""

from __future__ import annotations

from datetime import datetime

from tui.core import clock
from tui.core.field_types import DATE, DATETIME, STORIES, STORY
from tui.core.kind_spec import FIELD_TYPES
from tui.core.kinds import KINDS, Field
from tui.core.references import names, without
from tui.ui.field_widgets import FORM_WIDGETS


def test_every_type_has_both_halves_and_every_field_a_known_type():
    assert set(FIELD_TYPES) == set(FORM_WIDGETS)
    for k in KINDS.values():
        for f in k.fields:
            assert f.type in FIELD_TYPES, (k.name, f.name)


def test_story_links_by_type():
    one, many = FIELD_TYPES[STORY], FIELD_TYPES[STORIES]
    assert one.story_ids(3) == [3] and one.story_ids(None) == []
    assert many.story_ids([3, 4]) == [3, 4]
    # a delete takes the link out (see references.clear); True is no id, though True == 1
    assert without(3, 3) is None and names(3, 3) and not names(5, 3) and not names(True, 1)
    assert without([3, 4], 3) == [4] and names([4, 3], 3) and not names([True], 1)
    assert one.relink("Title", {"Title": 9}) == 9 and many.relink(["A"], {"A": 1}) == [1]
    requirement = KINDS["requirement"]
    assert [f.name for f in requirement.story_fields] == ["stories"]
    assert requirement.story_ids({"stories": [2, 7]}) == [2, 7]


def test_each_type_checks_and_shows_its_values():
    f = Field("when", "When", "datetime")
    assert f.behaviour.clean(f, "2026-03-14 9:30 PM") == ("2026-03-14 21:30", None)
    assert f.behaviour.clean(f, "soon")[1] is not None
    flag = Field("done", "Done", "flag")
    assert flag.empty is False and flag.behaviour.text(True, {}) == "yes"
    assert flag.behaviour.detail(False, {}) == ""  # a 'no' is left out of the detail
    tags = Field("tags", "Tags", "tags")
    assert tags.behaviour.clean(tags, "a, #b, A") == (["a", "b"], None)
    assert tags.behaviour.tags(["x"]) == ["x"] and FIELD_TYPES["text"].tags("x") is None


# what another program (or a hand edit) may put where text, a date or a link belongs
HOSTILE = (5, 0, 1.5, [1], ["a", 2], [], {"a": 1}, {}, True, False)


def _accepted(f: Field, value: object) -> bool:
    """Whether `value` is of the type `f` holds (a flag's yes or no, a link's number...)."""
    behaviour = f.behaviour
    if isinstance(value, bool):
        return behaviour.stored is bool
    if isinstance(value, list):
        item = behaviour.item or object
        return behaviour.stored is list and all(
            isinstance(v, item) and not isinstance(v, bool) for v in value
        )
    return isinstance(value, behaviour.stored)


def test_values_of_another_type_are_refused_by_every_field_of_every_kind():
    from tui.core.validation import ValidationError, check_stored, validate

    for k in KINDS.values():
        for f in k.fields:
            for value in HOSTILE:
                where = (k.name, f.name, value)
                try:
                    validate(k, {f.name: value})
                    error = None
                except ValidationError as exc:  # this field's, or another's (required)
                    error = exc.errors.get(f.name)
                    assert error is None or k.field(f.name).named in str(exc), where
                assert error is not None or _accepted(f, value), where
                values, problems = check_stored(k, {f.name: value})  # the file holding it
                assert f.name in problems or _accepted(f, value), where
                assert f.name in values, where


def test_an_import_with_a_number_for_a_date_says_which_field(tmp_path):
    import json

    from tui.core.demo import build_demo
    from tui.core.export import ImportProblem, check_import, to_json

    ws = build_demo(tmp_path / "demo.json")
    for where, value in (("interview_at", 5), ("interview_at", [1]), ("round", 2)):
        doc = json.loads(to_json(ws))  # an export: its records are checked as typed
        records = doc["records"]["opportunity"]
        first = records[0] if isinstance(records, list) else records[next(iter(records))]
        first["values"][where] = value
        try:
            check_import(json.dumps(doc))
        except ImportProblem as exc:
            assert "opportunity id" in str(exc) and "should be" in str(exc), str(exc)
        else:
            raise AssertionError(f"{where}={value!r} was accepted")


def test_a_list_shows_a_date_short_with_the_year_only_when_it_is_another():
    when, day = FIELD_TYPES[DATETIME], FIELD_TYPES[DATE]
    with clock.held(datetime(2026, 11, 28, 15, 0)):
        assert when.cell("2026-11-29 10:00", {}) == "29 Nov 10:00"
        assert when.cell("2025-12-01 09:05", {}) == "1 Dec 2025"
        assert day.cell("2026-03-04", {}) == "4 Mar"
        assert day.cell("2027-01-02", {}) == "2 Jan 2027"
        # empty, or stored damaged: no date of its own making, the text as it is
        assert when.cell("", {}) is None and when.cell("next week", {}) is None
        assert day.cell("2026-02-30", {}) is None and day.cell(None, {}) is None
    for kind in (when, day):
        assert kind.cell_width is not None
        assert len("29 Nov 2025") <= kind.cell_width


def test_a_day_the_month_does_not_have_is_refused_with_the_reason():
    for type_name, value in ((DATE, "2026-11-31"), (DATETIME, "2026-11-31 10:00")):
        f = Field("when", "When", type_name)
        assert f.behaviour.clean(f, value)[1] == "is not a date: November 2026 has 30 days"
    f = Field("when", "When", DATE)
    assert f.behaviour.clean(f, "2026-02-29")[1] == "is not a date: February 2026 has 28 days"
    assert f.behaviour.clean(f, "2028-02-29") == ("2028-02-29", None)  # a leap year
    assert "no month 13" in f.behaviour.clean(f, "2026-13-01")[1]
    # not written as a date at all: the general message, with an example
    assert "like 2026-03-14" in f.behaviour.clean(f, "tomorrow")[1]
