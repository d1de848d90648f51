"""What the record forms check and how they say it, on real TinyDB files and real screens: an
e-mail address typed in a form, messages naming a field by its short name, and "Who asked"
following the round of a question asked."""

from __future__ import annotations

from datetime import datetime, timedelta

import pytest
from conftest import SIZE, make_app, new_record_form, picked, settle
from conftest import save_as_app as save
from textual.widgets import Select

from tui.core import clock
from tui.core.repository import Workspace
from tui.ui.form import RecordForm

NOW = datetime(2026, 3, 10, 11, 30)


@pytest.fixture
def held():
    clock.hold(NOW)
    yield NOW
    clock.hold(None)


def at(delta: timedelta) -> str:
    return (NOW + delta).strftime("%Y-%m-%d %H:%M")


def opportunity(tmp_path) -> Workspace:
    ws = Workspace(tmp_path / "workspace.json")
    opp = save(ws, "opportunity", {"company": "Globex", "role": "Data engineer"})
    ws.set_active(opp.id)
    return ws


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
