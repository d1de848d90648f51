"""The main screen: a strip of panes on the left, the dashboard or a strategy pane on the right."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import replace
from typing import TYPE_CHECKING, cast

from textual import events, on
from textual.app import ComposeResult
from textual.binding import ActiveBinding, Binding
from textual.containers import Horizontal
from textual.message import Message
from textual.screen import Screen
from textual.widgets import ContentSwitcher, OptionList

from ..core import rounds, writable
from ..core.collector import set_aside
from ..core.content import strategies
from ..core.file_check import FileChangedError, FileUnusableError
from ..core.key_names import key_of
from ..core.timing import now_minute
from . import layout
from .commands import (
    OpenOpportunities,
    OpenSearch,
    Rehearse,
    SavePreference,
    Undo,
    WorkspaceChanged,
)
from .css_cache import save_css
from .dashboard import Dashboard
from .widgets import KeysFooter, PaneOption, TopBar, final_round, join, plain, styled

# The footer and the help panel list the keys of the list or box in focus first (the pane's
# everyday keys: new, edit, delete, copy, then those of that pane only), then these, then the
# rest of this app's keys, and Textual's generic ones (scroll, page) last.
ALWAYS_KEYS = ("guidance", "help", "quit")

if TYPE_CHECKING:
    from .pane import StrategyPane

PANE_BINDINGS = [
    Binding("0", "show_pane(0)", "Dashboard", id="dashboard", show=False),
    *[
        Binding(str(n), f"show_pane({n})", f"Pane {n}", id=f"pane-{n}", show=False)
        for n in range(1, 9)
    ],
]


def fitted(name: str, room: int) -> str:
    """`name` in `room` characters, whole words only, never ending on '&': its first word
    when even that is longer."""
    words = name.split()
    while len(words) > 1 and (len(" ".join(words)) > room or not words[-1][-1].isalnum()):
        words.pop()
    return " ".join(words)


def named_pane_keys(bindings: Iterable[Binding], cut: bool = False) -> list[Binding]:
    """`bindings` with each of the keys 1-8 named for the strategy it opens ("Examples"), as
    the pane strip names them; `cut`: a long name keeps the words that fit the help's narrow
    column ("Company & role": "Company")."""
    names = {
        f"pane-{st.number}": fitted(st.short, layout.HELP_NAME_ROOM) if cut else st.short
        for st in strategies()
    }
    return [replace(b, description=names[b.id]) if b.id in names else b for b in bindings]


class Body(Horizontal):
    """The pane strip and the panes, told apart from the screen: the help panel takes its room
    beside them, so the strip and the guidance follow this width, not the terminal's."""

    class Resized(Message):
        def __init__(self, width: int) -> None:
            super().__init__()
            self.width = width

    def on_resize(self, event: events.Resize) -> None:
        self.post_message(self.Resized(event.size.width))


NAV_EDGES = 3  # cells of the narrow pane strip beside its keys: its padding and its rule


class WorkspaceScreen(Screen[None]):
    BINDINGS = [
        *PANE_BINDINGS,
        Binding("slash", "search", "Search", id="search"),
        Binding("o", "switch_opportunity", "Opportunity", id="switch-opportunity"),
        Binding("g", "toggle_guidance", "Guidance", id="guidance"),
        Binding("r", "rehearse", "Rehearse", id="rehearse"),
        Binding("u", "undo", "Undo", id="undo"),
        Binding("question_mark", "toggle_help", "Help", id="help"),
        Binding("q", "quit", "Quit", id="quit"),
    ]

    HORIZONTAL_BREAKPOINTS = layout.HORIZONTAL
    VERTICAL_BREAKPOINTS = layout.VERTICAL
    _current = 0  # the pane in view

    def compose(self) -> ComposeResult:
        yield TopBar(id="topbar")
        with Body(id="body"):
            yield OptionList(id="nav")
            with ContentSwitcher(id="main", initial="pane-0"):
                yield Dashboard(id="pane-0")
        yield KeysFooter()

    def on_mount(self) -> None:
        self.query_one("#nav", OptionList).can_focus = False
        self._name_pane_keys(self.size.width)
        self._fill_nav(self.size.width)
        self.refresh_topbar()
        self.query_one(Dashboard).focus_first()
        # times left count down with the clock: each new minute, what is in view is drawn
        # again, so a list, its detail and the header never say different minutes
        self._minute = now_minute()
        self.set_interval(1.0, self._follow_the_clock, name="minute")
        # rules parsed for this screen kept for the next start (nothing to do once they are):
        # before the first frame, as a start may end any moment after it
        save_css()

    _names_cut: bool | None = None  # the keys 1-8 carry short forms of the strategies' names

    def _name_pane_keys(self, width: int) -> None:
        """The help panel names the strategy each of 1-8 opens ("4 Examples"), as the pane
        strip does; below NARROW_BELOW columns its column is narrow, and a long name keeps
        the words that fit ("Company & role": "Company")."""
        cut = width < layout.NARROW_BELOW
        if cut == self._names_cut:
            return
        self._names_cut = cut
        keys = self._bindings.key_to_bindings  # this screen's own copy of its class's keys
        for key, bindings in keys.items():
            keys[key] = named_pane_keys(bindings, cut)
        self.refresh_bindings()

    def _fill_nav(self, width: int) -> None:
        """The pane strip: each pane's key and name, or its key alone on a narrow terminal;
        the keys are the numbers 0-8 unless the keymap moved them ("f5 Feedback")."""
        nav = self.query_one("#nav", OptionList)
        numbers_only = width < layout.NARROW_BELOW
        if nav.option_count and nav.has_class("-numbers") == numbers_only:
            return
        highlighted = nav.highlighted or 0
        nav.set_class(numbers_only, "-numbers")
        nav.clear_options()
        names = [(0, "Dashboard")] + [(st.number, st.short) for st in strategies()]
        keys = [key_of(f"pane-{number}" if number else "dashboard") for number, _ in names]
        for (number, name), key in zip(names, keys, strict=True):
            label = styled(key, "bold")
            if not numbers_only:
                label = join(styled(f"{key} ", "bold"), plain(name))
            nav.add_option(PaneOption(label, number))
        # narrow, the strip is as wide as its longest key (a number fits the rules' width)
        longest = max(map(len, keys))
        wider = numbers_only and longest > 2
        if wider or nav.styles.inline.has_rule("width"):
            nav.styles.width = longest + NAV_EDGES if wider else None
        nav.highlighted = highlighted

    def on_resize(self, event: events.Resize) -> None:
        self.refresh_topbar()
        self._name_pane_keys(event.size.width)

    @on(Body.Resized)
    def body_resized(self, message: Body.Resized) -> None:
        """The terminal, or the help panel beside the panes, changed the panes' room."""
        self._fill_nav(message.width)
        self._show_guidance()

    @property
    def room(self) -> int:
        """The width the pane strip and the panes share: less than the screen's with help open."""
        return self.query_one(Body).size.width or self.size.width

    # -- guidance -------------------------------------------------------------------------
    _guidance: str | None = None  # the choice made here, before its save comes back

    @property
    def guidance_shown(self) -> bool:
        setting = self._guidance or final_round(self).workspace.setting("guidance")
        return layout.guidance_shown(self.room, setting)

    def _show_guidance(self) -> None:
        self.set_class(not self.guidance_shown, "-no-guidance")

    def action_toggle_guidance(self) -> None:
        """g: show or hide the panes' guidance; the choice is kept with the workspace."""
        value = layout.HIDDEN if self.guidance_shown else layout.SHOWN
        self._guidance = value
        self.post_message(SavePreference("guidance", value, origin=self))
        self._show_guidance()

    @property
    def active_bindings(self) -> dict[str, ActiveBinding]:
        """The keys in the order the footer and help show them (see ALWAYS_KEYS); within
        each widget in the order it binds them, keys the keymap moved too (Textual lists a
        moved key after the others)."""
        found = super().active_bindings
        declared: dict[int, dict[str | None, int]] = {}
        nodes: dict[int, int] = {}  # the widgets, focused first, as Textual chains them
        for active in found.values():
            nodes.setdefault(id(active.node), len(nodes))

        def place(node: object, binding_id: str | None) -> int:
            if id(node) not in declared:
                bound = getattr(node, "_bindings", None)  # as bound, before the keymap
                ids = [b.id for bs in bound.key_to_bindings.values() for b in bs] if bound else []
                declared[id(node)] = {b: at for at, b in reversed(list(enumerate(ids)))}
            return declared[id(node)].get(binding_id, len(declared[id(node)]))

        def rank(item: tuple[str, ActiveBinding]) -> tuple[int, int, int]:
            node, binding = item[1].node, item[1].binding
            if binding.id in ALWAYS_KEYS:
                return 1 + ALWAYS_KEYS.index(binding.id), 0, 0
            if not binding.id:
                return 9, 0, 0  # Textual's own
            # the focused list's own keys (in the order it binds them) before the screen's
            first = 0 if node is not self and node is not self.app else len(ALWAYS_KEYS) + 1
            return first, nodes[id(node)], place(node, binding.id)

        return dict(sorted(found.items(), key=rank))

    @property
    def current(self) -> int:
        """The number of the pane in view (0: the dashboard)."""
        return self._current

    def pane(self, number: int) -> StrategyPane | Dashboard | None:
        """The widget for pane `number` (None for a strategy pane not built yet)."""
        found = self.query_one("#main", ContentSwitcher).query(f"#pane-{number}")
        return cast("StrategyPane | Dashboard", found.first()) if found else None

    async def action_show_pane(self, number: int) -> None:
        switcher = self.query_one("#main", ContentSwitcher)
        widget = self.pane(number)
        if widget is None:
            from .pane import StrategyPane  # imported on first use: keeps start-up short

            widget = StrategyPane(number, id=f"pane-{number}")
            await switcher.mount(widget)
            self.call_after_refresh(set_aside)  # once drawn: the pane stays
        elif widget.stale:
            widget.reload()
        switcher.current = f"pane-{number}"
        self._current = number
        self.query_one("#nav", OptionList).highlighted = number
        widget.focus_first()

    async def show_record(self, kind_name: str, record_id: int) -> None:
        """Show a record selected in the pane of its strategy."""
        from ..core.kinds import kind

        number = kind(kind_name).strategy
        await self.action_show_pane(number)
        pane = self.pane(number)
        if pane is not None and not isinstance(pane, Dashboard):
            pane.select(kind_name, record_id)

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        if event.option_list.id == "nav" and isinstance(event.option, PaneOption):
            self.run_worker(self.action_show_pane(event.option.number))

    @on(WorkspaceChanged)
    def workspace_changed(self, message: WorkspaceChanged) -> None:
        """Redraw from a saved change; a record saved from a form is selected in its pane."""
        change = message.change
        if not change.ok:
            if isinstance(change.error, FileChangedError | FileUnusableError):  # read again,
                self.refresh_views()  # or shown as it was when the file cannot be used
            return
        self.refresh_views()
        record = change.record
        from ..core.requests import SaveRecord

        if isinstance(change.request, SaveRecord) and record is not None:
            pane = self.pane(self.current)
            if pane is not None and not isinstance(pane, Dashboard) and record.kind in pane.kinds:
                pane.select(record.kind.name, record.id)

    def _follow_the_clock(self) -> None:
        if now_minute() != self._minute:
            self.refresh_views()

    def refresh_views(self) -> None:
        """Redraw what is in view; the other panes redraw when next shown."""
        self._minute = now_minute()
        self.refresh_topbar()
        current = self.current
        for number in range(9):
            widget = self.pane(number)
            if widget is None:
                continue
            if number == current:
                widget.reload()
            else:
                widget.stale = True

    def refresh_topbar(self) -> None:
        ws = final_round(self).workspace
        opp = ws.active
        parts = [styled(" Final Round ", "bold reverse")]
        if final_round(self).demo:
            banner = (
                " DEMO "
                if self.size.width < layout.NARROW_BELOW
                else " DEMO: changes vanish on exit "
            )
            parts.append(styled(banner, "bold yellow"))
        if ws.read_only:
            why = ws.unwritable
            wide = why is not None and self.size.width >= layout.NARROW_BELOW
            label = f" READ-ONLY: {writable.banner(why)} " if wide and why else " READ-ONLY "
            parts.append(styled(label, "bold red"))
        bar = self.query_one("#topbar", TopBar)
        if opp is None:
            bar.show(
                join(*parts),
                "",
                plain(f"  no opportunity yet — press {key_of('switch-opportunity')} to add one"),
            )
        else:
            # the countdown always shows; the company and role are shortened to make room
            v = opp.values
            countdown = styled(f"  · {rounds.countdown(ws, opp)}", "dim")
            bar.show(join(*parts), f"{v['company']} — {v['role']}", countdown)

    def action_search(self) -> None:
        self.post_message(OpenSearch(origin=self))

    def action_rehearse(self) -> None:
        self.post_message(Rehearse(origin=self))

    def action_undo(self) -> None:
        self.post_message(Undo(origin=self))

    def action_switch_opportunity(self) -> None:
        self.post_message(OpenOpportunities(origin=self))

    def action_toggle_help(self) -> None:
        if self.query("HelpPanel"):  # by name: the panel is imported only when first shown
            self.app.action_hide_help_panel()
        else:
            self.app.action_show_help_panel()

    async def action_quit(self) -> None:
        await self.app.action_quit()
