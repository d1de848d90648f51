"""The dashboard: the active opportunity, what to do next against the interview's time, how
ready it is and why, and each strategy in one line."""

from __future__ import annotations

from contextlib import suppress
from typing import TYPE_CHECKING, Any

from textual import work
from textual.app import ComposeResult
from textual.containers import VerticalScroll
from textual.content import Content
from textual.widgets import OptionList
from textual.widgets.option_list import Option
from textual.worker import get_current_worker

from ..core.content import overview, strategies
from ..core.key_names import add_opportunity, key_of, pane_key, pane_keys
from ..core.kinds import KINDS, kinds_of_strategy
from .commands import EditRecord, OpenRecord, Rehearse, ShowPane
from .widgets import PaneOption, PartsKept, PlainStatic, TailKept, final_round, join, plain, styled

if TYPE_CHECKING:  # the rules are imported once the first frame is on screen
    from ..core.next_actions import Action
    from ..core.readiness import Check

SHOWN = 6  # actions listed before "and N more"
# records: past this many the state lines are worked out on a worker thread
WORK_ON_A_WORKER = 2000
Summaries = list[tuple[int, str, str, list["Check"]]]


class ActionOption(Option):
    """One next action: Enter opens its record, or the rehearsal."""

    def __init__(self, prompt: TailKept, action: Action) -> None:
        super().__init__(prompt)
        self.action = action


class MoreOption(Option):
    """'and 4 more': Enter lists them all."""


def action_prompt(action: Action) -> TailKept:
    """'• Answer the concern ... · press 7': the key that opens where to act, which never
    wraps onto a line of its own. An action at another company names no pane's key, only
    enter: the panes show the active opportunity, and Enter makes that company the active
    one (the heading above says Enter opens it)."""
    from ..core.next_actions import NOTES

    text = join(
        styled("• ", "bold yellow" if action.urgency == NOTES else "bold"), plain(action.text)
    )
    key = "enter" if action.opportunity is not None else f"press {pane_key(action.place)}"
    tail = [styled(f" · {key}", "bold cyan")]
    if action.when:
        tail.append(styled(f" · {action.when}", "bold yellow"))
    return TailKept(text, join(*tail))


def _progress(checks: list[Check]) -> str:
    from ..core.readiness import progress

    return progress(checks)


def _nothing_yet(number: int, opportunity: bool) -> Content:
    """The line of a strategy with no record yet, or nothing its checklist looks at yet (no
    feedback, no concern written down): what to add, once there is somewhere to add it (the
    example and question banks need no opportunity)."""
    scoped = kinds_of_strategy(number)[0].scoped  # what n adds first in the pane
    how = f" · press {pane_key(str(number))}, then {key_of('new')}, to add one"
    how = how if opportunity or not scoped else ""
    return styled(f"nothing yet{how}", "dim")


def _ready(summaries: Summaries) -> Content:
    """'Ready: 16 of 25 checks · not yet: ...': the figure, never without its reasons."""
    checks = [(n, c) for n, _, _, cs in summaries for c in cs if c.done is not None]
    missing = [f"{c.text} (pane {n})" for n, c in checks if not c.done]
    done = len(checks) - len(missing)
    line = styled(f"Ready: {done} of {len(checks)} checks", "bold" if missing else "bold green")
    if missing:
        more = (
            f" and {len(missing) - 2} more (see the panes' checklists)" if len(missing) > 2 else ""
        )
        line = join(line, styled(f" · not yet: {'; '.join(missing[:2])}{more}", "dim"))
    return line


class Dashboard(VerticalScroll):
    """Strategy 0: the overview. Enter on an action opens its record; on a strategy, its pane."""

    can_focus = False

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.stale = True
        self.show_all = False
        self._actions_shown = False  # the next actions are worked out and listed

    def compose(self) -> ComposeResult:
        yield PlainStatic("", id="dash-opportunity", classes="dash-heading")
        yield PlainStatic("", id="dash-countdown")
        yield PlainStatic(
            styled("What to do next  (Enter opens it)", "bold"), classes="dash-heading"
        )
        yield OptionList(id="dash-actions")
        yield PlainStatic(
            styled(f"The eight strategies  ({pane_keys()} or Enter opens one)", "bold"),
            classes="dash-heading",
        )
        yield OptionList(id="dash-strategies")
        yield PlainStatic(overview()["closing"], classes="dash-text dim")

    def on_mount(self) -> None:
        # the frame and the opportunity first, at once; the state lines once it is on screen
        self._show_heading()
        self._show_placeholder()
        self.call_after_refresh(self.reload)

    def focus_first(self) -> None:
        """Focus what to do next, shown from the top: the most urgent first, wherever the
        list was left scrolled."""
        actions = self.query_one("#dash-actions", OptionList)
        if actions.option_count:
            actions.highlighted = 0
        actions.scroll_home(animate=False, immediate=True)
        self.scroll_home(animate=False, immediate=True)
        if actions.option_count or not self._actions_shown:  # they come in a moment
            actions.focus()
        else:
            self.query_one("#dash-strategies", OptionList).focus()

    def reload(self) -> None:
        ws = final_round(self).workspace
        self._show_heading()
        if sum(ws.count(name) for name in KINDS) <= WORK_ON_A_WORKER:
            self._show(*self._work_out())
        else:
            self._show_placeholder()
            self._work_out_later()
        self.stale = False

    def _show_heading(self) -> None:
        from ..core.clock import now
        from ..core.interview import round_name, shown_status

        ws = final_round(self).workspace
        opp = ws.active
        heading = self.query_one("#dash-opportunity", PlainStatic)
        if opp is None:
            heading.set_text(styled("No opportunity yet", "bold"))
        else:
            v = opp.values
            status = shown_status(ws, opp, now())
            heading.set_text(
                join(
                    styled(f"{v['company']} — {v['role']}", "bold"),
                    styled(f"   {round_name(ws, opp)} · {v['format']} · {status}", "dim"),
                )
            )

    def _show_placeholder(self) -> None:
        """'…' for the state lines until they are worked out (kept when already shown)."""
        if not self.query_one("#dash-strategies", OptionList).option_count:
            placeholder: Summaries = [(st.number, st.short, "…", []) for st in strategies()]
            self._show(placeholder, None, styled("…", "dim"))

    def _work_out(self) -> tuple[Summaries, list[Action], Content]:
        """The state lines, the next actions and the heading with its readiness figure."""
        from ..core import readiness
        from ..core.interview import in_a_zone, interview_heading, next_interview
        from ..core.next_actions import follow_ups_due, next_actions

        ws = final_round(self).workspace
        snap = readiness.Snapshot(ws)
        summaries = readiness.all_summaries(ws, snap)
        opp = ws.active
        if opp is None:
            return (
                summaries,
                [],
                plain(
                    f"Press {add_opportunity()}, to add the company and role you are preparing for."
                ),
            )
        actions = next_actions(snap)
        notes, debriefs = follow_ups_due(actions)
        when = next_interview(ws, opp, snap.now)
        zoned = in_a_zone(ws, opp, snap.now)
        line = interview_heading(when, snap.now, len(actions), notes, debriefs, your_time=zoned)
        return summaries, actions, join(styled(line, "bold cyan"), plain("\n"), _ready(summaries))

    @work(thread=True, exclusive=True, group="dashboard")
    def _work_out_later(self) -> None:
        """In a large workspace the dashboard is worked out on a worker thread, so it is on
        screen at once and the lines follow."""
        worked = self._work_out()
        if not get_current_worker().is_cancelled:
            self.app.call_from_thread(self._show, *worked)

    def _show(self, summaries: Summaries, actions: list[Action] | None, heading: Content) -> None:
        """The state lines and the actions (None: not worked out yet, the list stays empty)."""
        self.query_one("#dash-countdown", PlainStatic).set_text(heading)
        if actions is not None:
            self._show_actions(actions)
            self._actions_shown = True
        options = self.query_one("#dash-strategies", OptionList)
        highlighted = options.highlighted
        options.clear_options()
        opportunity = final_round(self).workspace.active is not None
        for number, short, line, checks in summaries:
            progress = _progress(checks) if checks else ""
            state = plain(line) if line else _nothing_yet(number, opportunity)
            if checks and not progress:  # none of its checks applies yet
                progress, state = "–", _nothing_yet(number, opportunity)
            options.add_option(
                PaneOption(
                    PartsKept(
                        join(
                            styled(f"{number} · {short:<15}", "bold"),
                            styled(f"{progress:>5}  ", "cyan"),
                        ),
                        state,
                    ),
                    number,
                )
            )
        options.highlighted = highlighted if highlighted is not None else 0

    def _show_actions(self, actions: list[Action]) -> None:
        options = self.query_one("#dash-actions", OptionList)
        highlighted = options.highlighted
        options.clear_options()
        shown = actions if self.show_all or len(actions) <= SHOWN + 1 else actions[:SHOWN]
        for action in shown:
            options.add_option(ActionOption(action_prompt(action), action))
        if len(shown) < len(actions):
            options.add_option(
                MoreOption(
                    styled(f"  and {len(actions) - len(shown)} more (Enter lists them)", "dim")
                )
            )
        if not actions and final_round(self).workspace.active is not None:
            # every action lists what is not done: none left means all done (with no
            # opportunity yet, the heading says to add one)
            once_more = f"Rehearse once more: {key_of('rehearse')}."
            options.add_option(
                Option(styled(f"Nothing left on the checklists. {once_more}", "dim"))
            )
        if options.option_count:
            options.highlighted = min(highlighted or 0, options.option_count - 1)

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        option = event.option
        if isinstance(option, PaneOption):
            self.post_message(ShowPane(option.number, origin=self))
        elif isinstance(option, MoreOption):
            self.show_all = True
            self.reload()
        elif isinstance(option, ActionOption):
            action = option.action
            from ..core.next_actions import REHEARSE

            if action.place == REHEARSE:
                self.post_message(Rehearse(origin=self))
            elif action.kind_name == "opportunity" and action.record_id is not None:
                ws = final_round(self).workspace  # its status: the opportunity's own form
                with suppress(KeyError):
                    record = ws.get("opportunity", action.record_id)
                    self.post_message(EditRecord(record, origin=self))
            elif action.record_id is not None:
                self.post_message(OpenRecord(action.kind_name, action.record_id, origin=self))
            elif action.place.isdigit():  # a checklist item: its pane
                self.post_message(ShowPane(int(action.place), origin=self))
