"""The list of one kind's records: rows worked out only when drawn, columns fitted to the
screen, and the keys that act on the selected record."""

from __future__ import annotations

import operator
from itertools import compress, count
from typing import Any

from rich.text import Text
from textual.binding import Binding
from textual.message import Message
from textual.widgets import DataTable
from textual.widgets.data_table import ColumnKey

from ..core.formatting import Links, cell_text, state_text, visible
from ..core.key_names import key_of
from ..core.kinds import Kind
from ..core.record import RECORD_ID, Record
from ..core.starters import PRACTISE_CATEGORY
from ..core.states import MAIN_STATE
from .commands import (
    BrowseStarters,
    CarryForward,
    ComposeNote,
    CopyRecord,
    CopySubject,
    DeleteRecord,
    EditNoteInEditor,
    EditRecord,
    FlipState,
    LinkStory,
    MarkNoteSent,
    NewRecord,
)
from .lazy_table import LazyTable

TITLE_READABLE = 28  # a title keeps this much before any other column gives way
OTHER_READABLE = 14  # a longer cell of another column gives way before the title does
TITLE_FLOOR, COLUMN_FLOOR = 14, 6  # narrowest a title and another column get on a small screen
# and where even those leave no room for the state (the help panel open at 80 columns)
TIGHT_TITLE_FLOOR, TIGHT_COLUMN_FLOOR = 6, 3
EXACT_WIDTHS_UP_TO = 200  # rows: a longer list has columns as wide as a cell may be


def _widest(kind: Kind, name: str) -> int:
    """How wide column `name` is in a long list: its cells are cut there as they are drawn,
    narrow enough for the state column to show beside a title at 120 columns."""
    if name == "_state":
        return 12
    own = kind.field(name).behaviour.cell_width
    if own is not None:
        return own
    return 30 if name == kind.title_field else 12


def _level(widths: dict[str, int], names: list[str], floor: int, over: int) -> int:
    """Take up to `over` cells from columns `names`, none below `floor`: the widest gives
    way until it is as wide as the next, then both together, and so on (two long columns
    keep a readable part each, rather than one cut to nothing). What is still over."""
    while over > 0:
        above = sorted({widths[n] for n in names if widths[n] > floor}, reverse=True)
        if not above:
            break
        top = above[0]
        widest = [n for n in names if widths[n] == top]
        down_to = above[1] if len(above) > 1 else floor
        take = min(over, (top - down_to) * len(widest))
        each, more = divmod(take, len(widest))
        for at, name in enumerate(widest):
            widths[name] -= each + (at < more)
        over -= take
    return over


def cell_len(cell: object) -> int:
    return cell.cell_len if isinstance(cell, Text) else len(str(cell))


RecordCommand = (
    type[EditRecord]
    | type[DeleteRecord]
    | type[CopyRecord]
    | type[CopySubject]
    | type[ComposeNote]
    | type[MarkNoteSent]
    | type[EditNoteInEditor]
    | type[LinkStory]
    | type[FlipState]
)


class RecordTable(LazyTable):
    """The records of one kind. n new, e/Enter edit, d delete."""

    BINDINGS = [
        Binding("n", "new", "New", id="new"),
        Binding("e", "edit", "Edit", id="edit"),
        Binding("d", "delete", "Delete", id="delete"),
        Binding("y", "copy", "Copy", id="copy"),
        Binding("Y", "copy_subject", "Copy subject", id="copy-subject"),
        Binding("c", "compose", "Compose note", id="compose"),
        Binding("s", "mark_sent", "Mark sent", id="mark-sent"),
        Binding("E", "edit_in_editor", "$EDITOR", id="edit-in-editor"),
        Binding("l", "link_story", "Link a story", id="link-story"),
        Binding("s", "browse_starters", "Starter questions", id="browse-starters"),
        Binding("t", "toggle_untold", "Not told here", id="toggle-untold"),
        Binding("F", "carry('feedback')", "To feedback", id="carry-to-feedback"),
        Binding("K", "carry('concern')", "To concern", id="carry-to-concern"),
        Binding("space", "flip_state", "Flip state", id="flip-state"),
        Binding("j", "cursor_down", "Down", id="down", show=False),
        Binding("k", "cursor_up", "Up", id="up", show=False),
    ]
    # the thank-you note's keys: on the lists of kinds that carry a note
    NOTE_ACTIONS = {"copy_subject", "compose", "mark_sent", "edit_in_editor"}
    # keys that belong to some kinds only: action -> the kinds whose lists have it
    KIND_ACTIONS = {
        "link_story": {"practice", "requirement"},
        "browse_starters": {"question", "practice"},
        "carry": {"asked"},  # what a debrief noticed becomes feedback or a concern
        "toggle_untold": {"story"},
    }

    def __init__(self, kind: Kind, **kwargs: Any) -> None:
        super().__init__(cursor_type="row", zebra_stripes=True, **kwargs)
        self.kind = kind
        self.records: list[Record] = []
        self.marks: dict[int, str] = {}  # a word beside a record's state: 'older'
        self._marks_shown: dict[int, str] = {}
        self._by_id: dict[int, Record] = {}  # the record each row stands for
        self._stories: dict[int, Record] = {}
        self.links: Links = {}  # the records its REF columns name, by kind and id
        self.untold_only = False  # the story bank: only stories not yet told at this company
        self._columns = [*kind.columns] + (["_state"] if kind.done is not None else [])
        # a row shows the titles of the stories it links to: redrawn whenever stories may change
        self._links_stories = any(
            kind.field(n).behaviour.links_stories or kind.field(n).behaviour.links_records
            for n in kind.columns
        )

    def on_mount(self) -> None:
        for name in self.kind.columns:
            self.add_column(
                Text(self.kind.field(name).heading, overflow="ellipsis", no_wrap=True),
                key=name,
                width=1,
            )
        if self.kind.done is not None:
            self.add_column(Text("State"), key="_state", width=1)

    def _cells(self, record: Record) -> list[Text]:
        """The cells of a record's row (Rich Text, not markup: "[bold]" stays literal)."""
        kind, stories = self.kind, self._stories
        cells: list[Text] = [
            Text(
                visible(cell_text(kind, n, record, stories, self.links)),
                overflow="ellipsis",
                no_wrap=True,
            )
            for n in kind.columns
        ]
        mark = self.marks.get(record.id)
        if mark:  # 'older': shown first, dimmed, where it cannot scroll away
            cells[0] = Text(
                f"({mark}) {cells[0].plain}", style="dim", overflow="ellipsis", no_wrap=True
            )
        if kind.done is not None:
            done = kind.is_done(record.values)
            cells.append(
                Text(visible(state_text(record)), style="green" if done else "bold yellow")
            )
        return cells

    def cells_of(self, record_id: int) -> dict[ColumnKey, Text]:
        """Made when the row is first drawn: a list of thousands works out only what shows."""
        record = self._by_id[record_id]
        return dict(zip(map(ColumnKey, self._columns), self._cells(record), strict=True))

    def show(
        self, records: list[Record], stories: dict[int, Record], select: int | None = None
    ) -> None:
        """Show `records`. Rows are worked out only when drawn, and a change to records
        already shown redraws just their rows: opening or saving costs about the same
        with a hundred records or ten thousand."""
        previous = self.selected
        keep = select if select is not None else (previous.id if previous else None)
        self._stories = stories
        ids = list(map(RECORD_ID, records))
        old = self.records
        old_ids = list(self.row_ids)
        same_rows = ids == old_ids
        # a record added at the end (a new one saved): only its row is new
        added = not same_rows and len(ids) > len(old_ids) > 0 and ids[: len(old_ids)] == old_ids
        self.records, self._by_id = records, dict(zip(ids, records, strict=True))
        if added:
            self.append_rows(ids[len(old_ids) :])
        elif not same_rows:
            self.set_rows(ids)
        if same_rows or added:
            if self._links_stories:
                self.forget_rows()
            marks = self.marks
            for changed in set(marks.items()) ^ set(self._marks_shown.items()):
                self.forget_row(changed[0])
            # the rows shown before, in the same order: only those now another record
            for at in compress(count(), map(operator.is_not, records, old)):
                record, before = records[at], old[at]
                if before.values != record.values or before.opportunity != record.opportunity:
                    self.forget_row(record.id)
        self._marks_shown = dict(self.marks)
        self._size_columns()
        self._update_count += 1
        self._clear_caches()
        self._require_update_dimensions = True
        self.refresh()
        if keep is not None:
            row = self.row_of(keep)
            if row is not None:
                self.move_cursor(row=row)

    def _size_columns(self) -> None:
        """Columns as wide as their widest cell in a short list; in a long one as wide as
        a cell may be, so no row needs to be worked out before it is drawn."""
        widths = {}
        for name in self._columns:
            label = self.columns[ColumnKey(name)].label.cell_len
            widths[name] = max(label, _widest(self.kind, name))
        if len(self.records) <= EXACT_WIDTHS_UP_TO:
            exact = dict.fromkeys(self._columns, 0)
            for record in self.records:
                for key, cell in self.cells_shown(record.id).items():
                    name = str(key.value)
                    exact[name] = max(exact[name], cell_len(cell))
            for name in self._columns:
                label = self.columns[ColumnKey(name)].label.cell_len
                widths[name] = max(label, exact[name])
        for name, width in self._fit(widths).items():
            self.columns[ColumnKey(name)].width = width

    def _fit(self, widths: dict[str, int]) -> dict[str, int]:
        """Widths that fit the list's width: other columns longer than a readable width give
        way to it first, the widest first and then evenly; then the title (what the row is)
        down to a readable width, then the other columns down to their floor, and only then
        the title again; the state column is never cut. Where there is room, every cell
        shows whole."""
        room = self.scrollable_content_region.width
        if room <= 0:
            return widths
        fitted = dict(widths)
        over = sum(fitted.values()) + 2 * self.cell_padding * len(fitted) - room
        title = self.kind.title_field
        others = [n for n in fitted if n not in (title, "_state")]
        steps = [(others, OTHER_READABLE), ([title], TITLE_READABLE), (others, COLUMN_FLOOR)]
        steps += [([title], TITLE_FLOOR)]
        steps += [(others, TIGHT_COLUMN_FLOOR), ([title], TIGHT_TITLE_FLOOR)]
        for names, floor in steps:
            over = _level(fitted, names, floor, over)
            if over <= 0:
                break
        return fitted

    def on_resize(self) -> None:
        if self.records:
            self._size_columns()
            self._require_update_dimensions = True
            self.refresh()

    @property
    def selected(self) -> Record | None:
        if not self.records or self.cursor_row is None:
            return None
        if 0 <= self.cursor_row < len(self.records):
            return self.records[self.cursor_row]
        return None

    def select_record(self, record_id: int) -> bool:
        row = self.row_of(record_id)
        if row is not None:
            self.move_cursor(row=row)
            return True
        return False

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        # the thank-you note keys belong to kinds with a note; linking and the starters to
        # the lists named in KIND_ACTIONS
        if action in self.NOTE_ACTIONS:
            return self.kind.has_note
        if action in self.KIND_ACTIONS:
            return self.kind.name in self.KIND_ACTIONS[action]
        if action == "flip_state":
            return self.kind.name in MAIN_STATE
        return True

    def _about_selected(self, command: RecordCommand) -> None:
        """Post `command` for the selected record, or say there is none."""
        record = self.selected
        if record is None:
            self.app.notify(
                f"No {self.kind.label.lower()} selected. Press {key_of('new')} to add one.",
                markup=False,
            )
            return
        self.post_message(command(record, origin=self))

    def action_new(self) -> None:
        self.post_message(NewRecord(self.kind, origin=self))

    def action_edit(self) -> None:
        self._about_selected(EditRecord)

    def action_delete(self) -> None:
        self._about_selected(DeleteRecord)

    def action_copy(self) -> None:
        self._about_selected(CopyRecord)

    def action_copy_subject(self) -> None:
        self._about_selected(CopySubject)

    def action_compose(self) -> None:
        self._about_selected(ComposeNote)

    def action_mark_sent(self) -> None:
        self._about_selected(MarkNoteSent)

    def action_edit_in_editor(self) -> None:
        self._about_selected(EditNoteInEditor)

    def action_link_story(self) -> None:
        self._about_selected(LinkStory)

    def action_browse_starters(self) -> None:
        """The starter questions, opened at the category of the list in view."""
        category: str | None = PRACTISE_CATEGORY if self.kind.name == "practice" else None
        if category is None and self.selected is not None:
            category = str(self.selected["category"])
        self.post_message(BrowseStarters(category, origin=self))

    def action_toggle_untold(self) -> None:
        """Show only the stories not yet told at this company, or all of them again."""
        self.untold_only = not self.untold_only
        self.post_message(self.FilterChanged())

    class FilterChanged(Message):
        """The list shows another part of its records: the pane redraws it."""

    def action_carry(self, into: str) -> None:
        record = self.selected
        if record is not None:
            self.post_message(CarryForward(record, into, origin=self))

    def action_flip_state(self) -> None:
        self._about_selected(FlipState)

    def on_data_table_row_selected(self, event: DataTable.RowSelected) -> None:
        event.stop()
        self._about_selected(EditRecord)
