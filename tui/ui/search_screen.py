"""The search screen (`/`): one box over every record, results follow each key."""

from __future__ import annotations

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.content import Content
from textual.screen import Screen
from textual.widgets import Footer, Input, OptionList
from textual.widgets.option_list import Option

from ..core.key_names import key_of
from ..core.kinds import KINDS
from ..core.record import NotFound
from ..core.search_index import Hit, Query
from ..core.starters import STARTER_KINDS
from .commands import AddStarter, OpenRecord, WorkspaceChanged
from .text_boxes import TypedInput
from .widgets import PlainStatic, final_round, highlight, join, styled

MATCH_STYLE = "bold underline yellow"
REASON_STYLE = "italic magenta"
LISTED = 500  # at most this many records listed for a filter with no words
SHOWN = 50  # at most this many best results shown for words typed
# ctrl+f cycles through these: (label, kinds or None for all)
FILTERS: list[tuple[str, tuple[str, ...] | None]] = [
    ("everything", None),
    ("stories", ("story",)),
    ("questions", ("question", "asked_them", "practice")),
    ("starter questions", tuple(STARTER_KINDS)),
    (
        "opportunity records",
        (
            "feedback",
            "assessment",
            "research",
            "requirement",
            "insight",
            "thanks_line",
            "value",
            "value_match",
            "goal",
            "concern",
            "interviewer",
            "opportunity",
        ),
    ),
]


KIND_WIDTH = max(len(k.label) for k in KINDS.values())  # "Question to practise"


def hit_content(hit: Hit, opportunity: str) -> Content:
    kind = styled(f"{hit.kind.label:<{KIND_WIDTH}} ", "bold cyan")
    where = styled(f"  · {opportunity}", "dim") if opportunity else Content("")
    title = highlight(hit.title, hit.title_spans, MATCH_STYLE)
    snippet = (
        highlight(hit.snippet, hit.snippet_spans, MATCH_STYLE).stylize("dim")
        if hit.snippet
        else None
    )
    reason = styled(f"  {hit.reason}", REASON_STYLE) if hit.reason else Content("")
    lines = [join(kind, title, reason, where)]
    if snippet is not None:
        lines.append(join(" " * (KIND_WIDTH + 1), snippet))
    return Content("\n").join(lines)


def count_text(shown: int, found: int) -> str:
    """How many results are shown, and of how many found when not all of them."""
    plural = "s" if found != 1 else ""
    if found > shown:
        return f"The best {shown:,} of {found:,} results"
    return f"{shown:,} result{plural}"


class HitOption(Option):
    """A search result: it carries its hit."""

    def __init__(self, prompt: Content, hit: Hit) -> None:
        super().__init__(prompt)
        self.hit = hit


class SearchScreen(Screen[None]):
    """Type to search; up/down move; Enter opens; escape goes back. ctrl+p stays the command
    palette's key here as on every screen."""

    BINDINGS = [
        Binding("escape", "back", "Back", id="search-back"),
        Binding("down", "move(1)", "Next", id="search-down", priority=True),
        Binding("up", "move(-1)", "Previous", id="search-up", priority=True),
        Binding("ctrl+f", "cycle_filter", "Narrow", id="search-filter"),
    ]

    def __init__(self, query: str = "", filter_index: int = 0) -> None:
        super().__init__()
        self.initial = query
        self.filter_index = filter_index
        self.hits: list[Hit] = []
        self.waiting_for = 0  # the ticket of a starter question being added

    def compose(self) -> ComposeResult:
        with Vertical(id="search-box"):
            yield PlainStatic("", id="search-help")
            # a long paste that arrives as key presses is one search, not one per letter
            yield TypedInput(
                self.initial,
                placeholder="Search stories, questions and every record "
                "(#tag, category:culture, kind:story narrow it)",
                id="search-input",
            )
            yield PlainStatic("", id="search-count")
            yield OptionList(id="search-results")
        yield Footer()

    def on_mount(self) -> None:
        self.query_one("#search-results", OptionList).can_focus = False
        self.query_one("#search-input", Input).focus()
        self.run_search(self.initial)

    @property
    def kinds(self) -> tuple[str, ...] | None:
        return FILTERS[self.filter_index][1]

    def on_input_changed(self, event: Input.Changed) -> None:
        self.run_search(event.value)

    def on_index_ready(self) -> None:
        self.run_search(self.query_one("#search-input", Input).value)

    def run_search(self, text: str) -> None:
        app = final_round(self)
        search = app.search
        app.catch_up_index()  # the file was read again: the results follow once it is done
        indexing = not search.ready
        # no words under a filter: every record of it, kind by kind
        listing = not Query.parse(text).words
        self.hits, found = search.search_counted(
            text, limit=LISTED if listing else SHOWN, kinds=self.kinds
        )
        results = self.query_one("#search-results", OptionList)
        results.clear_options()
        group = None
        for hit in self.hits:
            if listing and hit.kind.plural != group:
                group = hit.kind.plural
                results.add_option(Option(styled(group, "bold underline"), disabled=True))
            results.add_option(HitOption(hit_content(hit, search.opportunity_name(hit)), hit))
        if self.hits:
            results.highlighted = 1 if listing else 0
        label = FILTERS[self.filter_index][0]
        self.query_one("#search-help", PlainStatic).set_text(
            join(
                styled("Search ", "bold"),
                styled(f"in {label}", "cyan"),
                styled(
                    f"   {key_of('search-filter')}: narrow · ↑↓: move · Enter: open · "
                    f"{key_of('search-back')}: back",
                    "dim",
                ),
            )
        )
        if indexing:
            count = "Indexing your records… results appear as soon as it is done."
        elif not text.strip() and not self.hits:
            count = (
                "Type a few letters: typos, half-typed words and other words for the same "
                f"thing are fine. {key_of('search-filter')}, #tag, category:… or kind:… alone "
                "lists them all."
            )
        elif (hint := (query := Query.parse(text)).needs_a_value()) is not None:
            count = f"{hint}."
        elif not self.hits and (unknown := query.unknown_filter()) is not None:
            count = f"{unknown[0].upper()}{unknown[1:]}."
        elif not self.hits and self.kinds is not None:
            count = f"No match in {label}: {key_of('search-filter')} searches everything."
        elif not self.hits and query.narrowed and not query.words:
            count = "No record passes these filters."
        elif not self.hits and query.narrowed:
            count = "No match. Try fewer words, or leave a filter out."
        elif not self.hits:
            count = "No match. Try fewer words, or other words for the same thing."
        else:
            count = count_text(len(self.hits), found)
        self.query_one("#search-count", PlainStatic).set_text(styled(count, "dim"))

    def action_move(self, step: int) -> None:
        results = self.query_one("#search-results", OptionList)
        if step > 0:
            results.action_cursor_down()
        else:
            results.action_cursor_up()

    def action_cycle_filter(self) -> None:
        self.filter_index = (self.filter_index + 1) % len(FILTERS)
        self.run_search(self.query_one("#search-input", Input).value)

    def action_back(self) -> None:
        self.dismiss()

    @property
    def selected(self) -> Hit | None:
        option = self.query_one("#search-results", OptionList).highlighted_option
        return option.hit if isinstance(option, HitOption) else None

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        self.open_selected()

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        self.open_selected()

    def open_selected(self) -> None:
        hit = self.selected
        if hit is None:
            return
        if hit.kind_name in STARTER_KINDS:
            self.add_starter(hit)
            return
        app = final_round(self)
        try:
            app.workspace.get(hit.kind_name, hit.id)
        except NotFound:  # deleted since it was found, by another program maybe
            app.record_gone(hit.kind_name)
            self.run_search(self.query_one("#search-input", Input).value)
            return
        # to the app itself: this screen closes before it would pass the message on
        self.app.post_message(OpenRecord(hit.kind_name, hit.id, origin=self))
        self.dismiss()

    def add_starter(self, hit: Hit) -> None:
        """Ask, then add the starter question to the user's bank and open it there."""
        from .dialogs import confirm_then

        def add() -> None:
            command = AddStarter(hit.kind_name, hit.id, origin=self)
            self.waiting_for = command.ticket
            self.post_message(command)

        question = f"Add this starter question to your own bank?\n\n{hit.title}"
        confirm_then(self.app, question, "Add", add)

    @on(WorkspaceChanged)
    def workspace_changed(self, message: WorkspaceChanged) -> None:
        """The starter question asked for is in the bank: open it there."""
        change, record = message.change, message.change.record
        if change.ticket == self.waiting_for and self.waiting_for:
            self.waiting_for = 0
            if record is not None:
                self.app.post_message(OpenRecord(record.kind.name, record.id, origin=self))
                self.dismiss()
