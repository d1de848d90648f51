"""The box above a pick list does what it says: typing filters, up and down choose, enter
ticks, without leaving the box; ticks, and a form's yes/no fields, read without colour.
The demo on a real file, the real form driven by Pilot."""

from __future__ import annotations

from conftest import SIZE, make_app, settle
from test_rounds_ui import demo_now  # noqa: F401  (the demo with its clock held)
from textual.widgets import Input, SelectionList

from tui.ui.field_widgets import PickList
from tui.ui.form import RecordForm


async def test_enter_in_the_filter_box_ticks_the_highlighted_story(demo_now):  # noqa: F811
    ws = demo_now
    aiko = next(i for i in ws.scoped_records("interviewer") if i.title == "Aiko Tanaka")
    planned = list(aiko["plan_stories"])
    assert len(planned) == 2
    migration = next(s for s in ws.all_records("story") if s.title.startswith("Led the Kub"))
    app = make_app(ws)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("8")
        await settle(pilot)
        await pilot.press("j", "j", "j", "e")  # Aiko, in the final round
        await settle(pilot)
        form = app.screen
        assert isinstance(form, RecordForm)
        picker = form.query_one("#field-plan_stories", PickList)
        box = picker.query_one(Input)
        assert box.placeholder == "type to filter · ↑↓ choose · enter ticks"
        box.focus()
        await pilot.press(*"kubernets migraton")
        await pilot.pause()
        await pilot.press("enter")  # ticks the first match, the box keeps the focus
        await pilot.pause()
        shown = picker.query_one(SelectionList)
        assert app.focused is box and box.value == "kubernets migraton"
        assert migration.id in shown.selected
        await pilot.press("down", "enter")  # the next one, planned already: unticked
        await pilot.pause()
        assert planned[0] not in shown.selected
        await pilot.press("up", "up", "enter")  # back to the top and untick it again
        await pilot.pause()
        assert migration.id not in shown.selected
        await pilot.press("enter")
        await pilot.pause()
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert not isinstance(app.screen, RecordForm)
        assert ws.get("interviewer", aiko.id)["plan_stories"] == [migration.id, planned[1]]


async def test_a_tick_reads_without_colour(demo_now):  # noqa: F811
    """Ticked and unticked rows differ in their text, [x] and [ ], not in colour alone."""
    from contrast import screen_lines

    ws = demo_now
    aiko = next(i for i in ws.scoped_records("interviewer") if i.title == "Aiko Tanaka")
    planned = set(aiko["plan_stories"])
    app = make_app(ws)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("8")
        await settle(pilot)
        await pilot.press("j", "j", "j", "e")
        await settle(pilot)
        picker = app.screen.query_one("#field-plan_stories", PickList)
        shown = picker.query_one(SelectionList)
        picker.focus()  # the form scrolls the list into view
        await settle(pilot)
        rows = ["".join(seg.text for seg in line) for line in screen_lines(app)]
        top = shown.content_region.y
        drawn = rows[top : top + shown.content_region.height]
        assert len(drawn) >= 4
        for index in range(len(drawn)):
            option = shown.get_option_at_index(index)
            mark = "[x] " if option.value in planned else "[ ] "
            assert mark + str(option.prompt)[:20] in drawn[index], (mark, drawn[index])
        assert sum("[x] " in row for row in drawn) == len(planned) == 2  # ticked ones lead


async def test_a_yes_no_field_reads_without_colour_like_the_ticks(demo_now):  # noqa: F811
    """A yes/no field shows [x] or [ ] beside its label, as the pick lists do, where the stock
    checkbox drew the same mark for both and told them apart by colour alone."""
    from contrast import screen_lines
    from textual.widgets import Checkbox

    ws = demo_now
    feedback = ws.scoped_records("feedback")
    assert [f["addressed"] for f in feedback][:2] == [True, False]

    def drawn(app, box: Checkbox) -> str:
        row = screen_lines(app)[box.content_region.y]
        return "".join(seg.text for seg in row)

    app = make_app(ws)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("1")
        await settle(pilot)
        for record, mark in ((feedback[0], "[x]"), (feedback[1], "[ ]")):
            app.main.pane(1).select("feedback", record.id)
            await pilot.press("e")
            await settle(pilot)
            box = app.screen.query_one("#field-addressed", Checkbox)
            box.focus()  # the form scrolls it into view
            await settle(pilot)
            assert f"{mark} Addressed" in drawn(app, box)
            await pilot.press("space")  # flipped: the mark follows, and is what is saved
            await pilot.pause()
            flipped = "[ ]" if mark == "[x]" else "[x]"
            assert f"{flipped} Addressed" in drawn(app, box)
            await pilot.press("ctrl+s")
            await settle(pilot)
            assert ws.get("feedback", record.id)["addressed"] is (flipped == "[x]")
