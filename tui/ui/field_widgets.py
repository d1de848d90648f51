"""The form's half of each field type: the widget that edits it and how its value is read
back. The core's half (check, show, search) is in tui/core/field_types.py, by the same name."""

from __future__ import annotations

from typing import Any, ClassVar

from textual.widget import Widget
from textual.widgets import Checkbox, Input, Select, SelectionList, TextArea

from ..core.field_types import CHOICE, DATE, DATETIME, FLAG, LONG, STORIES, STORY, TAGS, TEXT
from ..core.formatting import visible
from ..core.kinds import Field
from ..core.repository import Record
from .widgets import plain


class FormWidget:
    """A line of text: the default."""

    labelled: ClassVar[bool] = True  # a label above it (a checkbox carries its own)

    def build(self, f: Field, value: Any, stories: list[Record], wid: str) -> Widget:
        # control characters are shown as symbols, never sent to the terminal raw
        return Input(visible(value or ""), id=wid, placeholder=f.placeholder)

    def read(self, widget: Widget) -> Any:
        return widget.value if isinstance(widget, Input) else None


class AreaWidget(FormWidget):
    """Several lines; tab leaves the area rather than typing a tab."""

    def build(self, f: Field, value: Any, stories: list[Record], wid: str) -> Widget:
        return TextArea(
            visible(value or ""),
            id=wid,
            soft_wrap=True,
            show_line_numbers=False,
            tab_behavior="focus",
        )

    def read(self, widget: Widget) -> Any:
        return widget.text if isinstance(widget, TextArea) else None


class ChoiceWidget(FormWidget):
    def build(self, f: Field, value: Any, stories: list[Record], wid: str) -> Widget:
        options = [(plain(c), c) for c in f.choices]
        return Select(options, value=value or Select.NULL, allow_blank=not f.required, id=wid)

    def read(self, widget: Widget) -> Any:
        if not isinstance(widget, Select):
            return None
        return None if widget.value is Select.NULL else widget.value


class FlagWidget(FormWidget):
    labelled = False

    def build(self, f: Field, value: Any, stories: list[Record], wid: str) -> Widget:
        return Checkbox(plain(f.label), value=bool(value), id=wid)

    def read(self, widget: Widget) -> Any:
        return widget.value if isinstance(widget, Checkbox) else None


class StoryWidget(ChoiceWidget):
    """One story of the example bank, or none."""

    def build(self, f: Field, value: Any, stories: list[Record], wid: str) -> Widget:
        ids = {s.id for s in stories}
        return Select(
            [(plain(s.title), s.id) for s in stories],
            value=value if value in ids else Select.NULL,
            allow_blank=True,
            prompt="(no story)",
            id=wid,
        )


class StoriesWidget(FormWidget):
    """Any number of stories of the example bank, ticked in a list."""

    def build(self, f: Field, value: Any, stories: list[Record], wid: str) -> Widget:
        chosen = set(value or [])
        options = [(plain(s.title), s.id, s.id in chosen) for s in stories]
        return SelectionList[int](*options, id=wid)

    def read(self, widget: Widget) -> Any:
        return list(widget.selected) if isinstance(widget, SelectionList) else None


class TagsWidget(FormWidget):
    """Tags typed on one line, separated by commas."""

    def build(self, f: Field, value: Any, stories: list[Record], wid: str) -> Widget:
        text = value if isinstance(value, str) else ", ".join(value or [])  # str: as stored
        return Input(visible(text), id=wid, placeholder="tag, another tag")


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
}
