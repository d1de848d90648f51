"""Modal dialogs: a yes/no question and the opportunity switcher."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widgets import Button, Input, OptionList
from textual.widgets.option_list import Option

from ..core.kinds import OPPORTUNITY
from ..core.repository import Record
from ..core.timing import interview_countdown
from .widgets import PlainStatic, final_round, join, plain, styled


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
                yield Button(f"{self.yes} (y)", variant="error", id="yes")
                yield Button("No (n)", id="no")

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
        with Vertical(classes="dialog wide"):
            yield PlainStatic(
                "Opportunities — Enter: make active · n: new · e: edit · d: delete · escape: back",
                classes="dialog-title",
            )
            yield OptionList(id="opportunities")

    def on_mount(self) -> None:
        self.reload()

    @property
    def workspace(self):
        return final_round(self).workspace

    def reload(self, select: int | None = None) -> None:
        options = self.query_one("#opportunities", OptionList)
        options.clear_options()
        active = self.workspace.active_id
        for record in self.workspace.opportunities():
            marker = "● " if record.id == active else "  "
            v = record.values
            options.add_option(
                Option(
                    join(
                        styled(marker, "bold"),
                        plain(opportunity_line(record)),
                        styled(
                            f"  {v['round']} round · {v['status']} · "
                            f"{interview_countdown(v['interview_at'])}",
                            "dim",
                        ),
                    ),
                    id=str(record.id),
                )
            )
        if options.option_count:
            ids = [int(o.id or 0) for o in options.options]
            target = select if select in ids else active
            options.highlighted = ids.index(target) if target in ids else 0
        options.focus()

    def _selected(self) -> Record | None:
        options = self.query_one("#opportunities", OptionList)
        if options.highlighted is None:
            return None
        option = options.get_option_at_index(options.highlighted)
        return self.workspace.get(OPPORTUNITY.name, int(option.id or 0))

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        self.action_activate()

    def action_cursor(self, step: int) -> None:
        options = self.query_one("#opportunities", OptionList)
        options.action_cursor_down() if step > 0 else options.action_cursor_up()

    def action_activate(self) -> None:
        record = self._selected()
        if record is not None:
            self.dismiss(None)
            final_round(self).activate_opportunity(record.id)

    def action_new(self) -> None:
        final_round(self).open_form(OPPORTUNITY.name, None, on_saved=lambda r: self.reload(r.id))

    def action_edit(self) -> None:
        record = self._selected()
        if record is not None:
            final_round(self).open_form(
                OPPORTUNITY.name, record, on_saved=lambda r: self.reload(r.id)
            )

    def action_delete(self) -> None:
        record = self._selected()
        if record is None:
            return
        question = (
            f"Delete the opportunity {opportunity_line(record)} and every feedback "
            "item, note, concern and interviewer that belongs to it? Stories and "
            "questions stay in your banks."
        )

        def done(yes: bool | None) -> None:
            if yes:
                final_round(self).delete_record(record, on_done=lambda _: self.reload())

        self.app.push_screen(ConfirmScreen(question, yes="Delete"), done)

    def action_close(self) -> None:
        self.dismiss(None)


class AskScreen(ModalScreen[str | None]):
    """Asks for one line of text, such as a file path; Enter accepts, escape cancels."""

    BINDINGS = [Binding("escape", "cancel", "Cancel", id="ask-cancel")]

    def __init__(self, question: str, placeholder: str = "", value: str = "") -> None:
        super().__init__()
        self.question = question
        self.placeholder = placeholder
        self.value = value

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog wide"):
            yield PlainStatic(
                self.question + " — Enter accepts, escape cancels", classes="dialog-title"
            )
            yield Input(self.value, placeholder=self.placeholder, id="answer")

    def on_mount(self) -> None:
        self.query_one("#answer", Input).focus()

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        self.dismiss(event.value)

    def action_cancel(self) -> None:
        self.dismiss(None)
