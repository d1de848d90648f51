"""Messages and hints name keys as the user's keymap has them: with `new` moved to `a`, the
checklist says "press a", not the `n` that no longer adds anything; with nothing moved they
name the keys the bindings have."""

from __future__ import annotations

import pytest
from conftest import capture_notes, settle, text_of
from textual.widgets import OptionList

from tui.core import key_names
from tui.core.key_names import key_of, pane_keys, rating_keys, spoken


@pytest.fixture
def moved():
    """Keys moved for one test, and put back after it."""
    yield key_names.use_keymap
    key_names.use_keymap({})


def test_each_key_a_message_names_is_the_key_its_binding_has():
    from tui.ui.app import all_bindings

    bindings = all_bindings()
    for binding_id, default in key_names.DEFAULTS.items():
        found = [b for b in bindings if b.id == binding_id]
        assert found, f"no binding has the id {binding_id}"
        for binding in found:
            assert binding.key.split(",")[0] == default, binding


@pytest.mark.parametrize(
    ("written", "said"),
    [
        ("e", "e"),
        ("D", "D"),
        ("ctrl+s", "ctrl+s"),
        ("f4", "f4"),
        ("question_mark", "?"),
        ("less_than_sign", "<"),
        ("minus", "-"),
        ("ctrl+full_stop", "ctrl+."),
        ("escape", "escape"),
        ("space", "space"),
        ("tab", "tab"),
        ("enter", "enter"),
        ("up", "up"),
    ],
)
def test_a_key_is_said_as_a_person_types_it(written, said):
    assert spoken(written) == said


def test_moved_keys_are_named_and_the_others_keep_their_own(moved):
    assert (key_of("new"), pane_keys(), rating_keys()) == ("n", "1–8", "1-4")
    moved({"new": "a, b", "pane-3": "f3", "rehearse-good": "question_mark"})
    assert key_of("new") == "a"  # the first of the keys it was given
    assert key_of("edit") == "e"
    assert pane_keys() == "1 2 f3 4 5 6 7 8"
    assert rating_keys() == "1, 2, ? or 4"
    moved({})
    assert (key_of("new"), key_of("pane-3"), rating_keys()) == ("n", "3", "1-4")


def _strategy_lines(app) -> list[str]:
    lines = app.screen.query_one("#dash-strategies", OptionList)
    return [str(lines.get_option_at_index(i).prompt) for i in range(lines.option_count)]


async def test_the_screen_names_the_keys_the_keymap_moved(workspace):
    from tui.ui.app import FinalRoundApp

    keymap = {"switch-opportunity": "f2", "opportunity-new": "f3", "form-save": "f10"}
    app = FinalRoundApp(workspace, keymap=keymap)
    async with app.run_test(size=(120, 40)) as pilot:
        notes = capture_notes(app)
        await settle(pilot)
        assert "no opportunity yet — press f2 to add one" in text_of(app, "#topbar")
        assert "Press f2, then f3, to add the company" in text_of(app, "#dash-countdown")
        await pilot.press("f2")  # the keys named do what they say
        await settle(pilot)
        assert "f3: new · e: edit" in text_of(app, ".dialog-title")
        await pilot.press("f3")
        await settle(pilot)
        assert type(app.screen).__name__ == "RecordForm"
        assert "f10 saves, escape cancels" in text_of(app, "#form-title")
        assert not notes  # no line of the keymap was skipped

    workspace.add("opportunity", {"company": "Initech", "role": "Analyst"})
    keymap = {"pane-1": "f5", "pane-8": "f8", "new": "a"}
    app = FinalRoundApp(workspace, keymap=keymap)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        lines = _strategy_lines(app)
        assert "nothing yet · press f5, then a, to add one" in lines[0], lines
        assert "nothing yet · press 7, then a, to add one" in lines[6], lines
        headings = [str(h.render()) for h in app.screen.query(".dash-heading")]
        assert "The eight strategies  (f5 2 3 4 5 6 7 f8 or Enter opens one)" in headings
        await pilot.press("f8")
        await settle(pilot)
        assert "no round yet: tab to Rounds, press a" in text_of(app, ".checklist")
    # the app gone, messages name the keys of the bindings again
    assert key_of("new") == "n"


def test_the_readme_lists_every_id_a_keymap_can_move():
    import re
    from pathlib import Path

    from tui.ui.app import all_bindings

    readme = (Path(__file__).parents[1] / "README.md").read_text(encoding="utf-8")
    paragraph = readme[readme.index("Ids:") : readme.index("A line with an unknown id")]
    listed = set(re.findall(r"`([a-z0-9-]+)`", paragraph))
    assert "`pane-1` … `pane-8`" in paragraph
    listed |= {f"pane-{n}" for n in range(1, 9)}
    ids = {b.id for b in all_bindings() if b.id}
    assert ids - listed == set(), "ids the README does not list"
    assert listed - ids == set(), "ids the README lists that no binding has"


def test_the_rehearsal_names_the_keys_that_rate(moved):
    from tui.ui.rehearsal_lines import keys_line

    plain_line = "space stopwatch · enter reveal · 1 again · 2 hard · 3 good · 4 easy · n note"
    assert str(keys_line("", False)).startswith(plain_line)
    moved({"rehearse-again": "a", "rehearse-easy": "z", "rehearse-note": "ctrl+n"})
    line = str(keys_line("", False))
    assert "a again · 2 hard · 3 good · z easy · ctrl+n note" in line, line


def test_a_thank_you_note_names_the_keys_that_work_on_it(demo, moved):
    from tui.ui.note_view import note_view

    interviewer = demo.all_records("interviewer")[0]
    keys = "y copy note · Y copy subject · c compose from template · s mark sent"
    assert keys in str(note_view(interviewer, {}))
    moved({"compose": "f6", "copy-subject": "ctrl+y"})
    keys = "y copy note · ctrl+y copy subject · f6 compose from template · s mark sent"
    assert keys in str(note_view(interviewer, {}))


def test_each_place_of_a_next_action_is_named_by_its_key(moved):
    from tui.core.next_actions import BEFORE, Action
    from tui.ui.dashboard import action_prompt

    def tail(place: str) -> str:
        return str(action_prompt(Action("Do it", place, BEFORE)).tail)

    assert [tail(p) for p in ("7", "r", "o")] == [" · press 7", " · press r", " · press o"]
    moved({"pane-7": "f7", "rehearse": "ctrl+r", "switch-opportunity": "f2"})
    assert [tail(p) for p in ("7", "r", "o")] == [" · press f7", " · press ctrl+r", " · press f2"]
    with pytest.raises(KeyError):  # a place with no key: never a guess
        key_names.pane_key("x")


async def test_quitting_with_a_changed_form_names_the_key_that_saves_it(demo):
    from conftest import new_record_form, type_text

    from tui.ui.app import FinalRoundApp

    app = FinalRoundApp(demo, keymap={"form-save": "f10", "confirm-no": "ctrl+n"})
    async with app.run_test(size=(120, 40)) as pilot:
        await new_record_form(pilot, "4", "story")
        await type_text(pilot, "Ran the migration")
        await pilot.press("ctrl+q")
        await settle(pilot)
        question = text_of(app, ".question")
        assert "Press ctrl+n to go back to it and f10 to save." in question, question
        assert str(app.screen.query_one("#no").label) == "No (ctrl+n)"
        await pilot.press("ctrl+n")
        await settle(pilot)
        assert type(app.screen).__name__ == "RecordForm"


async def test_the_pane_strip_names_the_keys_the_keymap_moved(workspace):
    """The strip said "1 Feedback" with 1 moved to f5: a key that no longer opens it."""
    from textual.widgets import OptionList

    from tui.ui.app import FinalRoundApp

    keymap = {"pane-1": "f5", "pane-8": "ctrl+8"}
    for size in ((120, 40), (80, 24)):
        app = FinalRoundApp(workspace, keymap=keymap)
        async with app.run_test(size=size) as pilot:
            await settle(pilot)
            nav = app.screen.query_one("#nav", OptionList)
            shown = [str(nav.get_option_at_index(i).prompt) for i in range(nav.option_count)]
            if size == (120, 40):
                assert shown[:3] == ["0 Dashboard", "f5 Feedback", "2 Company & role"], shown
                assert shown[8] == "ctrl+8 Follow-up"
            else:  # keys alone, and the strip as wide as the longest
                assert shown == ["0", "f5", "2", "3", "4", "5", "6", "7", "ctrl+8"]
                assert nav.scrollable_content_region.width >= len("ctrl+8")
            await pilot.press("f5")  # the key shown opens the pane
            await settle(pilot)
            assert app.main.query_one("#main").visible_content.number == 1
            if size == (80, 24):  # wide again: the strip's own width, names beside the keys
                await pilot.resize_terminal(120, 40)
                await settle(pilot)
                assert nav.outer_size.width == 20
                assert str(nav.get_option_at_index(8).prompt) == "ctrl+8 Follow-up"


async def test_a_moved_key_keeps_its_place_in_the_footer_and_the_help(workspace):
    """Textual lists a key the keymap moved after the others: "a New" came after the pane's
    own keys, and "f4 Examples" after "u Undo" in the help."""
    from textual.widgets import Footer

    from tui.ui.app import FinalRoundApp

    def footer_words(app) -> list[str]:
        footer = app.screen.query_one(Footer)
        return [k.description for k in footer.query("FooterKey") if k.description]

    def help_actions(app) -> list[str]:
        return [b.binding.action for b in app.screen.active_bindings.values()]

    seen = []
    for keymap, pane in (({}, "4"), ({"new": "a", "pane-4": "f4"}, "f4")):
        app = FinalRoundApp(workspace, keymap=keymap)
        async with app.run_test(size=(120, 40)) as pilot:
            await settle(pilot)
            await pilot.press(pane)
            await settle(pilot)
            seen.append((footer_words(app), help_actions(app)))
    (footer, actions), (moved_footer, moved_actions) = seen
    assert footer and moved_footer == footer
    assert moved_actions == actions
