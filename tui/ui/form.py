"""One form for every record kind, generated from its spec."""

from __future__ import annotations

import json
from typing import Any

from textual import events, on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.screen import ModalScreen
from textual.suggester import SuggestFromList
from textual.widget import Widget
from textual.widgets import Button, Footer, Input, Select

from ..core import rounds
from ..core.field_types import DATE, DATETIME, LONG, TAGS, TEXT
from ..core.file_check import DiskReadOnlyError
from ..core.formatting import shown_at_most
from ..core.key_names import key_of
from ..core.kinds import Field, Kind
from ..core.record import NotFound, Record
from ..core.storage import FileChangedError, FileUnusableError, WorkspaceFileError
from ..core.validation import ValidationError
from .commands import HoldsTyping, SaveRecord, WaitsForSave, WorkspaceChanged
from .field_widgets import FORM_WIDGETS
from .key_gate import ReplayKeys
from .widgets import PlainStatic, final_round

TYPED = (TEXT, LONG, DATE, DATETIME, TAGS)  # fields typed as text, that can show any value


class RecordForm(HoldsTyping, WaitsForSave, ModalScreen[Record | None]):
    """Fields from the spec, errors beside each field; nothing is saved until all are valid."""

    BINDINGS = [
        Binding("ctrl+s", "save", "Save", id="form-save", priority=True),
        Binding("escape", "cancel", "Cancel", id="form-cancel"),
    ]

    def __init__(
        self,
        kind: Kind,
        record: Record | None,
        stories: list[Record],
        links: dict[str, list[Record]] | None = None,
        preset: dict[str, Any] | None = None,
        labels: dict[str, dict[int, str]] | None = None,
    ) -> None:
        super().__init__()
        self.kind = kind
        self.record = record
        self.stories = stories
        # the records a link field can pick from, by kind (rounds, questions...)
        self.links = {"story": stories, **(links or {})}
        self.preset = preset or {}  # values a new record starts with
        # how a link field names its choices where a title alone is ambiguous, by kind
        self.labels = labels or {}
        self._initial: dict[str, Any] = {}
        self.saving = False
        self._saved: tuple[Record | None] | None = None  # saved while a dialog was over it
        self._kept: tuple[str, str] | None = None  # text kept in a file (see _keep), and where
        # who asked, as the form chose it from the round (see `round_chosen`); a person the
        # record was saved with counts as picked by the candidate
        self._asker = self.preset.get("by") if record is None else None
        # the round "Who asked" last followed (see `round_chosen`): the one the form opens on
        self._round: Any = None
        if any(f.name == "round" for f in self.fields):
            self._round = self._value(kind.field("round"))

    @property
    def fields(self) -> list[Field]:
        return [f for f in self.kind.fields if f.in_form]

    def _value(self, f: Field) -> Any:
        """What the field shows; a damaged record's typed fields show what is stored, to fix."""
        if self.record is None:
            return self.preset.get(f.name, f.empty)
        raw = self.record.raw
        if self.record.damaged and f.name in raw and f.type in TYPED and raw[f.name] is not None:
            stored = raw[f.name]
            if isinstance(stored, list) and f.type == TAGS:
                return ", ".join(str(v) for v in stored)
            return stored if isinstance(stored, str) else json.dumps(stored, ensure_ascii=False)
        return self.record[f.name]

    def _widget(self, f: Field) -> Widget:
        target = f.target or "story"
        choices = self.links.get(target, [])  # what a link field picks from
        widget = FORM_WIDGETS[f.type].build(
            f, self._value(f), choices, f"field-{f.name}", self.labels.get(target)
        )
        if f.suggest_from and isinstance(widget, Input):
            titles = [r.title for r in self.links.get(f.suggest_from, [])]
            widget.suggester = SuggestFromList(titles, case_sensitive=False)
        return widget

    def compose(self) -> ComposeResult:
        what = f"Edit {self.kind.label.lower()}" if self.record else self._new_one.capitalize()
        with Vertical(classes="dialog form"):
            yield PlainStatic(
                f"{what} — {key_of('form-save')} saves, {key_of('form-cancel')} cancels",
                classes="dialog-title",
                id="form-title",
            )
            with VerticalScroll(id="fields"):
                if self.record is not None and self.record.damaged:
                    yield PlainStatic(
                        "⚠ This record does not fit its kind in the file: "
                        + "; ".join(self.record.problems).rstrip(".")
                        + ". The fields show what is stored; fix them and save to make it "
                        "whole. Stored text:\n" + shown_at_most(self.record.raw_text),
                        classes="field-error shown",
                        id="damaged",
                    )
                for f in self.fields:
                    if FORM_WIDGETS[f.type].labelled:
                        yield PlainStatic(
                            f.label + (" *" if f.required else ""), classes="field-label"
                        )
                    widget = self._widget(f)
                    widget.add_class(f"type-{f.type}")
                    yield widget
                    yield PlainStatic("", id=f"error-{f.name}", classes="field-error")
            with Horizontal(classes="buttons"):
                yield Button(f"Save ({key_of('form-save')})", variant="primary", id="save")
                yield Button(f"Cancel ({key_of('form-cancel')})", id="cancel")
        # the form's own keys: the lists' keys behind it would only type into a field here
        yield Footer()

    def on_mount(self) -> None:
        self._initial = self.collect()
        # typing starts in the title (a question asked: its round, first, is picked already)
        names = [f.name for f in self.fields]
        first = self.kind.title_field if self.kind.title_field in names else names[0]
        self.set_focus(self.query_one(f"#field-{first}"), scroll_visible=False)
        self.post_message(ReplayKeys())  # keys typed while the form opened come in now

    def on_descendant_focus(self, event: events.DescendantFocus) -> None:
        """A field has focus (the first, or the next after tab): keys typed meanwhile go to it."""
        self.post_message(ReplayKeys())

    @on(Select.Changed, "#field-round")
    def round_chosen(self, event: Select.Changed) -> None:
        """A question asked: "Who asked" follows the round to its only interviewer (none for a
        round with several), until the candidate picks a person themselves."""
        chosen = None if event.value is Select.NULL else event.value
        if self.kind.name != "asked" or chosen == self._round:
            return  # a Select says what it starts with too: only a new round counts
        self._round = chosen
        by = self.query_one("#field-by", Select)
        if (None if by.value is Select.NULL else by.value) != self._asker:
            return  # a person picked in the form stays
        self._asker = rounds.only_interviewer(self.links.get("interviewer", []), chosen)
        by.value = Select.NULL if self._asker is None else self._asker

    def collect(self) -> dict[str, Any]:
        values: dict[str, Any] = {}
        for f in self.fields:
            values[f.name] = FORM_WIDGETS[f.type].read(self.query_one(f"#field-{f.name}"))
        return values

    @property
    def changed(self) -> bool:
        return self.collect() != self._initial

    @property
    def _new_one(self) -> str:
        """'new story'; 'new insight' for a kind whose name already says new."""
        label = self.kind.label.lower()
        return label if label.startswith("new ") else f"new {label}"

    def keep_how(self) -> str:
        return f"{key_of('form-save')} to save"

    @property
    def unsaved_name(self) -> str:
        """What a file keeping this form's text is called: "unsaved story", "unsaved edit of
        story 12"."""
        label = self.kind.label.lower()
        if self.record is None:
            return f"unsaved {label}"
        return f"unsaved edit of {label} {self.record.id}"

    def unsaved_text(self) -> str:
        """The form as it stands, each field under its label, to keep when it cannot be saved."""
        # each link named from the records of its own kind: a round from the rounds
        by_kind = {target: {r.id: r for r in records} for target, records in self.links.items()}
        what = self._new_one if self.record is None else self.record.title
        # a save asked for just before may yet have landed: this copy is then a spare
        said = "Being saved as Final Round was closed" if self.saving else "Not saved"
        lines = [f"{said}: {what}", ""]
        values = self.collect()
        for f in self.fields:
            value = values[f.name]
            try:
                named = by_kind.get(f.target or "story", {})
                text = f.behaviour.text(value, named) if not isinstance(value, str) else value
            except (TypeError, ValueError, KeyError, AttributeError):
                text = str(value)
            if not text.strip():
                continue
            if "\n" in text:
                lines += [f"{f.label}:", text, ""]
            else:
                lines.append(f"{f.label}: {text}")
        return "\n".join(lines).rstrip() + "\n"

    def show_errors(self, errors: dict[str, str]) -> None:
        for f in self.fields:
            label = self.query_one(f"#error-{f.name}", PlainStatic)
            message = errors.get(f.name, "")
            label.set_text(f"↑ {message}" if message else "")
            label.set_class(bool(message), "shown")
            self.query_one(f"#field-{f.name}").set_class(bool(message), "invalid")
        for f in self.fields:
            if f.name in errors:
                self.query_one(f"#field-{f.name}").focus()
                break

    def action_save(self) -> None:
        """Post the values once the keys typed before ctrl+s have reached the fields; the form
        closes when they are saved (see `workspace_changed`)."""
        if self.focused is not None:
            self.focused.call_later(self._save_now)
        else:
            self._save_now()

    def _save_now(self) -> None:
        if self.saving or not self.is_attached:
            return
        values = self.collect()
        untouched = tuple(n for n, v in values.items() if self._initial.get(n, v) == v)
        command = SaveRecord(self.kind, self.record, values, untouched, origin=self)
        self.saving = True
        self.waiting_for = command.ticket
        self.sub_title = "saving…"
        self.post_message(command)

    @on(WorkspaceChanged)
    def workspace_changed(self, message: WorkspaceChanged) -> None:
        change = message.change
        if not self.waiting_for or change.ticket != self.waiting_for:
            return
        self.saving, self.waiting_for = False, 0
        if change.error is None:
            self._close_saved(change.record)
        else:
            self._not_saved(change.error)

    def _close_saved(self, record: Record | None) -> None:
        """Close once saved; under a dialog (quitting asks first), once that one has closed:
        closing now would take the dialog away instead, and leave this form open on a
        record already saved."""
        if self.app.screen is self:
            self.dismiss(record)
        else:
            self._saved = (record,)

    def on_screen_resume(self) -> None:
        if self._saved is not None:
            (record,) = self._saved
            self._saved = None
            self.dismiss(record)

    def _not_saved(self, error: BaseException) -> None:
        """The edit stays in the form, to save again or to copy elsewhere."""
        self.saving = False
        if isinstance(error, ValidationError):
            self.show_errors(error.errors)
            self.app.notify(self._what_to_fix(error), title="Not saved", severity="warning")
        elif isinstance(error, FileChangedError | NotFound) and self._record_gone():
            self._become_new()
        elif isinstance(error, WorkspaceFileError | ValueError | KeyError):
            kept = self._keep() if isinstance(error, FileUnusableError | DiskReadOnlyError) else ""
            self.app.notify(
                f"{error} Your text is still in the form{kept}.",
                title="Not saved",
                severity="error",
                markup=False,
                timeout=20,
            )
        else:
            raise error

    def _what_to_fix(self, error: ValidationError) -> str:
        """'Fix Company and Role (marked ↑).': short, each field by its short name, as each
        reason is shown under its field (a small terminal has little room beside them); the
        reasons in full when one of them is about a field the form does not show."""
        from ..core.note_words import join_list

        labels = [f.named for f in self.fields if f.name in error.errors]
        if len(labels) < len(error.errors):
            return str(error)
        return f"Fix {join_list(labels)} (marked ↑)."

    def _record_gone(self) -> bool:
        """The record this form edits is no longer in the file (another program or window
        deleted it)."""
        if self.record is None:
            return False
        try:
            final_round(self).workspace.get(self.kind.name, self.record.id)
        except NotFound:
            return True
        except (WorkspaceFileError, ValueError):
            return False
        return False

    def _become_new(self) -> None:
        """The record edited here was deleted elsewhere: the form now adds the text as a new
        record, once the user saves again; nothing is saved unasked."""
        assert self.record is not None
        label, title = self.kind.label.lower(), self.record.title
        who = final_round(self).workspace.changed_by()  # the lock file may say it was ours
        self.record = None
        self.query_one("#form-title", PlainStatic).set_text(
            f"{self._new_one.capitalize()} (the {label} edited here was deleted elsewhere) — "
            f"{key_of('form-save')} saves, {key_of('form-cancel')} cancels"
        )
        self.app.notify(
            f"The {label} '{title}' was deleted by {who} while you edited it, so "
            f"your text was not saved. Press {key_of('form-save')} to save it as a new {label}, "
            f"or {key_of('form-cancel')} to drop it. Your text is still in the form.",
            title="Not saved",
            severity="warning",
            markup=False,
            timeout=30,
        )

    def _keep(self) -> str:
        """Keep the form's text in a file (beside the workspace, else in the cache folder), as
        when Final Round closes before it can be saved; says where (", and kept in …"), or ""
        when no folder took it."""
        from ..core.kept_text import keep

        text = self.unsaved_text()
        if self._kept is None or self._kept[0] != text:
            try:
                path = keep(text, self.unsaved_name, final_round(self).workspace.path)
            except OSError:
                return ""
            self._kept = (text, str(path))
        return f", and kept in {self._kept[1]}"

    def action_cancel(self) -> None:
        if self.focused is not None:
            self.focused.call_later(self._cancel_now)
        else:
            self._cancel_now()

    def _cancel_now(self) -> None:
        if self.saving:  # the form closes once the save lands: nothing left to cancel
            self.app.notify("Saving… the form closes once it is saved.", timeout=3)
            return
        if self.is_attached:
            self.discard_asking("form")

    def on_button_pressed(self, event: Button.Pressed) -> None:
        event.stop()
        if event.button.id == "save":
            self.action_save()
        else:
            self.action_cancel()
