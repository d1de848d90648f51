"""Link a story to a question or requirement (`l`): suggested stories first, with their reason."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Footer, OptionList
from textual.widgets.option_list import Option

from ..core.key_names import key_of
from ..core.record import Record
from ..core.suggest import Suggestion
from .widgets import PlainStatic, RecordOption, join, plain, styled


def suggestion_line(s: Suggestion) -> Content:
    mark = styled("● ", "bold green") if s.good else styled("○ ", "yellow")
    return join(mark, plain(s.story.title), styled(f"  {s.reason}", "dim"))


class LinkStoryScreen(ModalScreen[int | None]):
    """The suggested stories, best first, then every other story; Enter links the chosen one."""

    BINDINGS = [
        Binding("j", "cursor(1)", "Down", id="link-down", show=False),
        Binding("k", "cursor(-1)", "Up", id="link-up", show=False),
        Binding("escape", "close", "Back", id="link-back"),
    ]

    def __init__(self, record: Record, suggestions: list[Suggestion], stories: list[Record]):
        super().__init__()
        self.record = record
        self.suggestions = suggestions
        suggested = {s.story.id for s in suggestions}
        self.others = sorted(
            (s for s in stories if s.id not in suggested), key=lambda s: s.title.lower()
        )

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog wide"):
            yield PlainStatic(
                join(styled("Link a story to: ", "bold"), plain(self.record.title)),
                classes="dialog-title",
            )
            yield PlainStatic(
                styled(
                    f"Enter: link the story · {key_of('link-back')}: back   (● answers it well)",
                    "dim",
                )
            )
            yield OptionList(id="link-stories")
        yield Footer()  # this dialog's keys, not those of the screen behind

    def on_mount(self) -> None:
        options = self.query_one("#link-stories", OptionList)
        if self.suggestions:
            options.add_option(Option(styled("Suggested", "bold"), disabled=True))
            for s in self.suggestions:
                options.add_option(RecordOption(suggestion_line(s), s.story))
        else:
            options.add_option(
                Option(
                    styled("No story shares a competency or a word with it.", "dim"), disabled=True
                )
            )
        if self.others:
            options.add_option(Option(styled("Other stories", "bold"), disabled=True))
            for story in self.others:
                options.add_option(RecordOption(join(plain("  "), plain(story.title)), story))
        options.highlighted = 1 if options.option_count > 1 else None
        options.focus()

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        if isinstance(event.option, RecordOption):
            self.dismiss(event.option.record.id)

    def action_cursor(self, step: int) -> None:
        options = self.query_one("#link-stories", OptionList)
        options.action_cursor_down() if step > 0 else options.action_cursor_up()

    def action_close(self) -> None:
        self.dismiss(None)
