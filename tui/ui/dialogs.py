"""Modal dialogs: a yes/no question and the opportunity switcher."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from textual import on
from textual.app import App, ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widgets import Button, Footer, Input, OptionList

from ..core import readiness, requests, rounds
from ..core.key_names import key_of
from ..core.kinds import OPPORTUNITY
from ..core.record import Record
from .commands import ActivateOpportunity, DeleteRecord, EditRecord, NewRecord, WorkspaceChanged
from .text_boxes import LineInput
from .widgets import PlainStatic, RecordOption, final_round, join, plain, styled


def confirm_then(app: App[Any], question: str, yes: str, then: Callable[[], object]) -> None:
    """Ask `question` (its yes button says `yes`); do `then` once the user agrees."""

    def answer(agreed: bool | None) -> None:
        if agreed:
            then()

    app.push_screen(ConfirmScreen(question, yes=yes), answer)


class ConfirmScreen(ModalScreen[bool]):
    """Asks before something that cannot be undone."""

    BINDINGS = [
        Binding("y", "answer(True)", "Yes", id="confirm-yes"),
        Binding("n,escape", "answer(False)", "No", id="confirm-no"),
    ]

    def __init__(self, question: str, yes: str = "Yes") -> None:
        super().__init__()
        self.question = question
        self.yes = yes

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog"):
            yield PlainStatic(self.question, classes="question")
            with Horizontal(classes="buttons"):
                yield Button(f"{self.yes} ({key_of('confirm-yes')})", variant="error", id="yes")
                yield Button(f"No ({key_of('confirm-no')})", id="no")
        yield Footer()  # this dialog's keys, not those of the screen behind

    def on_mount(self) -> None:
        self.query_one("#no", Button).focus()

    def on_button_pressed(self, event: Button.Pressed) -> None:
        self.dismiss(event.button.id == "yes")

    def action_answer(self, answer: bool) -> None:
        self.dismiss(answer)


def opportunity_line(record: Record) -> str:
    v = record.values
    return f"{v['company']} — {v['role']}"


class OpportunityScreen(ModalScreen[None]):
    """Lists the opportunities: Enter makes one active, n adds, e edits, d deletes."""

    BINDINGS = [
        Binding("enter", "activate", "Make active", id="opportunity-activate", show=True),
        Binding("n", "new", "New", id="opportunity-new"),
        Binding("e", "edit", "Edit", id="opportunity-edit"),
        Binding("d", "delete", "Delete", id="opportunity-delete"),
        Binding("j", "cursor(1)", "Down", id="opportunity-down", show=False),
        Binding("k", "cursor(-1)", "Up", id="opportunity-up", show=False),
        Binding("escape", "close", "Back", id="opportunity-back"),
    ]

    def compose(self) -> ComposeResult:
        activate = key_of("opportunity-activate")
        activate = "Enter" if activate == "enter" else activate  # as the other lines write it
        with Vertical(classes="dialog wide"):
            yield PlainStatic(
                f"Opportunities — {activate}: make active · "
                f"{key_of('opportunity-new')}: new · {key_of('opportunity-edit')}: edit · "
                f"{key_of('opportunity-delete')}: delete · {key_of('opportunity-back')}: back",
                classes="dialog-title",
            )
            yield OptionList(id="opportunities")
        yield Footer()  # this dialog's keys, not those of the screen behind

    def on_mount(self) -> None:
        self.reload()

    def reload(self, select: int | None = None) -> None:
        from ..core.clock import now
        from ..core.elsewhere import first_due  # the rules, once the list is opened
        from ..core.interview import round_name, shown_status

        workspace = final_round(self).workspace
        options = self.query_one("#opportunities", OptionList)
        options.clear_options()
        active = workspace.active_id
        records = workspace.opportunities()
        for record in records:
            marker = "● " if record.id == active else "  "
            done, total, _ = readiness.figure(workspace, record.id)
            due = first_due(workspace, record)  # a deadline there is never hidden
            # as the dashboard says it: not 'preparing' once every round is over (e edits)
            status = shown_status(workspace, record, now(), keys=key_of("opportunity-edit"))
            counted = rounds.countdown(workspace, record)
            name = round_name(workspace, record)  # unless the countdown names it already
            said = [status, counted] if counted.startswith(name) else [name, status, counted]
            options.add_option(
                RecordOption(
                    join(
                        styled(marker, "bold"),
                        plain(opportunity_line(record)),
                        styled(f"  · due: {due}", "bold yellow") if due else plain(""),
                        styled("  " + " · ".join(said), "dim"),
                        styled(f"  · ready {done}/{total} checks", "cyan"),
                    ),
                    record,
                )
            )
        if records:
            ids = [r.id for r in records]
            target = select if select in ids else active
            options.highlighted = ids.index(target) if target in ids else 0
        options.focus()

    @on(WorkspaceChanged)
    def workspace_changed(self, message: WorkspaceChanged) -> None:
        """Show the list as saved; an opportunity just saved is the one highlighted."""
        change, record = message.change, message.change.record
        if change.ok:
            saved = isinstance(change.request, requests.SaveRecord) and record is not None
            self.reload(record.id if saved and record is not None else None)

    def _selected(self) -> Record | None:
        options = self.query_one("#opportunities", OptionList)
        option = options.highlighted_option
        return option.record if isinstance(option, RecordOption) else None

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        self.action_activate()

    def action_cursor(self, step: int) -> None:
        options = self.query_one("#opportunities", OptionList)
        options.action_cursor_down() if step > 0 else options.action_cursor_up()

    def action_activate(self) -> None:
        record = self._selected()
        if record is not None:
            self.app.post_message(ActivateOpportunity(record.id, origin=self))
            self.dismiss(None)

    def action_new(self) -> None:
        self.post_message(NewRecord(OPPORTUNITY, origin=self))

    def action_edit(self) -> None:
        record = self._selected()
        if record is not None:
            self.post_message(EditRecord(record, origin=self))

    def action_delete(self) -> None:
        record = self._selected()
        if record is not None:
            self.post_message(DeleteRecord(record, origin=self))

    def action_close(self) -> None:
        self.dismiss(None)


class AskScreen(ModalScreen[str | None]):
    """Asks for one line of text, such as a file path; Enter accepts, escape cancels.
    `check` says what is wrong with an answer (None: nothing): the question then stays open,
    the answer in it, with the reason below."""

    BINDINGS = [Binding("escape", "cancel", "Cancel", id="ask-cancel")]

    def __init__(
        self,
        question: str,
        placeholder: str = "",
        value: str = "",
        check: Callable[[str], str | None] | None = None,
    ) -> None:
        super().__init__()
        self.question = question
        self.placeholder = placeholder
        self.value = value
        self.check = check

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog wide"):
            yield PlainStatic(
                f"{self.question} — Enter accepts, {key_of('ask-cancel')} cancels",
                classes="dialog-title",
            )
            yield LineInput(self.value, placeholder=self.placeholder, id="answer")
            yield PlainStatic("", id="answer-error", classes="field-error")
        yield Footer()  # this dialog's keys, not those of the screen behind

    def on_mount(self) -> None:
        self.query_one("#answer", Input).focus()

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        wrong = self.check(event.value) if self.check is not None else None
        error = self.query_one("#answer-error", PlainStatic)
        error.set_text(wrong or "")
        error.set_class(bool(wrong), "shown")
        if not wrong:
            self.dismiss(event.value)

    def action_cancel(self) -> None:
        self.dismiss(None)
