"""One way in, one way back: requests on the save thread come back as one Change each, and
widgets post commands instead of calling the app."""

from __future__ import annotations

import dataclasses
import queue
import re
from pathlib import Path

from conftest import SIZE, make_app, settle

from tui.core import requests
from tui.core.save_queue import Change, SaveQueue
from tui.core.validation import ValidationError
from tui.ui import commands
from tui.ui.form import RecordForm
from tui.ui.pane import RecordTable

UI = Path(__file__).resolve().parents[1] / "tui" / "ui"


def run(workspace, request, ticket=0) -> Change:
    changes: queue.Queue[Change] = queue.Queue()
    saves = SaveQueue(changes.put)
    saves.submit(workspace, request, ticket)
    return changes.get(timeout=10)


def test_each_request_comes_back_as_one_change_with_its_records(workspace):
    opp = run(
        workspace, requests.SaveRecord("opportunity", None, {"company": "Acme", "role": "SRE"}), 7
    )
    assert opp.ok and opp.ticket == 7
    assert [r.title for r in opp.records("added")] == ["Acme"]
    person = run(workspace, requests.SaveRecord("interviewer", None, {"name": "Ada"}))
    # a new interviewer gets a composed note in the same request
    assert [e for e, _ in person.events] == ["added", "updated"]
    assert person.record is not None and person.record["draft_body"].strip()
    gone = run(workspace, requests.DeleteRecord("opportunity", opp.record.id))
    assert {r.title for r in gone.records("deleted")} == {"Acme", "Ada"}
    assert gone.record is not None and gone.record.title == "Acme"  # the one asked for, last
    assert workspace.all_records("interviewer") == []


def test_a_failed_request_comes_back_with_its_error_and_changes_nothing(workspace):
    change = run(workspace, requests.SaveRecord("story", None, {"title": ""}), 3)
    assert not change.ok and change.ticket == 3 and change.events == ()
    assert isinstance(change.error, ValidationError)
    assert workspace.all_records("story") == []


def test_changes_made_elsewhere_meanwhile_are_not_counted(workspace):
    seen: list[Change] = []
    saves = SaveQueue(seen.append)
    workspace.add("story", {"title": "made on this thread"})
    saves.submit(workspace, requests.SaveRecord("story", None, {"title": "asked for"}))
    assert saves.wait(10)
    assert [r.title for r in seen[0].records("added")] == ["asked for"]


def _field_types(cls: type) -> dict[str, str]:
    """A dataclass's fields, a named tuple's, or a command's (read from its annotations)."""
    if dataclasses.is_dataclass(cls):
        return {f.name: str(f.type) for f in dataclasses.fields(cls)}
    hints = {
        n: str(t)
        for k in reversed(cls.__mro__)
        for n, t in vars(k).get("__annotations__", {}).items()
    }
    names = cls._fields if issubclass(cls, tuple) else [name for name, _, _ in cls._field_specs]
    return {name: hints[name] for name in names}


def test_no_callable_rides_in_a_command_a_change_or_a_request():
    classes = [
        c
        for module in (commands, requests)
        for c in vars(module).values()
        if isinstance(c, type)
        and (dataclasses.is_dataclass(c) or issubclass(c, commands.Fields))
        and c.__module__ == module.__name__
        and c is not commands.Fields
    ] + [Change]
    assert len(classes) > 25
    assert all(_field_types(c) for c in (commands.ShowPane, commands.WorkspaceChanged, Change))
    for cls in classes:
        for name, hint in _field_types(cls).items():
            assert "Callable" not in hint, f"{cls.__name__}.{name}: {hint}"


def test_widgets_call_no_project_method_on_the_app():
    textual_own = (
        "notify|push_screen|pop_screen|switch_screen|exit|run_worker|call_from_thread|"
        "post_message|set_focus|copy_to_clipboard|bell|suspend|action_[a-z_]+"
    )
    calls = re.compile(rf"(self\.app|final_round\(self\))\.(?!(?:{textual_own})\()[a-z_]+\(")
    found = [
        f"{path.name}: {line.strip()}"
        for path in UI.glob("*.py")
        for line in path.read_text().splitlines()
        if calls.search(line)
    ]
    assert found == []


async def test_a_form_closes_on_the_change_for_its_own_command(demo):
    app = make_app(demo)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("4", "n")
        await settle(pilot)
        form = app.screen
        assert isinstance(form, RecordForm)
        # another change saved meanwhile does not close it
        app.submit(requests.SaveRecord("story", None, {"title": "from elsewhere"}))
        await settle(pilot)
        assert app.screen is form and form.waiting_for == 0
        for ch in "Mine":
            await pilot.press(ch)
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert app.screen is not form
        table = app.main.query_one("#table-story", RecordTable)
        assert table.selected is not None and table.selected.title == "Mine"
        assert {"Mine", "from elsewhere"} <= {r.title for r in table.records}
