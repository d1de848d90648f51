"""The form's half of each field type: the widget that edits it and how its value is read
back. The core's half (check, show, search) is in tui/core/field_types.py and field_links.py, by
the same name."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any, ClassVar, Self

from rich.segment import Segment
from rich.style import Style
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.content import Content
from textual.strip import Strip
from textual.widget import Widget
from textual.widgets import Checkbox, Input, OptionList, Select, SelectionList, TextArea

from ..core.field_types import (
    CHOICE,
    DATE,
    DATETIME,
    FLAG,
    LONG,
    MAX_LONG,
    REF,
    REFS,
    STORIES,
    STORY,
    TAGS,
    TEXT,
    ZONE,
)
from ..core.formatting import visible
from ..core.kinds import Field
from ..core.record import Record
from .text_boxes import TypedArea, TypedInput
from .widgets import plain

# What the box above a pick list says it does (PickFilter): true of the box itself.
PICK_HINT = "type to filter · ↑↓ choose · enter ticks"

# How a picker names some of its records, by id, where the title alone could be ambiguous
# (an interviewer met in two rounds); None: by their titles.
Labels = Mapping[int, str] | None


class FormWidget:
    """A line of text: the default."""

    labelled: ClassVar[bool] = True  # a label above it (a checkbox carries its own)

    def build(
        self, f: Field, value: Any, stories: list[Record], wid: str, labels: Labels = None
    ) -> Widget:
        # control characters are shown as symbols, never sent to the terminal raw
        return TypedInput(visible(value or ""), id=wid, placeholder=f.placeholder)

    def read(self, widget: Widget) -> Any:
        return widget.value if isinstance(widget, Input) else None


class AreaWidget(FormWidget):
    """Several lines; tab leaves the area rather than typing a tab."""

    def build(
        self, f: Field, value: Any, stories: list[Record], wid: str, labels: Labels = None
    ) -> Widget:
        text = visible(value or "")
        return TypedArea(
            text,
            id=wid,
            # a text past the longest a field takes (a file edited by hand) is shown unwrapped:
            # wrapping millions of characters would hold the screen up for seconds
            soft_wrap=len(text) <= MAX_LONG,
            show_line_numbers=False,
            tab_behavior="focus",
        )

    def read(self, widget: Widget) -> Any:
        return widget.text if isinstance(widget, TextArea) else None


class ChoiceWidget(FormWidget):
    def build(
        self, f: Field, value: Any, stories: list[Record], wid: str, labels: Labels = None
    ) -> Widget:
        options = [(plain(c), c) for c in f.choices]
        return Select(options, value=value or Select.NULL, allow_blank=not f.required, id=wid)

    def read(self, widget: Widget) -> Any:
        if not isinstance(widget, Select):
            return None
        return None if widget.value is Select.NULL else widget.value


class TickBox(Checkbox):
    """A yes/no field whose state reads without colour: [x] ticked, [ ] not, as in the pick
    lists, where the stock checkbox shows the same mark for both and tells them apart by
    colour alone."""

    @property
    def _button(self) -> Content:
        return Content.styled("[x]", "bold") if self.value else Content("[ ]")


class FlagWidget(FormWidget):
    labelled = False

    def build(
        self, f: Field, value: Any, stories: list[Record], wid: str, labels: Labels = None
    ) -> Widget:
        return TickBox(plain(f.label), value=bool(value), id=wid)

    def read(self, widget: Widget) -> Any:
        return widget.value if isinstance(widget, Checkbox) else None


class StoryWidget(ChoiceWidget):
    """One story of the example bank (or one record of the field's target kind), or none."""

    def build(
        self, f: Field, value: Any, stories: list[Record], wid: str, labels: Labels = None
    ) -> Widget:
        ids = {s.id for s in stories}
        named = labels or {}
        return Select(
            [(plain(named.get(s.id, s.title)), s.id) for s in stories],
            value=value if value in ids else Select.NULL,
            allow_blank=not f.required,
            prompt=f"(no {f.target or 'story'})",
            id=wid,
        )


def matches(query: str, title: str) -> bool:
    """A choice matches what is typed when it holds it, or nearly (a typo or two)."""
    from rapidfuzz import fuzz, utils

    query = query.strip()
    if not query or query.casefold() in title.casefold():
        return True
    return fuzz.partial_ratio(query, title, processor=utils.default_process) >= 80


class PickFilter(TypedInput):
    """The box above a pick list: typing filters it, up and down move its highlight, enter
    ticks (or unticks) the highlighted record, so picking never leaves the box."""

    BINDINGS = [
        Binding("up", "move(-1)", "Previous", show=False),
        Binding("down", "move(1)", "Next", show=False),
        Binding("enter", "tick", "Tick", show=False),
    ]

    def _list(self) -> SelectionList[int] | None:
        parent = self.parent
        return parent.query_one(SelectionList) if isinstance(parent, PickList) else None

    def action_move(self, step: int) -> None:
        picker = self._list()
        if picker is not None and picker.option_count:
            now = picker.highlighted if picker.highlighted is not None else -step
            picker.highlighted = max(0, min(picker.option_count - 1, now + step))

    def action_tick(self) -> None:
        picker = self._list()
        if picker is not None and picker.highlighted is not None:
            picker.toggle(picker.get_option_at_index(picker.highlighted))


class TickList(SelectionList[int]):
    """A selection list whose ticks read without colour: [x] ticked, [ ] not, where the
    stock button shows the same mark for both and tells them apart by colour alone."""

    def render_line(self, y: int) -> Strip:
        line = OptionList.render_line(self, y)  # the prompt, without the stock button
        index = self.scroll_offset.y + y
        if not 0 <= index < self.option_count:
            return line
        ticked = self.get_option_at_index(index).value in self._selected
        base = next(iter(line)).style or self.rich_style
        mark = Style(bold=True) if ticked else Style()
        click = Style(meta={"option": index})  # a click on the tick toggles it, as before
        return Strip(
            [Segment("[x] " if ticked else "[ ] ", base + mark + click), *line],
            line.cell_length + 4,
        )


class PickList(Vertical):
    """Records ticked in a list, with a box above it that filters the list as you type
    (typos forgiven); what is ticked stays ticked, and in view, whatever the filter."""

    DEFAULT_CSS = """
    PickList { height: auto; }
    PickList > SelectionList { height: auto; max-height: 10; }
    """

    def __init__(
        self, records: list[Record], chosen: list[int], id: str, labels: Labels = None
    ) -> None:
        super().__init__(id=id)
        named = labels or {}
        self.records = [(named.get(r.id, r.title), r.id) for r in records]
        self.chosen = set(chosen)

    def compose(self) -> ComposeResult:
        yield PickFilter(placeholder=PICK_HINT, classes="pick-filter")
        yield TickList(*self._options(""))

    def _options(self, query: str) -> list[tuple[Content, int, bool]]:
        return [
            (plain(title), rid, rid in self.chosen)
            for title, rid in self.records
            if rid in self.chosen or matches(query, title)
        ]

    def on_mount(self) -> None:
        picker = self.query_one(SelectionList)
        if picker.option_count:
            picker.highlighted = 0

    @property
    def value(self) -> list[int]:
        """The ticked records, in the order of the list."""
        return [rid for _, rid in self.records if rid in self.chosen]

    @on(Input.Changed)
    def filter_list(self, event: Input.Changed) -> None:
        event.stop()
        picker = self.query_one(SelectionList)
        picker.clear_options()
        picker.add_options(self._options(event.value))
        if picker.option_count:  # enter ticks the first match at once
            picker.highlighted = 0

    @on(SelectionList.SelectionToggled)
    def ticked(self, event: SelectionList.SelectionToggled) -> None:
        event.stop()
        picker = event.selection_list
        shown = {picker.get_option_at_index(i).value for i in range(picker.option_count)}
        self.chosen = (self.chosen - shown) | set(picker.selected)

    def focus(self, scroll_visible: bool = True) -> Self:
        self.query_one(Input).focus(scroll_visible)
        return self


class StoriesWidget(FormWidget):
    """Any number of stories of the example bank (or records of the field's target kind),
    picked from a list filtered as you type."""

    def build(
        self, f: Field, value: Any, stories: list[Record], wid: str, labels: Labels = None
    ) -> Widget:
        return PickList(stories, list(value or []), id=wid, labels=labels)

    def read(self, widget: Widget) -> Any:
        return widget.value if isinstance(widget, PickList) else None


class TagsWidget(FormWidget):
    """Tags typed on one line, separated by commas."""

    def build(
        self, f: Field, value: Any, stories: list[Record], wid: str, labels: Labels = None
    ) -> Widget:
        text = value if isinstance(value, str) else ", ".join(value or [])  # str: as stored
        return TypedInput(visible(text), id=wid, placeholder="tag, another tag")


FORM_WIDGETS: dict[str, FormWidget] = {
    TEXT: FormWidget(),
    LONG: AreaWidget(),
    CHOICE: ChoiceWidget(),
    FLAG: FlagWidget(),
    DATE: FormWidget(),
    DATETIME: FormWidget(),
    TAGS: TagsWidget(),
    STORY: StoryWidget(),
    STORIES: StoriesWidget(),
    REF: StoryWidget(),
    REFS: StoriesWidget(),
    ZONE: FormWidget(),
}
