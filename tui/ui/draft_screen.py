"""Review requirements drafted from a job description before any is saved, and edit the
description itself in a text area."""

from __future__ import annotations

from dataclasses import dataclass

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import DataTable, Footer, TextArea

from ..core.formatting import visible
from ..core.job_description import MUST, NICE, Candidate
from ..core.key_names import key_of
from .commands import HoldsTyping
from .dialogs import AskScreen
from .text_boxes import TypedArea
from .widgets import PlainStatic, join, styled


@dataclass
class Draft:
    """One candidate as the user has reviewed it so far."""

    text: str
    priority: str
    keep: bool = True


class DraftScreen(ModalScreen[list[tuple[str, str]] | None]):
    """The drafted requirements in one list: keep or drop each, edit its text, switch it
    between must-have and nice-to-have; ctrl+s saves the kept ones, escape saves nothing.
    Dismissed with [(text, priority)] of the kept candidates."""

    BINDINGS = [
        Binding("space,x", "keep", "Keep / drop", id="draft-keep"),
        Binding("m", "priority", "Must / nice", id="draft-priority"),
        Binding("e", "edit", "Edit text", id="draft-edit"),
        Binding("a", "all", "Keep all / none", id="draft-all"),
        Binding("ctrl+s", "save", "Save the kept ones", id="draft-save", priority=True),
        Binding("escape", "cancel", "Cancel", id="draft-cancel"),
        Binding("j", "cursor(1)", "Down", id="draft-down", show=False),
        Binding("k", "cursor(-1)", "Up", id="draft-up", show=False),
    ]

    def __init__(self, candidates: list[Candidate], company: str) -> None:
        super().__init__()
        self.drafts = [Draft(c.text, c.priority) for c in candidates]
        self.company = company

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog draft"):
            yield PlainStatic(
                join(
                    styled("Requirements drafted from the job description", "bold"),
                    styled(f" · {self.company}", "dim"),
                ),
                classes="dialog-title",
            )
            yield DataTable(id="drafts", cursor_type="row", zebra_stripes=True)
            yield PlainStatic("", id="draft-full")
            yield PlainStatic("", id="draft-count")
            yield PlainStatic(
                styled(
                    f"{key_of('draft-keep')} keep/drop · {key_of('draft-priority')} must/nice · "
                    f"{key_of('draft-edit')} edit · {key_of('draft-all')} all/none · "
                    f"{key_of('draft-save')} save the kept ones · {key_of('draft-cancel')} cancel",
                    "dim",
                ),
                classes="draft-keys",
            )
        yield Footer()  # this dialog's keys, not those of the screen behind

    def on_mount(self) -> None:
        table = self.query_one("#drafts", DataTable)
        table.add_column(Text("Keep"), key="keep", width=4)
        table.add_column(Text("Priority"), key="priority", width=12)
        table.add_column(Text("Requirement"), key="text")
        for i, draft in enumerate(self.drafts):
            table.add_row(*self._cells(draft), key=str(i))
        table.focus()
        self._count()

    @staticmethod
    def _cells(draft: Draft) -> tuple[Text, Text, Text]:
        dim = "" if draft.keep else "dim strike"
        return (
            Text("✓" if draft.keep else "–", style="bold green" if draft.keep else "dim"),
            Text(draft.priority, style=dim or ("bold" if draft.priority == MUST else "")),
            Text(visible(draft.text), style=dim),
        )

    def _redraw(self, index: int) -> None:
        table = self.query_one("#drafts", DataTable)
        for column, cell in zip(
            ("keep", "priority", "text"), self._cells(self.drafts[index]), strict=True
        ):
            table.update_cell(str(index), column, cell, update_width=column == "text")
        self._count()
        self._show_full()

    def _count(self) -> None:
        kept = [d for d in self.drafts if d.keep]
        must = sum(1 for d in kept if d.priority == MUST)
        self.query_one("#draft-count", PlainStatic).set_text(
            f"{len(kept)} of {len(self.drafts)} kept: {must} must-have, "
            f"{len(kept) - must} nice-to-have"
        )

    @property
    def current(self) -> int | None:
        table = self.query_one("#drafts", DataTable)
        row = table.cursor_row
        return row if self.drafts and 0 <= row < len(self.drafts) else None

    def action_keep(self) -> None:
        if (i := self.current) is not None:
            self.drafts[i].keep = not self.drafts[i].keep
            self._redraw(i)

    def action_priority(self) -> None:
        if (i := self.current) is not None:
            self.drafts[i].priority = NICE if self.drafts[i].priority == MUST else MUST
            self._redraw(i)

    def action_all(self) -> None:
        keep = not all(d.keep for d in self.drafts)
        for i, draft in enumerate(self.drafts):
            draft.keep = keep
            self._redraw(i)

    def action_edit(self) -> None:
        i = self.current
        if i is None:
            return

        def edited(text: str | None) -> None:
            if text is not None and text.strip():
                self.drafts[i].text = " ".join(text.split())
                self.drafts[i].keep = True
                self._redraw(i)

        self.app.push_screen(
            AskScreen("The requirement, in your words", "", self.drafts[i].text), edited
        )

    def action_cursor(self, step: int) -> None:
        table = self.query_one("#drafts", DataTable)
        table.move_cursor(row=max(0, table.cursor_row + step))

    def on_data_table_row_highlighted(self, event: DataTable.RowHighlighted) -> None:
        self._show_full()

    def _show_full(self) -> None:
        """The whole text of the highlighted line: the list cuts long ones."""
        i = self.current
        text = self.drafts[i].text if i is not None else ""
        self.query_one("#draft-full", PlainStatic).set_text(styled(text, "italic"))

    def on_data_table_row_selected(self, event: DataTable.RowSelected) -> None:
        event.stop()
        self.action_keep()

    def action_save(self) -> None:
        self.dismiss([(d.text, d.priority) for d in self.drafts if d.keep])

    def action_cancel(self) -> None:
        self.dismiss(None)


class TextEditScreen(HoldsTyping, ModalScreen[str | None]):
    """A long text in a text area: ctrl+s keeps the edits, escape drops them."""

    BINDINGS = [
        Binding("ctrl+s", "save", "Save", id="text-save", priority=True),
        Binding("escape", "cancel", "Cancel", id="text-cancel"),
    ]

    def __init__(self, title: str, text: str) -> None:
        super().__init__()
        self.heading = title
        self.text = text

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog text-edit"):
            yield PlainStatic(
                join(
                    styled(self.heading, "bold"),
                    styled(
                        f" · {key_of('text-save')} save · {key_of('text-cancel')} cancel", "dim"
                    ),
                ),
                classes="dialog-title",
            )
            yield TypedArea(
                self.text,
                id="long-text",
                soft_wrap=True,
                show_line_numbers=False,
                tab_behavior="focus",
            )
        yield Footer()  # this dialog's keys, not those of the screen behind

    def on_mount(self) -> None:
        self.query_one("#long-text", TextArea).focus()

    @property
    def changed(self) -> bool:
        return self.query_one("#long-text", TextArea).text != self.text

    @property
    def unsaved_name(self) -> str:
        return f"unsaved {self.heading}"

    def keep_how(self) -> str:
        return f"{key_of('text-save')} to save"

    def unsaved_text(self) -> str:
        return self.query_one("#long-text", TextArea).text

    def action_save(self) -> None:
        self.dismiss(self.query_one("#long-text", TextArea).text)

    def action_cancel(self) -> None:
        """Escape drops the edits, after asking when there are any: a long text pasted here
        is not lost to a habit of pressing escape."""
        self.discard_asking("text")
