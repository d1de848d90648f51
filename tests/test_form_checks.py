"""What the record forms check and how they say it, on real TinyDB files and real screens: an
e-mail address typed in a form, messages naming a field by its short name, and "Who asked"
following the round of a question asked."""

from __future__ import annotations

import json
from datetime import timedelta

import pytest
from conftest import (
    SIZE,
    capture_notes,
    make_app,
    new_record_form,
    picked,
    settle,
    type_text,
)
from conftest import from_midday as at
from conftest import save_as_app as save
from textual.widgets import Select

from tui.core import requests
from tui.core.export import brief_markdown, import_json, to_json
from tui.core.kinds import KINDS
from tui.core.note_follow import compose_into
from tui.core.repository import Workspace
from tui.core.thank_you import mark
from tui.core.validation import ValidationError, validate
from tui.ui.form import RecordForm


def opportunity(tmp_path) -> Workspace:
    ws = Workspace(tmp_path / "workspace.json")
    opp = save(ws, "opportunity", {"company": "Globex", "role": "Data engineer"})
    ws.set_active(opp.id)
    return ws


# -- an e-mail address typed in a form ------------------------------------------------------
@pytest.mark.parametrize(
    ("typed", "said"),
    [
        ("dana.globex.com", "has no @"),
        ("dana @globex.com", "has a space in it"),
        ("dana@globex com", "has a space in it"),
        ("dana@globex\u00a0.com", "has a hidden blank in it"),
        ("@globex.com", "has nothing before the @"),
        ("dana@globex", "needs a dot after the @"),
    ],
)
def test_a_form_refuses_what_is_plainly_no_address(tmp_path, held, typed, said):
    ws = opportunity(tmp_path)
    with pytest.raises(ValidationError) as refused:
        requests.SaveRecord("interviewer", None, {"name": "Dana", "email": typed}).apply(ws)
    reason = refused.value.errors["email"]
    assert reason.startswith(said) and reason.endswith("like name@company.com"), reason
    assert ws.scoped_records("interviewer") == []  # nothing saved
    ws.close()


@pytest.mark.parametrize("typed", ["", "  ", "dana@globex.com", " dana.de-vries@mail.globex.co "])
def test_a_form_takes_an_address_or_none(tmp_path, held, typed):
    ws = opportunity(tmp_path)
    dana = save(ws, "interviewer", {"name": "Dana", "email": typed})
    assert dana["email"] == typed
    ws.close()


def test_a_refused_address_is_marked_with_the_other_fields_to_fix(tmp_path, held):
    ws = opportunity(tmp_path)
    with pytest.raises(ValidationError) as refused:
        requests.SaveRecord("interviewer", None, {"name": "", "email": "dana"}).apply(ws)
    assert set(refused.value.errors) == {"name", "email"}
    ws.close()


def test_an_odd_address_stored_before_is_kept_opened_exported_and_imported(tmp_path, held):
    """Only a form checks: a workspace holding an odd address (written before the check)
    opens whole, exports, imports, composes and marks its note, and saves its form again
    with the address unchanged."""
    ws = opportunity(tmp_path)
    odd = "dana (ask the recruiter)"
    dana = ws.add("interviewer", {"name": "Dana", "email": odd, "discussed": "data contracts"})
    ws.close()
    ws = Workspace(tmp_path / "workspace.json")
    dana = ws.get("interviewer", dana.id)
    assert not dana.damaged and dana["email"] == odd
    dana = compose_into(ws, dana)
    assert "data contracts" in dana["draft_body"]
    dana = mark(ws, dana, "sent")
    assert dana["email"] == odd and dana["draft_state"] == "sent"
    dana = save(ws, "interviewer", {"name": "Dana J.", "email": odd}, dana.id)
    assert dana["email"] == odd
    assert "Dana J." in brief_markdown(ws, ws.active)
    exported = to_json(ws)
    ws.close()
    copy = tmp_path / "copy.json"
    import_json(exported, copy)
    again = Workspace(copy)
    (person,) = again.all_records("interviewer")
    assert not person.damaged and person["email"] == odd
    again.close()


async def refused(pilot, kind: str, first: str, field: str, typed: str):
    """A new `kind` in pane 8, `first` typed in its first field and `typed` in `field`, then
    ctrl+s: the form stays; it, what the app said, and the reason beside the field."""
    form = await new_record_form(pilot, "8", kind)
    assert isinstance(form, RecordForm)
    notes = capture_notes(pilot.app)
    await type_text(pilot, first)
    form.query_one(f"#field-{field}").focus()
    await type_text(pilot, typed)
    await pilot.press("ctrl+s")
    await settle(pilot)
    assert pilot.app.screen is form
    return form, notes, str(form.query_one(f"#error-{field}").render())


async def test_the_form_says_beside_the_address_what_to_write(tmp_path, held):
    ws = opportunity(tmp_path)
    app = make_app(ws)
    async with app.run_test(size=SIZE) as pilot:
        form, notes, shown = await refused(pilot, "interviewer", "Dana", "email", "dana at globex")
        assert shown == "↑ has no @: write the whole address, like name@company.com"
        assert notes == ["Fix E-mail (marked ↑)."]
        for _ in "dana at globex":
            await pilot.press("backspace")
        await type_text(pilot, "dana@globex.com")
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert app.screen is not form
    (dana,) = ws.scoped_records("interviewer")
    assert dana["email"] == "dana@globex.com"
    ws.close()


# -- messages name a field by its short name ------------------------------------------------
def test_a_refusal_names_each_field_by_its_short_name_not_its_typing_hint():
    with pytest.raises(ValidationError) as refused:
        validate(KINDS["opportunity"], {"company": "", "role": "B", "interview_at": "2026-13-01"})
    said = str(refused.value)
    assert said == (
        "Opportunity not saved. Company is required; Interview is not a date: there is no "
        "month 13: months run from 01 to 12"
    )
    # a reason that does not go on from the field's name follows a colon
    with pytest.raises(ValidationError) as refused:
        validate(KINDS["concern"], {"raised": "Too senior?", "state": "addressed"})
    assert str(refused.value).startswith(
        "Concern not saved. Your calm, non-defensive answer: write your answer first"
    )
    with pytest.raises(ValidationError) as refused:
        validate(KINDS["interviewer"], {"name": "Dana", "round": "first"})
    assert str(refused.value) == "Interviewer not saved. Round should name a round"
    with pytest.raises(ValidationError) as refused:
        validate(KINDS["interviewer"], {"name": "Dana", "insight": "that one"})
    assert str(refused.value) == (
        "Interviewer not saved. New insight to mention should name an insight"
    )


def test_a_damaged_record_names_its_field_by_its_short_name(tmp_path, held):
    ws = opportunity(tmp_path)
    ws.add("round", {"name": "Final round"})
    ws.close()
    path = tmp_path / "workspace.json"
    doc = json.loads(path.read_text())
    doc["round"]["1"]["start_at"] = 20260310
    path.write_text(json.dumps(doc))
    ws = Workspace(path)
    (round_,) = ws.all_records("round")
    assert round_.problems == ("Starts is stored as int, not as datetime",)
    ws.close()


async def test_the_not_saved_notice_names_the_field_without_its_typing_hint(tmp_path, held):
    ws = opportunity(tmp_path)
    app = make_app(ws)
    async with app.run_test(size=SIZE) as pilot:
        _, notes, shown = await refused(
            pilot, "round", "Final round", "start_at", "2026-02-30 10:00"
        )
        assert notes == ["Fix Starts (marked ↑)."]
        assert shown == "↑ is not a date: February 2026 has 28 days"
    ws.close()


# -- "Who asked" follows the round ------------------------------------------------------------
async def test_who_asked_follows_the_round_until_the_candidate_picks_someone(tmp_path, held):
    ws = opportunity(tmp_path)
    first = save(ws, "round", {"name": "First round", "start_at": at(-timedelta(days=7))})
    panel = save(ws, "round", {"name": "Panel", "start_at": at(-timedelta(days=3))})
    final = save(ws, "round", {"name": "Final round", "start_at": at(-timedelta(hours=3))})
    dana = save(ws, "interviewer", {"name": "Dana", "round": first.id})
    save(ws, "interviewer", {"name": "Eli", "round": panel.id})
    save(ws, "interviewer", {"name": "Femi", "round": panel.id})
    gus = save(ws, "interviewer", {"name": "Gus", "round": final.id})
    app = make_app(ws)
    async with app.run_test(size=SIZE) as pilot:
        form = await new_record_form(pilot, "8", "asked")
        assert isinstance(form, RecordForm)
        assert picked(form, "round")[0] == final.id
        assert picked(form, "by")[0] == gus.id  # the final round's only interviewer
        round_pick = form.query_one("#field-round", Select)

        async def choose_round(round_id: int) -> None:
            round_pick.value = round_id
            await pilot.pause()

        await choose_round(first.id)
        value, label = picked(form, "by")
        assert value == dana.id and label.startswith("Dana")
        await choose_round(panel.id)  # two met there: which one asked is left open
        assert picked(form, "by")[0] is Select.NULL
        await choose_round(final.id)
        assert picked(form, "by")[0] == gus.id
        # a person the candidate picks stays, whatever round follows
        form.query_one("#field-by", Select).value = dana.id
        await pilot.pause()
        await choose_round(first.id)
        await choose_round(panel.id)
        assert picked(form, "by")[0] == dana.id
        await pilot.press("escape")
        await settle(pilot)
    ws.close()


async def test_who_asked_saved_before_stays_when_the_round_changes(tmp_path, held):
    ws = opportunity(tmp_path)
    first = save(ws, "round", {"name": "First round", "start_at": at(-timedelta(days=7))})
    final = save(ws, "round", {"name": "Final round", "start_at": at(-timedelta(hours=3))})
    dana = save(ws, "interviewer", {"name": "Dana", "round": first.id})
    gus = save(ws, "interviewer", {"name": "Gus", "round": final.id})
    asked = save(ws, "asked", {"text": "Why data?", "round": first.id, "by": dana.id})
    app = make_app(ws)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("8")
        await settle(pilot)
        links = {"round": [first, final], "interviewer": [dana, gus]}
        form = RecordForm(asked.kind, asked, [], links)
        await app.push_screen(form)
        await pilot.pause()
        form.query_one("#field-round", Select).value = final.id
        await pilot.pause()
        assert picked(form, "by")[0] == dana.id
    ws.close()


async def test_opening_a_saved_question_leaves_who_asked_as_it_was(tmp_path, held):
    """A question saved with its round and nobody as the asker opens as it was saved: the
    round's only interviewer is not filled in by the opening, nor the form made changed."""
    ws = opportunity(tmp_path)
    first = save(ws, "round", {"name": "First round", "start_at": at(-timedelta(days=7))})
    dana = save(ws, "interviewer", {"name": "Dana", "round": first.id})
    asked = save(ws, "asked", {"text": "Why data?", "round": first.id})
    app = make_app(ws)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("8")
        await settle(pilot)
        form = RecordForm(asked.kind, asked, [], {"round": [first], "interviewer": [dana]})
        await app.push_screen(form)
        await settle(pilot)
        assert picked(form, "by")[0] is Select.NULL
        assert not form.changed
    ws.close()


async def test_an_odd_stored_address_does_not_stop_a_change_to_another_field(tmp_path, held):
    """An address stored with a control character shows otherwise in its field ("n/a^M"):
    left as it was, it is not questioned when the candidate changes the name and saves."""
    ws = opportunity(tmp_path)
    dana = ws.add("interviewer", {"name": "Dana", "email": "n/a\r"})
    app = make_app(ws)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("8")
        await settle(pilot)
        form = RecordForm(dana.kind, dana, [], {})
        await app.push_screen(form)
        await settle(pilot)
        form.query_one("#field-name").focus()
        await pilot.press("end")
        await type_text(pilot, " J.")
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert app.screen is not form
    assert ws.get("interviewer", dana.id)["name"] == "Dana J."
    ws.close()
