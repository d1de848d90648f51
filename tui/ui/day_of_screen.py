"""The day-of one-pager on screen: the next round's logistics, who you meet and what you plan
for each, the must-haves with their best story, the concerns with your answers."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical, VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Footer

from ..core.day_of import day_of_brief
from ..core.key_names import add_opportunity_first, key_of
from .commands import ExportFile
from .widgets import PlainStatic, final_round, styled


class DayOfScreen(ModalScreen[None]):
    """The day-of brief of the active opportunity. escape closes, x saves it as a file."""

    BINDINGS = [
        Binding("escape", "dismiss", "Close", id="day-of-close"),
        Binding("x", "export", "Save as file", id="day-of-export"),
        Binding("j", "scroll_down", "Down", id="day-of-down", show=False),
        Binding("k", "scroll_up", "Up", id="day-of-up", show=False),
    ]

    def compose(self) -> ComposeResult:
        ws = final_round(self).workspace
        opp = ws.active
        text = day_of_brief(ws, opp) if opp is not None else add_opportunity_first()
        with Vertical(classes="dialog day-of"):
            yield PlainStatic(
                styled(
                    f"Day-of brief — {key_of('day-of-close')} closes, "
                    f"{key_of('day-of-export')} saves it as a file",
                    "bold",
                ),
                classes="dialog-title",
            )
            with VerticalScroll(id="day-of-body"):
                yield PlainStatic(text, id="day-of-text")
        yield Footer()  # this dialog's keys, not those of the screen behind

    def on_mount(self) -> None:
        self.query_one("#day-of-body").focus()

    def action_scroll_down(self) -> None:
        self.query_one("#day-of-body", VerticalScroll).scroll_down(animate=False)

    def action_scroll_up(self) -> None:
        self.query_one("#day-of-body", VerticalScroll).scroll_up(animate=False)

    def action_export(self) -> None:
        self.post_message(ExportFile("brief", origin=self))
