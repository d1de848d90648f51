"""Thank-you notes and copying: copy a record or a note off the UI thread, compose a note
again, mark it sent, edit it in $EDITOR, the name under every note."""

from __future__ import annotations

import contextlib
from pathlib import Path

from textual import on, work

from ..core.formatting import one_line, record_text
from ..core.key_names import key_of
from ..core.record import Record
from .base import WorkspaceApp
from .commands import (
    ComposeNote,
    CopyRecord,
    CopySubject,
    EditNoteInEditor,
    EditSignature,
    FollowTheDay,
    MarkNoteSent,
)


class NoteCommands(WorkspaceApp):
    """Handlers of the note and copy commands."""

    def _as_today(self, record: Record) -> Record:
        """The record as it is now; an interviewer's untouched note saying the day afresh,
        kept so on the save thread when that changed its text."""
        if not record.kind.has_note:
            return record
        from ..core.note_follow import as_today  # imported on first use

        with contextlib.suppress(KeyError):
            record = self.workspace.get("interviewer", record.id)
        fresh = as_today(self.workspace, record)
        if fresh is not record:
            self.keep_the_day(fresh)
        return fresh

    @on(FollowTheDay)
    def follow_the_day_of(self, command: FollowTheDay) -> None:
        self.keep_the_day(command.record)

    def keep_the_day(self, record: Record) -> None:
        from ..core import requests

        if not self.workspace.read_only:
            self.submit(requests.FollowTheDay((record.id,)))

    @on(CopyRecord)
    def copy_record(self, command: CopyRecord) -> None:
        record = self._as_today(command.record)  # what is copied speaks of the right day
        stories = self.workspace.stories_for(record)
        what = (
            f"note to {record.title}"
            if record.kind.has_note
            else f"{record.kind.label.lower()} '{one_line(record.title, 40)}'"
        )
        from ..core.thank_you import gaps  # imported on first use

        text = record_text(record, stories)
        # a note's text may still hold <...> blanks: the same ones `s` asks about
        note = record.kind.has_note and text == record["draft_body"]
        self._copy(text, what, record, gaps(text) if note else [])

    @on(CopySubject)
    def copy_subject(self, command: CopySubject) -> None:
        from ..core.thank_you import gaps

        record = self._as_today(command.record)
        subject = record["draft_subject"]
        self._copy(subject, f"subject of the note to {record.title}", record, gaps(subject))

    def _copy(self, text: str, what: str, record: Record, blanks: list[str]) -> None:
        if not text.strip():
            self.notify(
                f"Nothing to copy yet: press {key_of('compose')} to compose the note.", markup=False
            )
            return
        self._copy_worker(text, what, record, blanks)

    @work(thread=True, group="clipboard", description="copying a note")  # not the repr of the text
    def _copy_worker(self, text: str, what: str, record: Record, blanks: list[str]) -> None:
        from ..core.clipboard import copy_to_system, save_copy

        reason = copy_to_system(text)
        path, file_error = None, None
        if reason is not None:
            try:
                path = save_copy(text, self.export_folder, what)
            except OSError as exc:
                file_error = exc.strerror or str(exc)
        self.call_from_thread(self._copied, text, what, record, blanks, reason, path, file_error)

    def _copied(
        self,
        text: str,
        what: str,
        record: Record,
        blanks: list[str],
        reason: str | None,
        path: Path | None,
        file_error: str | None,
    ) -> None:
        from ..core import requests

        # copied all the same: the blanks may be filled in the mail program
        still = f" It still has {still_to_fill(blanks)}: {', '.join(blanks)}." if blanks else ""
        # Also through the terminal (OSC 52): the clipboard of the machine you sit at,
        # when the app runs over SSH. The terminal does not say whether it accepted it.
        self.copy_to_clipboard(text)
        if reason is None:
            self.notify(
                f"Copied the {what} to the clipboard.{still}",
                severity="warning" if blanks else "information",
                markup=False,
                timeout=15 if blanks else None,
            )
        else:
            saved = (
                f"saved to {path}"
                if path
                else f"could not be saved to a file either ({file_error})"
            )
            gone = self.goes_at_quit if path else ""
            self.notify(
                f"No system clipboard: {reason}. The {what} was sent to your terminal's "
                f"clipboard (OSC 52, if your terminal allows it) and {saved}.{still}{gone}",
                title="Copied another way",
                severity="warning",
                markup=False,
                timeout=20,
            )
        if record.kind.has_note and (reason is None or path is not None):
            # without a system clipboard nothing confirms the copy: the state says where it went
            from ..core.thank_you import text_digest

            state = "copied" if reason is None else "in a file"
            # the fingerprint of the note as copied: `s` asks first once it changes
            self.submit(requests.MarkNote(record.id, state, text_digest(record)))

    @on(ComposeNote)
    def compose_note(self, command: ComposeNote) -> None:
        """Compose the note again from its template; asks first only when that would replace
        your own edits, and says what changed since it was composed."""
        from ..core import requests
        from ..core.note_follow import compose_question  # imported on first use

        record = command.record
        with contextlib.suppress(KeyError):
            record = self.workspace.get("interviewer", record.id)  # as it is now
        question = compose_question(self.workspace, record)
        self.submit_asking(question, requests.ComposeNote(record.id), command.ticket, "Replace")

    @on(MarkNoteSent)
    def mark_note_sent(self, command: MarkNoteSent) -> None:
        """Mark the note sent; asks first when it still has gaps to fill."""
        from ..core import requests
        from ..core.states import send_question  # imported on first use

        record = command.record
        with contextlib.suppress(KeyError):
            record = self.workspace.get("interviewer", record.id)  # as it is now
        self.submit_asking(
            send_question(record), requests.MarkNote(record.id, "sent"), command.ticket, "Mark sent"
        )

    @on(EditNoteInEditor)
    def edit_note_in_editor(self, command: EditNoteInEditor) -> None:
        """Open the note in $EDITOR (the app steps aside meanwhile), then keep what was saved;
        an edit whose save fails is kept in a file the message names."""
        from ..core import requests
        from .editor import run_editor, submit_edit

        record = command.record
        what = f"note to {record.title}"
        edited = run_editor(self, record["draft_body"], what, "edit")
        if edited is not None:
            request = requests.KeepNoteEdits(record.id, edited.text)
            submit_edit(self, edited, what, request, command.ticket)

    @on(EditSignature)
    def edit_signature(self, command: EditSignature) -> None:
        from ..core import requests
        from .dialogs import AskScreen

        def save(name: str | None) -> None:
            if name is not None:
                self.submit(requests.SetSignature(name), command.ticket)

        self.push_screen(
            AskScreen(
                "Your name, as it should appear under thank-you notes",
                "Sam Ortega",
                self.workspace.setting("signature"),
            ),
            save,
        )


def still_to_fill(blanks: list[str]) -> str:
    """'a blank to fill', '2 blanks to fill'."""
    return "a blank to fill" if len(blanks) == 1 else f"{len(blanks)} blanks to fill"
