"""The dashboard's next actions, the rehearsal screen, space and u, driven by Pilot on real
workspace files."""

from __future__ import annotations

from textual.widgets import Input, OptionList

from tests.conftest import SIZE, capture_notes, make_app, settle, text_of
from tui.core import readiness
from tui.core.next_actions import REHEARSE
from tui.core.rehearsal import attempts_by_item, item_key
from tui.core.repository import Workspace
from tui.core.states import MAIN_STATE
from tui.ui.dashboard import ActionOption, Dashboard, MoreOption
from tui.ui.pane import RecordTable, StrategyPane
from tui.ui.rehearsal_lines import KIND_WORDS
from tui.ui.rehearsal_screen import RehearsalScreen


async def test_every_next_action_opens_its_record(demo: Workspace) -> None:
    app = make_app(demo)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        actions = app.main.query_one("#dash-actions", OptionList)
        assert app.screen.focused is actions
        if isinstance(actions.get_option_at_index(actions.option_count - 1), MoreOption):
            actions.highlighted = actions.option_count - 1
            await pilot.press("enter")
            await settle(pilot)
        options = [actions.get_option_at_index(i) for i in range(actions.option_count)]
        listed = [o.action for o in options if isinstance(o, ActionOption)]
        assert len(listed) >= 5
        assert all(o.action.place for o in options if isinstance(o, ActionOption))
        for index, action in enumerate(listed):
            await pilot.press("0")
            await settle(pilot)
            actions = app.main.query_one("#dash-actions", OptionList)
            actions.focus()
            actions.highlighted = index
            await pilot.press("enter")
            await settle(pilot)
            if action.place == REHEARSE:
                assert isinstance(app.screen, RehearsalScreen)
                await pilot.press("escape")
                await settle(pilot)
                continue
            pane = app.main.query_one("#main").visible_content
            assert isinstance(pane, StrategyPane) and str(pane.number) == action.place
            if action.record_id is None:  # a checklist item: its pane, where the checklist is
                continue
            table = app.screen.focused
            assert isinstance(table, RecordTable) and table.kind.name == action.kind_name
            assert table.selected is not None and table.selected.id == action.record_id


async def test_heading_and_readiness_are_explained(demo: Workspace) -> None:
    app = make_app(demo)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        dash = app.main.query_one(Dashboard)
        countdown = str(dash.query_one("#dash-countdown").render())
        assert countdown.startswith("Interview ") and "next steps below" in countdown
        ready = str(dash.query_one("#dash-countdown").render())
        done, total, missing = readiness.figure(demo)
        assert f"Ready: {done} of {total} checks" in ready and "not yet:" in ready
        number, text = missing[0].split(" · ", 1)
        assert f"not yet: {text} (pane {number})" in ready  # the pane named, never a bare number


async def rehearse(app, pilot) -> RehearsalScreen:
    """The rehearsal, opened with r once the app has settled."""
    await settle(pilot)
    await pilot.press("r")
    await settle(pilot)
    screen = app.screen
    assert isinstance(screen, RehearsalScreen)
    return screen


async def test_rehearse_three_items_keeps_three_attempts(demo: Workspace) -> None:
    before = sum(len(v) for v in attempts_by_item(demo).values())
    app = make_app(demo)
    async with app.run_test(size=SIZE) as pilot:
        screen = await rehearse(app, pilot)
        rehearsed = screen.queue[:3]
        await pilot.press("space")  # the stopwatch runs
        assert screen.running_since is not None
        await pilot.press("enter")  # reveal stops it and shows the notes
        assert screen.revealed and screen.running_since is None
        await pilot.press("n")
        assert isinstance(screen.focused, Input)
        await pilot.press(*"forgot the number", "enter")
        await pilot.press("3")
        await pilot.press("space", "space", "2")
        await pilot.press("1")
        await pilot.press("escape")  # the summary
        assert screen.finished
        summary = str(screen.query_one("#rehearse-reveal").render())
        assert "To redo soon" in summary
        await pilot.press("escape")
        await settle(pilot)
    after = attempts_by_item(demo)
    assert sum(len(v) for v in after.values()) == before + 3
    ratings = [after[item_key(r)][-1].rating for r in rehearsed]
    assert ratings == ["good", "hard", "again"]
    assert after[item_key(rehearsed[0])][-1].note == "forgot the number"
    assert after[item_key(rehearsed[0])][-1].seconds is not None


async def test_a_note_typed_is_kept_until_rated_or_dropped_on_purpose(demo: Workspace) -> None:
    """Escape leaves the note box keeping the note; ending or skipping with an unrated note
    asks first; a closed terminal keeps it in a file; a rating saves it with the attempt."""
    import signal

    from tui.ui import hang_up
    from tui.ui.dialogs import ConfirmScreen

    app = make_app(demo)
    async with app.run_test(size=SIZE) as pilot:
        screen = await rehearse(app, pilot)
        first = screen.queue[0]
        await pilot.press("n", *"lost the thread at the result", "escape")
        assert screen.note == "lost the thread at the result" and screen.changed
        for key in ("escape", "s"):  # ending, then skipping, asks; n goes back
            await pilot.press(key)
            await settle(pilot)
            assert isinstance(app.screen, ConfirmScreen), key
            await pilot.press("n")
            await settle(pilot)
            assert app.screen is screen and screen.current is first
        await pilot.press("n", "end", *" [bold]again[/]")  # still typing when the window closes
        hang_up.stop(app, signal.SIGHUP)
        await settle(pilot)
    (kept,) = app.hung_up_kept
    assert kept.name.startswith("unsaved-rehearsal-note-")
    assert kept.read_text() == (
        f"Rehearsal note, not rated: {KIND_WORDS[first.kind.name]}: {first.title}\n\n"
        "lost the thread at the result [bold]again[/]\n"
    )
    # not saved as an attempt: it was not rated
    assert all(
        "lost the thread" not in a.note for a in attempts_by_item(demo).get(item_key(first), [])
    )

    app = make_app(demo)
    async with app.run_test(size=SIZE) as pilot:
        screen = await rehearse(app, pilot)
        first = screen.queue[0]
        await pilot.press("n", *"kept with the rating", "escape", "3")
        assert not screen.changed
        await pilot.press("escape")  # the summary, without asking: nothing is left unrated
        assert screen.finished
        await pilot.press("escape")
        await settle(pilot)
    assert attempts_by_item(demo)[item_key(first)][-1].note == "kept with the rating"


async def test_a_story_without_a_result_is_not_drilled(demo: Workspace) -> None:
    loose = demo.add("story", {"title": "Half written", "situation": "Some context"})
    app = make_app(demo)
    async with app.run_test(size=SIZE) as pilot:
        screen = await rehearse(app, pilot)
        assert loose.id not in [r.id for r in screen.queue if r.kind.name == "story"]
        assert any(r.id == loose.id and "Result" in why for r, why in screen.waiting)


async def _select(app, pilot, kind_name: str, record_id: int) -> RecordTable:
    await app.main.show_record(kind_name, record_id)
    await settle(pilot)
    table = app.main.query_one(f"#table-{kind_name}", RecordTable)
    assert table.selected is not None and table.selected.id == record_id
    return table


async def test_space_then_u_on_each_kind_returns_the_record(demo: Workspace) -> None:
    app = make_app(demo)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        notes = capture_notes(app)

        def kept_apart() -> tuple[object, ...]:
            """What a flip changes outside the record: attempts, questions asked in rounds."""
            return attempts_by_item(demo), [a.values for a in demo.all_records("asked_them")]

        for kind_name in sorted(MAIN_STATE):
            record = demo.scoped_records(kind_name)[0]
            apart = kept_apart()
            await _select(app, pilot, kind_name, record.id)
            await pilot.press("space")
            await settle(pilot)
            flipped = demo.get(kind_name, record.id)
            changed = flipped.values != record.values or kept_apart() != apart
            assert changed, kind_name
            await pilot.press("u")
            await settle(pilot)
            assert demo.get(kind_name, record.id).values == record.values, kind_name
            assert kept_apart() == apart, kind_name
            assert notes[-1].startswith("Undone: "), notes[-1]


async def test_u_brings_back_a_deleted_record_and_several_steps(demo: Workspace) -> None:
    story = demo.all_records("story")[0]
    question = demo.all_records("question")[0]
    app = make_app(demo)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        notes = capture_notes(app)
        await _select(app, pilot, "question", question.id)
        await pilot.press("space")  # step 1: asked
        await settle(pilot)
        await _select(app, pilot, "story", story.id)
        await pilot.press("d", "y")  # step 2: deleted
        await settle(pilot)
        assert story.id not in {s.id for s in demo.all_records("story")}
        await pilot.press("u")
        await settle(pilot)
        assert demo.get("story", story.id).values == story.values
        assert "Deleted story" in notes[-1]
        table = app.main.query_one("#table-story", RecordTable)
        assert story.id in {r.id for r in table.records}  # the list shows it again
        await pilot.press("u")
        await settle(pilot)
        assert demo.get("question", question.id).values == question.values
        await pilot.press("u")
        await settle(pilot)
        assert notes[-1].startswith("Nothing to undo")


async def test_a_pace_out_of_range_keeps_the_question_open_with_the_reason(demo):
    """A pace the app cannot use is refused where it was typed: the question stays open with
    the answer in it, and a good one then saves."""
    from textual.widgets import Input

    from tui.core.rehearsal import speaking_rate
    from tui.ui.commands import EditSpeakingRate
    from tui.ui.dialogs import AskScreen

    app = make_app(demo)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        app.post_message(EditSpeakingRate())
        await settle(pilot)
        ask = app.screen
        assert isinstance(ask, AskScreen)
        answer = ask.query_one("#answer", Input)
        for wrong in ("0", "²"):  # "²" is a digit to str.isdigit, not to int()
            answer.value = wrong
            await pilot.press("enter")
            await settle(pilot)
            assert app.screen is ask and answer.value == wrong
            assert "from 40 to 400" in text_of(app, "#answer-error")
        assert ask.query_one("#answer-error").display
        answer.value = "150"
        await pilot.press("enter")
        await settle(pilot)
        assert not isinstance(app.screen, AskScreen)
        assert speaking_rate(demo) == 150
