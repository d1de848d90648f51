"""Starter questions by category (`s` in pane 6): browse them and add the ones you like."""

from __future__ import annotations

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widgets import Footer, OptionList
from textual.widgets.option_list import Option

from ..core.key_names import key_of
from ..core.starters import by_category
from .commands import AddStarter, WorkspaceChanged
from .widgets import PlainStatic, final_round, join, plain, styled


class StartersScreen(ModalScreen[None]):
    """Categories on the left, their starter questions on the right; Enter or a adds one."""

    BINDINGS = [
        Binding("a", "add", "Add to my bank", id="starter-add"),
        Binding("tab,right,l", "focus_questions", "Questions", id="starter-questions", show=False),
        Binding("shift+tab,left,h", "focus_categories", "Categories", id="starter-categories"),
        Binding("j", "cursor(1)", "Down", id="starter-down", show=False),
        Binding("k", "cursor(-1)", "Up", id="starter-up", show=False),
        Binding("escape", "close", "Back", id="starter-back"),
    ]

    def __init__(self, category: str | None = None) -> None:
        super().__init__()
        self.groups = by_category()
        self.category = category if category in self.groups else next(iter(self.groups))
        self.shown: list[tuple[str, int]] = []  # (starter kind, number) of each question row

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog wide starters"):
            yield PlainStatic(
                "Starter questions — ↑↓ category · → or tab: its questions · Enter or "
                f"{key_of('starter-add')}: add to your bank · {key_of('starter-back')}: back",
                classes="dialog-title",
            )
            with Horizontal(classes="starter-panes"):
                yield OptionList(id="starter-category-list")
                yield OptionList(id="starter-list")
        yield Footer()  # this dialog's keys, not those of the screen behind

    def on_mount(self) -> None:
        categories = self.query_one("#starter-category-list", OptionList)
        for name, items in self.groups.items():
            categories.add_option(
                Option(join(plain(name), styled(f"  {len(items)}", "dim")), id=name)
            )
        categories.highlighted = list(self.groups).index(self.category)
        categories.focus()
        self.show_category(self.category)

    def _in_bank(self) -> set[str]:
        ws = final_round(self).workspace
        return {
            " ".join(str(r.values.get("text", "")).split()).lower()
            for kind in ("question", "practice")
            for r in ws.all_records(kind)
        }

    def show_category(self, name: str) -> None:
        self.category = name
        listing = self.query_one("#starter-list", OptionList)
        highlighted = listing.highlighted
        listing.clear_options()
        in_bank = self._in_bank()
        self.shown = []
        for key, values in self.groups[name]:
            text = values["text"]
            mark = "✓ " if " ".join(text.split()).lower() in in_bank else "  "
            listing.add_option(Option(join(styled(mark, "green bold"), plain(text))))
            self.shown.append(key)
        if self.shown:
            listing.highlighted = min(highlighted or 0, len(self.shown) - 1)

    @on(OptionList.OptionHighlighted, "#starter-category-list")
    def _category_moved(self, event: OptionList.OptionHighlighted) -> None:
        if event.option.id and event.option.id != self.category:
            self.query_one("#starter-list", OptionList).highlighted = None
            self.show_category(event.option.id)

    @on(OptionList.OptionSelected, "#starter-category-list")
    def _category_chosen(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        self.action_focus_questions()

    @on(OptionList.OptionSelected, "#starter-list")
    def _question_chosen(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        self.action_add()

    def action_focus_questions(self) -> None:
        listing = self.query_one("#starter-list", OptionList)
        listing.focus()
        if listing.highlighted is None and self.shown:
            listing.highlighted = 0

    def action_focus_categories(self) -> None:
        self.query_one("#starter-category-list", OptionList).focus()

    def action_cursor(self, step: int) -> None:
        focused = self.focused
        if isinstance(focused, OptionList):
            focused.action_cursor_down() if step > 0 else focused.action_cursor_up()

    @property
    def selected(self) -> tuple[str, int] | None:
        highlighted = self.query_one("#starter-list", OptionList).highlighted
        if highlighted is None or not 0 <= highlighted < len(self.shown):
            return None
        return self.shown[highlighted]

    def action_add(self) -> None:
        key = self.selected
        if key is None:
            self.action_focus_questions()
            return
        text = dict(self.groups[self.category])[key]["text"]
        if " ".join(text.split()).lower() in self._in_bank():
            self.notify("Already in your bank.", markup=False)
            return
        # the app says what was added once it is saved; the list then shows its ✓
        self.post_message(AddStarter(*key, origin=self))

    def on_workspace_changed(self, message: WorkspaceChanged) -> None:
        self.show_category(self.category)

    def action_close(self) -> None:
        self.dismiss(None)
