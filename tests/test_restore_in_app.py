"""A backup restored from the palette says what it brings back and what it replaces, and can be
taken back the same way: the file as it was before is offered by the palette and listed by
`finalround backups`. Real files beside a real workspace, the real app driven by Pilot."""

from __future__ import annotations

from conftest import capture_notes, make_app, settle

from tui.cli import main
from tui.core.backup_info import describe
from tui.core.backups import backups, kept_aside
from tui.core.repository import Workspace
from tui.ui.commands import RestoreBackup
from tui.ui.dialogs import ConfirmScreen
from tui.ui.palette import WorkspaceCommands


def evening_of_work(db_path) -> Workspace:
    """A workspace whose only backup holds its first story, with three stories since."""
    ws = Workspace(db_path)
    ws.add("story", {"title": "first"})
    ws.close()
    ws = Workspace(db_path)
    for title in ("second", "third"):
        ws.add("story", {"title": title})  # the second save of a new file keeps a copy
    assert len(backups(db_path)) == 1
    return ws


def titles(db_path) -> list[str]:
    return [s.title for s in Workspace(db_path, read_only=True).all_records("story")]


def question_of(app) -> str:
    assert isinstance(app.screen, ConfirmScreen)
    return app.screen.question


async def test_a_restore_says_what_it_brings_back_and_can_be_taken_back(db_path):
    ws = evening_of_work(db_path)
    app = make_app(ws)
    notes = capture_notes(app)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        app.post_message(RestoreBackup())
        await settle(pilot)
        question = question_of(app)
        # the copy's time and size against the workspace's, before anything is replaced
        assert "(1 record)" in question and "(3 records now)" in question, question
        (copy,) = describe(db_path)
        assert f"the backup taken {copy.taken} (1 record)" in question, question
        await pilot.press("y")
        await settle(pilot)
        assert titles(db_path) == ["first"]
        assert len(kept_aside(db_path)) == 1
        assert "Put back the file from before the last restore" in notes[-1], notes
        # undo does not blame another window: it says what happened and how to go back
        await pilot.press("u")
        await settle(pilot)
        assert "you put a copy taken" in notes[-1], notes
        assert "another window" not in notes[-1], notes
        # the palette offers the way back, and it brings the evening's work back
        offered = [text for text, _, _ in WorkspaceCommands(app.screen)._commands()]
        assert "Put back the file from before the last restore…" in offered, offered
        app.post_message(RestoreBackup(undo_restore=True))
        await settle(pilot)
        assert "(3 records)" in question_of(app) and "(1 record now)" in question_of(app)
        await pilot.press("y")
        await settle(pilot)
        assert titles(db_path) == ["first", "second", "third"]


async def test_without_a_restore_the_palette_offers_no_way_back(db_path):
    ws = evening_of_work(db_path)
    app = make_app(ws)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        offered = [text for text, _, _ in WorkspaceCommands(app.screen)._commands()]
        assert "Put back the file from before the last restore…" not in offered
        assert "Restore the newest backup…" in offered


def test_backups_lists_the_file_from_before_each_restore(db_path, capsys):
    evening_of_work(db_path).close()
    assert main(["restore", "--db", str(db_path)]) == 0
    said = capsys.readouterr().out
    assert "(1 record)" in said, said
    assert main(["backups", "--db", str(db_path)]) == 0
    said = capsys.readouterr().out
    kept = kept_aside(db_path)
    assert len(kept) == 1
    before, after = said.split("before each restore")
    assert str(kept[0]) in after and "3 records" in after, said
    assert "1 record " in before, said
    assert f"finalround restore --db {db_path} FILE" in after, said


def test_copies_kept_in_one_second_are_listed_newest_first(tmp_path):
    path = tmp_path / "workspace.json"
    names = ["20261130-041931", "20261130-041931-2", "20261130-041931-10", "20261129-235959"]
    for name in names:
        path.with_name(f"workspace.before-restore-{name}.json").write_text("{}")
    assert [p.name for p in kept_aside(path)] == [
        "workspace.before-restore-20261130-041931-10.json",
        "workspace.before-restore-20261130-041931-2.json",
        "workspace.before-restore-20261130-041931.json",
        "workspace.before-restore-20261129-235959.json",
    ]


async def test_the_way_back_never_puts_back_an_older_copy_than_the_last(db_path):
    """The file before the last restore could not be read (a damaged workspace restored):
    the palette says so and points to the command line, never to a copy from before an
    earlier restore as if it were that file."""
    ws = evening_of_work(db_path)
    older = db_path.with_name("workspace.before-restore-20200101-000000.json")
    older.write_text(db_path.read_text())
    newest = db_path.with_name("workspace.before-restore-20991231-235959.json")
    newest.write_text("{ cut short")
    app = make_app(ws)
    notes = capture_notes(app)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        app.post_message(RestoreBackup(undo_restore=True))
        await settle(pilot)
        assert not isinstance(app.screen, ConfirmScreen)
        assert f"{newest}, cannot be read" in notes[-1] and "finalround restore" in notes[-1]
    assert titles(db_path) == ["first", "second", "third"]


async def test_an_import_over_a_damaged_file_names_the_copy_it_made(db_path, tmp_path):
    """The file was damaged by another program while the app had it open: the import keeps
    it aside as damaged, and says so, not an older backup from an earlier import."""
    from tui.core.export import to_json

    ws = evening_of_work(db_path)
    source = tmp_path / "export.json"
    source.write_text(to_json(ws))
    stale = db_path.with_name("workspace.backup-20200101-000000-before-import.json")
    stale.write_text(db_path.read_text())
    app = make_app(ws)
    notes = capture_notes(app)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        db_path.write_text("{ cut short")
        app._import_from(str(source))
        await settle(pilot)
        await pilot.press("y")
        await settle(pilot)
        (damaged,) = kept_aside(db_path, "damaged")
        assert f"The previous file is kept as {damaged}." in notes[-1], notes
        assert stale.name not in notes[-1]
    assert titles(db_path) == ["first", "second", "third"]
