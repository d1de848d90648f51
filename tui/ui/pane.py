"""One generic pane for all eight strategies: guidance, checklist, and a list per record kind."""

from __future__ import annotations

from typing import Any, cast

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.content import Content
from textual.message import Message
from textual.widgets import DataTable

from ..core import readiness, recency
from ..core.content import strategy
from ..core.formatting import (
    NOTE_FIELDS,
    cell_text,
    detail_lines,
    note_state,
    state_text,
    visible,
)
from ..core.kinds import Kind, kinds_of_strategy
from ..core.repository import Record
from ..core.thank_you import gaps
from .extras import PaneExtra, extras_for
from .widgets import PlainStatic, final_round, join, plain, styled


class RecordTable(DataTable):
    """The records of one kind. n new, e/Enter edit, d delete."""

    BINDINGS = [
        Binding("n", "new", "New", id="new"),
        Binding("e", "edit", "Edit", id="edit"),
        Binding("d", "delete", "Delete", id="delete"),
        Binding("y", "act('copy')", "Copy", id="copy"),
        Binding("Y", "act('copy-subject')", "Copy subject", id="copy-subject"),
        Binding("c", "act('compose')", "Compose note", id="compose"),
        Binding("s", "act('sent')", "Mark sent", id="mark-sent"),
        Binding("E", "act('editor')", "$EDITOR", id="edit-in-editor"),
        Binding("j", "cursor_down", "Down", id="down", show=False),
        Binding("k", "cursor_up", "Up", id="up", show=False),
    ]
    NOTE_ACTIONS = {"copy-subject", "compose", "sent", "editor"}

    class Action(Message):
        def __init__(self, table: RecordTable, action: str) -> None:
            super().__init__()
            self.table = table
            self.action = action

    def __init__(self, kind: Kind, **kwargs: Any) -> None:
        super().__init__(cursor_type="row", zebra_stripes=True, **kwargs)
        self.kind = kind
        self.records: list[Record] = []
        self.marks: dict[int, str] = {}  # a word beside a record's state: 'older'
        self._shown: dict[int, tuple[tuple[str, str], ...]] = {}

    def on_mount(self) -> None:
        for name in self.kind.columns:
            self.add_column(Text(self.kind.field(name).heading), key=name)
        if self.kind.done is not None:
            self.add_column(Text("State"), key="_state")

    def _cells(self, record: Record, stories: dict[int, Record]) -> tuple[tuple[str, str], ...]:
        """(text, style) of each cell of a record's row."""
        cells = [(visible(cell_text(self.kind, n, record, stories)), "") for n in self.kind.columns]
        if record.id in self.marks:  # 'older': shown first, dimmed, where it cannot scroll away
            cells[0] = (f"({self.marks[record.id]}) {cells[0][0]}", "dim")
        if self.kind.done is not None:
            done = self.kind.is_done(record.values)
            cells.append((visible(state_text(record)), "green" if done else "bold yellow"))
        return tuple(cells)

    def show(
        self, records: list[Record], stories: dict[int, Record], select: int | None = None
    ) -> None:
        """Show `records`, touching only the rows that changed: a save in a list of
        thousands redraws one row, not all of them."""
        previous = self.selected
        keep = select if select is not None else (previous.id if previous else None)
        ids = [r.id for r in records]
        rows = {r.id: self._cells(r, stories) for r in records}
        # Rich Text, not markup: titles like "[bold]" stay literal.
        old_ids = [r.id for r in self.records]
        kept = [i for i in old_ids if i in rows]
        # rows can be changed and removed in place, and new ones appended at the end
        if old_ids and ids[: len(kept)] == kept:
            for gone in set(old_ids) - set(rows):
                self.remove_row(str(gone))
            columns = [*self.kind.columns] + (["_state"] if self.kind.done is not None else [])
            for rid in ids:
                cells = rows[rid]
                if rid not in self._shown:
                    self.add_row(*[Text(t, style=st) for t, st in cells], key=str(rid))
                elif self._shown[rid] != cells:
                    changes = zip(self._shown[rid], cells, strict=True)
                    for column, (before, now) in zip(columns, changes, strict=True):
                        if before != now:
                            self.update_cell(str(rid), column, Text(now[0], style=now[1]))
        else:
            self.clear()
            for rid in ids:
                self.add_row(*[Text(t, style=st) for t, st in rows[rid]], key=str(rid))
        self._shown = rows
        self.records = records
        if keep in ids:
            self.move_cursor(row=ids.index(keep))

    @property
    def selected(self) -> Record | None:
        if not self.records or self.cursor_row is None:
            return None
        if 0 <= self.cursor_row < len(self.records):
            return self.records[self.cursor_row]
        return None

    def select_record(self, record_id: int) -> bool:
        ids = [r.id for r in self.records]
        if record_id in ids:
            self.move_cursor(row=ids.index(record_id))
            return True
        return False

    def check_action(self, action: str, parameters: tuple) -> bool | None:
        # the thank-you note keys belong to interviewers only
        if action == "act" and parameters and parameters[0] in self.NOTE_ACTIONS:
            return self.kind.name == "interviewer"
        return True

    def action_act(self, what: str) -> None:
        self.post_message(self.Action(self, what))

    def action_new(self) -> None:
        self.post_message(self.Action(self, "new"))

    def action_edit(self) -> None:
        self.post_message(self.Action(self, "edit"))

    def action_delete(self) -> None:
        self.post_message(self.Action(self, "delete"))

    def on_data_table_row_selected(self, event: DataTable.RowSelected) -> None:
        event.stop()
        self.post_message(self.Action(self, "edit"))


class StrategyPane(Vertical):
    """Strategy `number`: what it asks for, how far along you are, and your records for it."""

    def __init__(self, number: int, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.number = number
        self.strategy = strategy(number)
        self.kinds = kinds_of_strategy(number)
        self.stale = True

    def compose(self) -> ComposeResult:
        st = self.strategy
        yield PlainStatic(join(styled(f"{st.number} · {st.title}", "bold")), classes="pane-title")
        with Horizontal(classes="pane-body"):
            with VerticalScroll(classes="guidance", can_focus=False):
                yield PlainStatic(st.summary, classes="summary")
                for heading, text in st.guidance:
                    yield PlainStatic(styled(heading, "bold"), classes="guidance-heading")
                    yield PlainStatic(text, classes="guidance-text")
                yield PlainStatic(styled("Checklist", "bold"), classes="guidance-heading")
                yield PlainStatic("", classes="checklist")
            with Vertical(classes="records"):
                for k in self.kinds:
                    yield PlainStatic("", classes="list-title", id=f"title-{k.name}")
                    yield RecordTable(k, id=f"table-{k.name}", classes="record-table")
                yield from extras_for(self.number)
                yield VerticalScroll(
                    PlainStatic("", id="detail"), classes="detail-box", can_focus=False
                )

    def on_mount(self) -> None:
        self.reload()

    @property
    def tables(self) -> list[RecordTable]:
        return list(self.query(RecordTable))

    @property
    def current_table(self) -> RecordTable | None:
        """The focused list of this pane, else its first (None while still being built)."""
        tables = self.tables
        focused = self.screen.focused
        if isinstance(focused, RecordTable) and focused in tables:
            return focused
        return tables[0] if tables else None

    def focus_first(self) -> None:
        table = self.current_table
        if table is not None:
            # at once, not after the next message: a key typed right after the pane's
            # number must reach the list
            self.screen.set_focus(table)

    def reload(self) -> None:
        ws = final_round(self).workspace
        stories = ws.stories_by_id()
        snap = readiness.Snapshot(ws)
        for k in self.kinds:
            records = ws.scoped_records(k.name)
            scope = "" if k.scoped else "  (your bank, for every opportunity)"
            self.query_one(f"#title-{k.name}", PlainStatic).set_text(
                join(styled(f"{k.plural} · {len(records)}", "bold"), styled(scope, "dim"))
            )
            table = self.query_one(f"#table-{k.name}", RecordTable)
            table.marks = readiness.record_marks(snap, k.name)
            table.show(records, stories)
        self._show_checklist(snap)
        for extra in self.query(".pane-extra"):
            cast(PaneExtra, extra).show_from(ws, stories)  # the stories read just above
        self._show_detail()
        self.stale = False

    def _show_checklist(self, snap: readiness.Snapshot) -> None:
        checks = readiness.checklist(final_round(self).workspace, self.number, snap)
        parts: list[Content] = []
        for check in checks:
            mark = {
                True: styled("✓ ", "green bold"),
                False: styled("○ ", "bold yellow"),
                None: styled("– ", "dim"),
            }[check.done]
            detail = styled(f" ({check.detail})", "dim") if check.detail else Content("")
            parts.append(join(mark, plain(check.text), detail))
        self.query_one(".checklist", PlainStatic).set_text(Content("\n").join(parts))

    def _show_detail(self) -> None:
        table = self.current_table
        record = table.selected if table is not None else None
        detail = self.query_one("#detail", PlainStatic)
        if record is None:
            detail.set_text(styled("No record selected. Press n to add one.", "dim"))
            return
        stories = final_round(self).workspace.stories_for(record)
        if record.kind.name == "interviewer":
            detail.set_text(note_view(record, stories))
            return
        lines = [
            join(styled(f"{label}: ", "bold"), plain(text))
            for label, text in detail_lines(record, stories)
        ]
        flag = state_text(record)
        if flag and not record.kind.is_done(record.values):
            lines.insert(0, styled(f"⚑ {flag}", "bold yellow"))
        mark = table.marks.get(record.id) if table is not None else None
        if mark:
            lines.insert(0, styled(f"⚑ {recency.describe(mark)}", "bold yellow"))
        detail.set_text(Content("\n").join(lines))

    def on_data_table_row_highlighted(self, event: DataTable.RowHighlighted) -> None:
        self._show_detail()

    def on_descendant_focus(self) -> None:
        self._show_detail()

    def select(self, kind_name: str, record_id: int) -> None:
        table = self.query_one(f"#table-{kind_name}", RecordTable)
        table.focus()
        table.select_record(record_id)
        self._show_detail()

    def on_record_table_action(self, message: RecordTable.Action) -> None:
        message.stop()
        table = message.table
        if message.action == "new":
            final_round(self).open_form(
                table.kind.name, None, on_saved=lambda r: self.select(r.kind.name, r.id)
            )
            return
        record = table.selected
        if record is None:
            self.app.notify(
                f"No {table.kind.label.lower()} selected. Press n to add one.", markup=False
            )
            return
        if message.action == "edit":
            final_round(self).open_form(
                table.kind.name, record, on_saved=lambda r: self.select(r.kind.name, r.id)
            )
        elif message.action == "delete":
            final_round(self).confirm_delete(record)
        elif message.action == "copy":
            final_round(self).copy_record(record)
        elif message.action == "copy-subject":
            final_round(self).copy_record(record, subject=True)
        elif message.action == "compose":
            final_round(self).compose_note(record)
        elif message.action == "sent":
            final_round(self).mark_note(record, "sent")
        elif message.action == "editor":
            final_round(self).edit_note_in_editor(record)


def note_view(interviewer: Record, stories: dict[int, Record]) -> Content:
    """The interviewer's thank-you note as it will be sent, with its deadline and gaps."""
    v = interviewer.values
    state = note_state(interviewer)
    late = "overdue" in state
    lines = [
        join(
            styled("Thank-you note to ", "bold"),
            plain(interviewer.title),
            plain("  "),
            styled(
                state, "bold red" if late else "bold green" if state == "sent" else "bold yellow"
            ),
        ),
        styled(
            "y copy note · Y copy subject · c compose from template · s mark sent · "
            "E edit in $EDITOR · e edit",
            "dim",
        ),
    ]
    if v["copied_at"]:
        lines.append(styled(f"copied {v['copied_at']}", "dim"))
    if v["sent_at"]:
        lines.append(styled(f"sent {v['sent_at']}", "dim"))
    missing = gaps(v["draft_subject"] + "\n" + v["draft_body"])
    if missing:
        lines.append(styled("Fill in before sending: " + ", ".join(missing), "bold yellow"))
    lines += [
        Content(""),
        join(styled("Subject: ", "bold"), plain(v["draft_subject"])),
        Content(""),
        plain(v["draft_body"].rstrip() or "(no note yet: press c)"),
    ]
    lines.append(Content(""))
    for label, text in detail_lines(interviewer, stories, skip=NOTE_FIELDS):
        lines.append(join(styled(f"{label}: ", "bold"), plain(text)))
    return Content("\n").join(lines)
