"""The dashboard: the active opportunity, the time left, each strategy in one line, what is due."""

from __future__ import annotations

from typing import Any

from textual import work
from textual.app import ComposeResult
from textual.containers import VerticalScroll
from textual.content import Content
from textual.widgets import OptionList
from textual.worker import get_current_worker

from ..core import readiness, rounds
from ..core.content import overview, strategies
from ..core.formatting import one_line
from ..core.kinds import KINDS
from ..core.timing import until
from .commands import ShowPane
from .widgets import PaneOption, PlainStatic, final_round, join, plain, styled

# records: up to this many the state lines are worked out before the first frame
WORK_AFTER_FIRST_FRAME = 2000


class Dashboard(VerticalScroll):
    """Strategy 0: the overview. Enter on a strategy line opens its pane."""

    can_focus = False

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.stale = True

    def compose(self) -> ComposeResult:
        yield PlainStatic("", id="dash-opportunity", classes="dash-heading")
        yield PlainStatic("", id="dash-countdown")
        yield PlainStatic(overview()["intro"], classes="dash-text")
        yield PlainStatic(
            styled("The eight strategies  (1–8 or Enter opens one)", "bold"), classes="dash-heading"
        )
        yield OptionList(id="dash-strategies")
        yield PlainStatic(styled("Due next", "bold"), classes="dash-heading")
        yield PlainStatic("", id="dash-due")
        yield PlainStatic(overview()["closing"], classes="dash-text dim")

    def on_mount(self) -> None:
        self.reload()

    def focus_first(self) -> None:
        self.query_one("#dash-strategies", OptionList).focus()

    def reload(self) -> None:
        ws = final_round(self).workspace
        opp = ws.active
        heading = self.query_one("#dash-opportunity", PlainStatic)
        countdown = self.query_one("#dash-countdown", PlainStatic)
        if opp is None:
            heading.set_text(styled("No opportunity yet", "bold"))
            countdown.set_text(
                "Press o, then n, to add the company and role you are preparing for."
            )
        else:
            v = opp.values
            heading.set_text(
                join(
                    styled(f"{v['company']} — {v['role']}", "bold"),
                    styled(f"   {v['round']} round · {v['format']} · {v['status']}", "dim"),
                )
            )
            countdown.set_text(styled(rounds.countdown(ws, opp).capitalize(), "bold cyan"))
        if sum(ws.count(name) for name in KINDS) <= WORK_AFTER_FIRST_FRAME:
            snap = readiness.Snapshot(ws)
            self._show_summaries(readiness.all_summaries(ws, snap), self._due(snap))
        else:
            if not self.query_one("#dash-strategies", OptionList).option_count:
                self._show_summaries(
                    [(st.number, st.short, "…", []) for st in strategies()], Content("…")
                )
            self._work_out_summaries()
        self.stale = False

    @work(thread=True, exclusive=True, group="dashboard")
    def _work_out_summaries(self) -> None:
        """In a large workspace the state lines are worked out on a worker thread, so the
        dashboard is on screen at once and the lines follow."""
        ws = final_round(self).workspace
        snap = readiness.Snapshot(ws)
        summaries, due = readiness.all_summaries(ws, snap), self._due(snap)
        if not get_current_worker().is_cancelled:
            self.app.call_from_thread(self._show_summaries, summaries, due)

    def _show_summaries(
        self, summaries: list[tuple[int, str, str, list[readiness.Check]]], due: Content
    ) -> None:
        options = self.query_one("#dash-strategies", OptionList)
        highlighted = options.highlighted
        options.clear_options()
        for number, short, line, checks in summaries:
            progress = readiness.progress(checks) if checks else ""
            options.add_option(
                PaneOption(
                    join(
                        styled(f"{number} · {short:<15}", "bold"),
                        styled(f"{progress:>5}  ", "cyan"),
                        plain(line),
                    ),
                    number,
                )
            )
        options.highlighted = highlighted if highlighted is not None else 0
        self.query_one("#dash-due", PlainStatic).set_text(due)

    def _due(self, snap: readiness.Snapshot) -> Content:
        return Content("\n").join(
            [self._note_due(snap), *self._round_actions(snap), *self._story_gaps(snap)]
        )

    def _note_due(self, snap: readiness.Snapshot) -> Content:
        nxt = readiness.next_note_due(snap, everywhere=True)
        if nxt is None:
            return styled(
                "No thank-you note waiting. After an interview, add your interviewers in pane 8.",
                "dim",
            )
        record, deadline, company = nxt
        return join(
            styled("Thank-you note to ", "bold"),
            plain(record.title),
            plain(f" ({company})"),
            plain(" — "),
            styled(until(deadline, snap.now), "bold yellow"),
        )

    def _round_actions(self, snap: readiness.Snapshot) -> list[Content]:
        """Plans to fix before the next round, and debriefs of rounds that have ended."""
        lines = [
            join(styled("⚠ ", "bold yellow"), plain(w.text), styled("  (pane 8)", "dim"))
            for w in rounds.plan_warnings(snap.ws, snap.opportunity, snap.now)
        ]
        lines += [
            join(
                styled("✎ ", "bold cyan"),
                plain(f"Debrief {rounds.the(r.title)}: which questions came?"),
                styled("  (pane 8)", "dim"),
            )
            for r in rounds.debriefs_due(snap.ws, snap.opportunity, snap.now)
        ]
        return lines

    def _story_gaps(self, snap: readiness.Snapshot, most: int = 3) -> list[Content]:
        """Questions to practise that no story answers yet: find or link one."""
        gaps = readiness.unanswered_questions(snap)
        lines = [
            join(
                styled("◇ ", "bold yellow"),
                plain(f"Find a story that answers: {one_line(q.title, 70)}"),
                styled("  (pane 6, l)", "dim"),
            )
            for q in gaps[:most]
        ]
        if len(gaps) > most:
            lines.append(styled(f"  and {len(gaps) - most} more questions in pane 6", "dim"))
        return lines

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        if isinstance(event.option, PaneOption):
            self.post_message(ShowPane(event.option.number, origin=self))
