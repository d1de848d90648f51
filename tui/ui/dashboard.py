"""The dashboard: the active opportunity, the time left, each strategy in one line, what is due."""

from __future__ import annotations

from typing import Any

from textual.app import ComposeResult
from textual.containers import VerticalScroll
from textual.content import Content
from textual.widgets import OptionList

from ..core import readiness
from ..core.content import overview
from ..core.timing import interview_countdown, until
from .commands import ShowPane
from .widgets import PaneOption, PlainStatic, final_round, join, plain, styled


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
            countdown.set_text(
                styled(interview_countdown(v["interview_at"]).capitalize(), "bold cyan")
            )
        snap = readiness.Snapshot(ws)
        options = self.query_one("#dash-strategies", OptionList)
        highlighted = options.highlighted
        options.clear_options()
        for number, short, line, checks in readiness.all_summaries(ws, snap):
            options.add_option(
                PaneOption(
                    join(
                        styled(f"{number} · {short:<15}", "bold"),
                        styled(f"{readiness.progress(checks):>5}  ", "cyan"),
                        plain(line),
                    ),
                    number,
                )
            )
        options.highlighted = highlighted if highlighted is not None else 0
        self.query_one("#dash-due", PlainStatic).set_text(self._due(snap))
        self.stale = False

    def _due(self, snap: readiness.Snapshot) -> Content:
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

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        if isinstance(event.option, PaneOption):
            self.post_message(ShowPane(event.option.number, origin=self))
