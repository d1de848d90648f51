"""The interviewer's form on screen: it says what shape each detail of the note wants, greets
by the name you give, and puts in the insight you pick (none until you pick one)."""

from __future__ import annotations

from conftest import SIZE, make_app, new_record_form, settle
from textual.widgets import Input, Select

from tui.ui.form import RecordForm


def labels(form: RecordForm) -> list[str]:
    return [str(label.render()) for label in form.query(".field-label")]


async def test_a_new_interviewer_picks_an_insight_and_a_greeting(workspace, frozen_clock):
    ws = workspace
    opp = ws.add("opportunity", {"company": "Globex", "role": "Data Engineer"})
    ws.set_active(opp.id)
    ws.set_setting("signature", "Ada Lovelace")
    spring = ws.add("insight", {"learned": "Their warehouse in Leeds opens in spring."})
    ws.add("insight", {"learned": "Read the data team's blog before the final round."})
    app = make_app(ws)
    async with app.run_test(size=SIZE) as pilot:
        form = await new_record_form(pilot, "8", "interviewer")
        assert isinstance(form, RecordForm)
        shown = labels(form)
        assert any("completes “I enjoyed our conversation about …”" in t for t in shown)
        assert any(t.startswith("Greeting name") for t in shown)
        picker = form.query_one("#field-insight", Select)
        assert picker.is_blank()  # offered, not put in: none until the user picks one
        await pilot.press(*"Joost de Vries")
        form.query_one("#field-greeting", Input).focus()
        await pilot.press(*"Mr de Vries")
        form.query_one("#field-discussed").focus()
        await pilot.press(*"The late-data path")
        picker.focus()
        await pilot.press("enter")  # the list opens on "(no insight)"
        await pilot.pause()
        await pilot.press("down", "enter")  # the first insight of pane 3
        await pilot.pause()
        assert picker.value == spring.id
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert not isinstance(app.screen, RecordForm)
        person = ws.scoped_records("interviewer")[-1]
        body = person["draft_body"]
        assert body.startswith("Hi Mr de Vries,\n")
        assert "our conversation about the late-data path." in body
        assert "stayed with me: their warehouse in Leeds opens in spring." in body
        assert "blog" not in body


async def test_someone_new_on_a_panel_starts_with_the_panel_template(demo):
    final = next(r for r in demo.scoped_records("round") if r["conversation"] == "panel")
    app = make_app(demo)
    async with app.run_test(size=SIZE) as pilot:
        form = await new_record_form(pilot, "8", "interviewer")
        assert isinstance(form, RecordForm)
        values = form.collect()
        assert values["round"] == final.id and values["template"] == "panel"
        assert values["insight"] is None
