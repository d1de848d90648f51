"""Export and import: a brief, a backup, a calendar or a screenshot into the export folder; a
backup back in place of the whole workspace, after asking."""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

from textual import on
from textual.app import SystemCommand
from textual.screen import Screen

from ..core import clock
from ..core.backups import backups, kept_aside
from ..core.file_check import WorkspaceFileError, read_regular_text
from ..core.kinds import KINDS
from ..core.private import make_private_dir
from ..core.repository import Workspace
from .base import WorkspaceApp
from .commands import ExportFile, ImportBackup, RestoreBackup, TakeOverFile


def _copies_beside(path: Path) -> list[Path]:
    """The copies of the workspace file kept beside it: backups, and damaged files kept aside."""
    return [*backups(path), *kept_aside(path, "damaged")]


class FileCommands(WorkspaceApp):
    """Handlers of the export and import commands."""

    @on(ExportFile)
    def export_file(self, command: ExportFile) -> None:
        from ..core import export
        from ..core.clipboard import safe_stem
        from ..core.output_file import output_target
        from ..core.storage import atomic_write_text

        fmt = command.fmt
        try:
            if fmt == "md":
                opp = export.find_opportunity(self.workspace, None)
                text, name = (
                    export.brief_markdown(self.workspace, opp),
                    f"brief-{opp.values['company']}",
                )
            elif fmt == "brief":
                from ..core.day_of import day_of_brief

                opp = export.find_opportunity(self.workspace, None)
                text = day_of_brief(self.workspace, opp)
                name = f"day-of-{opp.values['company']}"
            elif fmt == "json":
                text, name = export.to_json(self.workspace), "workspace-backup"
            else:
                text, name = export.calendar_ics(self.workspace), "interviews"
            stamp = clock.now().strftime("%Y%m%d-%H%M%S")
            make_private_dir(self.export_folder, existing_too=True)
            suffix = "md" if fmt == "brief" else fmt
            path = self.export_folder / f"{safe_stem(name)}-{stamp}.{suffix}"
            # the same checks as `export -o`: never over the workspace, a pipe or a device
            path = output_target(path, self.workspace.path)
            atomic_write_text(path, text)
        except OSError as exc:  # beside a workspace in a folder that takes no new file, say
            self.notify(
                f"Nothing exported: {self.export_folder} cannot be written "
                f"({exc.strerror or exc}). To write the export elsewhere: finalround export "
                f"--format {fmt} --db {self.workspace.path} -o FILE",
                severity="error",
                markup=False,
                timeout=20,
            )
            return
        except ValueError as exc:
            self.notify(f"Nothing exported: {exc}", severity="error", markup=False)
            return
        if self.demo:
            self.notify(f"Exported to {path}.{self.goes_at_quit}", markup=False, timeout=20)
            return
        self.notify(f"Exported to {path}", markup=False, timeout=15)

    def get_system_commands(self, screen: Screen) -> Iterable[SystemCommand]:
        """Textual's own palette commands, its screenshot (saved world-readable in
        ~/Downloads, or not at all without that folder) replaced by one in the export folder."""
        for command in super().get_system_commands(screen):
            if command.title == "Screenshot":
                command = SystemCommand(
                    "Screenshot",
                    "Save an SVG picture of the screen in the export folder, readable by you only",
                    # once the palette is off the screen
                    lambda: self.call_after_refresh(self.save_screen_picture),
                )
            yield command

    def save_screen_picture(self) -> Path | None:
        """The screen as an SVG file in the export folder, private like every export (it
        shows your notes and the names of the people you meet); where it is, or None."""
        from ..core.storage import atomic_write_text

        folder = self.export_folder
        stamp = clock.now().strftime("%Y%m%d-%H%M%S")
        try:
            make_private_dir(folder, existing_too=True)
            path, n = folder / f"screenshot-{stamp}.svg", 1
            while path.exists():
                n += 1
                path = folder / f"screenshot-{stamp}-{n}.svg"
            atomic_write_text(path, self.export_screenshot())
        except OSError as exc:
            self.notify(
                f"The screenshot was not saved: {folder} cannot be written to "
                f"({exc.strerror or exc}). Make sure it is a folder you may write in, with "
                "space left on the disk, then take the screenshot again.",
                title="No screenshot",
                severity="error",
                markup=False,
                timeout=20,
            )
            return None
        self.notify(
            f"Saved a screenshot to {path} (readable by you only: it shows your notes)."
            + self.goes_at_quit,
            markup=False,
            timeout=15,
        )
        return path

    def _reopen(self) -> None:
        """Read the workspace file afresh after it was replaced under this app's lock."""
        old = self.workspace
        old.close()
        self.workspace = Workspace(old.path)
        self._search = None
        self.start_index()
        self.main.refresh_views()
        self.follow_the_day()

    @on(TakeOverFile)
    def take_over_file(self, command: TakeOverFile) -> None:
        if self.workspace.take_over():
            self.catch_up_index()
            self.main.refresh_views()
            self.follow_the_day()
            self.notify("This window now saves to the file, read again as it is on disk.")
        elif self.workspace.read_only_message:  # still not writable: never made so here
            self.notify(self.workspace.read_only_message, severity="warning", timeout=30)
        else:
            self.notify(
                "Another Final Round window still has the file open; close it first.",
                severity="warning",
            )

    @on(RestoreBackup)
    def restore_backup(self, command: RestoreBackup) -> None:
        from ..core.backup_info import before_last_restore, newest_readable, records_in_words
        from ..core.restore import RestoreProblem, restore
        from .dialogs import ConfirmScreen

        path = self.workspace.path
        if command.undo_restore:  # the newest, or none: an older one is not what it says
            chosen = before_last_restore(path)
            if chosen is not None and chosen.records is None:
                self.notify(
                    f"The file from before the last restore, {chosen.path}, cannot be read: "
                    f"put back the copy you need with `finalround restore --db {path} FILE` "
                    "(`finalround backups` lists them all).",
                    severity="warning",
                    markup=False,
                    timeout=20,
                )
                return
        else:
            chosen = newest_readable(path)
        if chosen is None:
            what = "copy from before a restore" if command.undo_restore else "backup"
            self.notify(f"There is no readable {what} of {path} yet.", severity="warning")
            return
        now = sum(self.workspace.count(name) for name in KINDS)
        what = (
            "the file as it was before the last restore" if command.undo_restore else "the backup"
        )
        question = (
            f"Put {what} taken {chosen.taken} ({records_in_words(chosen.records)}) back in "
            f"place of this workspace ({records_in_words(now)} now)? The workspace as it is "
            "now is kept beside it, and the palette's 'Put back the file from before the "
            "last restore…' brings it back."
        )

        def answer(yes: bool | None) -> None:
            if not yes:
                return
            try:
                # this app holds the lock
                done = restore(path, chosen.path, take_lock=False)
                self._reopen()
            except (RestoreProblem, OSError, WorkspaceFileError) as exc:
                self.notify(str(exc), severity="error", timeout=20)
                return
            self.saves.history.forget(
                f"Nothing to undo: you put a copy taken {chosen.taken} back in place of the "
                "workspace. To go back, use the palette's 'Put back the file from before the "
                "last restore…'."
            )
            self.notify(
                f"Restored {done.backup.name} ({records_in_words(done.records)}). The file as "
                f"it was is kept as {done.kept}: the palette's 'Put back the file from before "
                "the last restore…' brings it back.",
                markup=False,
                timeout=20,
            )

        self.push_screen(ConfirmScreen(question, yes="Restore"), answer)

    @on(ImportBackup)
    def import_backup(self, command: ImportBackup) -> None:
        from .dialogs import AskScreen

        self.push_screen(
            AskScreen("Import a backup: the path of a JSON export", "~/finalround-backup.json"),
            self._import_from,
        )

    def _import_from(self, raw: str | None) -> None:
        from ..core.json_import import ImportProblem, check_import, import_json
        from .dialogs import ConfirmScreen

        if not raw:
            return
        source = Path(raw).expanduser()
        try:
            text = read_regular_text(source)
            check_import(text)
        except (OSError, ValueError) as exc:  # ImportProblem and UnicodeDecodeError too
            message = getattr(exc, "strerror", None) or str(exc)
            if isinstance(exc, UnicodeDecodeError):
                message = "it is not text (not UTF-8)"
            self.notify(
                f"Cannot import {source}: {message}", severity="error", markup=False, timeout=20
            )
            return

        def answer(yes: bool | None) -> None:
            if not yes:
                return
            path = self.workspace.path
            before = set(_copies_beside(path))
            try:
                # this app holds the file's lock: write, then read the file afresh
                import_json(text, path, replace=True, take_lock=False)
                self._reopen()
            except (ImportProblem, OSError, WorkspaceFileError) as exc:
                self.notify(str(exc), severity="error", markup=False, timeout=20)
                return
            # the copy the import made of the file it replaced (none of a file with no records)
            kept = next((p for p in _copies_beside(path) if p not in before), None)
            where = f" The previous file is kept as {kept}." if kept else ""
            self.saves.history.forget(
                f"Nothing to undo: you replaced the workspace with {source}.{where}"
            )
            self.notify(f"Imported {source}.{where}", markup=False, timeout=15)

        self.push_screen(
            ConfirmScreen(
                f"Replace this whole workspace with {source}? A copy of the current file is kept "
                "beside it.",
                yes="Replace",
            ),
            answer,
        )
