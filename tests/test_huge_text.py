"""A text far past the longest a field takes, put in the file by hand or another program:
the record opens as damaged and its pane and form stay usable, the text kept whole in the
file. A real file, the real app driven by Pilot."""

from __future__ import annotations

import json

from conftest import make_app, settle, text_of
from textual.widgets import TextArea

from tui.core.field_types import MAX_LONG
from tui.core.formatting import SHOWN_AT_MOST, detail_lines
from tui.core.repository import Workspace

HUGE = MAX_LONG + 100_000


def with_a_huge_action(path) -> int:
    ws = Workspace(path)
    ws.add("opportunity", {"company": "Acme", "role": "Engineer"})
    story = ws.add("story", {"title": "Led the migration"})
    ws.close()
    doc = json.loads(path.read_text(encoding="utf-8"))
    doc["story"][str(story.id)]["action"] = "word " * (HUGE // 5)
    path.write_text(json.dumps(doc), encoding="utf-8")
    return story.id


def test_a_detail_shows_the_start_of_a_huge_text_and_says_the_rest_is_kept(db_path):
    story_id = with_a_huge_action(db_path)
    ws = Workspace(db_path)
    story = ws.get("story", story_id)
    assert story.damaged
    stored = dict(detail_lines(story, {}, on_screen=True))["Stored text"]
    assert len(stored) < SHOWN_AT_MOST + 100
    assert stored.endswith("more characters, kept whole in the file)"), stored[-80:]
    # a long text within the limit is cut for the detail too, and kept whole
    long = ws.add("story", {"title": "Long", "action": "step " * (MAX_LONG // 5 - 1)})
    action = dict(detail_lines(long, {}, on_screen=True))["Action"]
    assert len(action) < SHOWN_AT_MOST + 100 and action.startswith("step step")
    assert len(ws.get("story", long.id)["action"]) == MAX_LONG - 5


def test_an_export_and_a_copy_keep_a_long_text_whole(workspace):
    """Only the screen cuts: the prep brief and the text `y` copies hold every character."""
    from tui.core.export import brief_markdown
    from tui.core.formatting import record_text

    opp = workspace.add("opportunity", {"company": "Acme", "role": "Engineer"})
    action = "step " * 6_000 + "the end"  # 30,007 characters, within the limit
    story = workspace.add("story", {"title": "Long", "action": action})
    assert action in record_text(story, {})
    assert action in brief_markdown(workspace, opp)
    assert "more characters" not in brief_markdown(workspace, opp)


async def test_the_pane_and_the_form_of_a_huge_text_open_and_keep_it(db_path):
    story_id = with_a_huge_action(db_path)
    before = db_path.read_bytes()
    app = make_app(Workspace(db_path))
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await pilot.press("4")
        await settle(pilot)
        assert "more characters, kept whole in the file" in text_of(app, "#detail")
        await pilot.press("e")
        await settle(pilot)
        banner = text_of(app, "#damaged")
        assert "This record does not fit its kind" in banner and ".." not in banner
        area = app.screen.query_one("#field-action", TextArea)
        assert len(area.text) == HUGE and not area.soft_wrap  # whole, left unwrapped
        await pilot.press("escape")
        await settle(pilot)
    assert db_path.read_bytes() == before
    assert len(Workspace(db_path, read_only=True).get("story", story_id).raw["action"]) == HUGE
