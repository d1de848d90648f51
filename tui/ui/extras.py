"""The special widget a strategy adds to the generic pane, looked up by strategy number:
pane 2 shows the job description, pane 4 the coverage of competencies, pane 8 the warnings
about the plans for the rounds to come."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, Protocol

from textual.content import Content
from textual.widget import Widget

from ..core import readiness
from ..core.repository import Record, Workspace
from .job_description import JobDescriptionView
from .round_views import (
    PlanWarnings,
    interviewer_detail,
    question_detail,
    round_detail,
    story_detail,
)
from .widgets import PlainStatic, join, plain, styled


class PaneExtra(Protocol):
    """What the pane asks of an extra widget: redraw from the workspace."""

    def show_from(self, ws: Workspace, stories: dict[int, Record]) -> None: ...


class CoverageView(PlainStatic):
    """Which competencies your stories cover well (two or more) and which are thin."""

    def __init__(self, **kwargs: Any) -> None:
        super().__init__("", classes="coverage pane-extra", id="coverage", **kwargs)

    def show_from(self, ws: Workspace, stories: dict[int, Record]) -> None:
        counts = readiness.competency_counts(list(stories.values()))
        covered = sorted(t for t, n in counts.items() if n >= 2)
        thin = sorted(t for t, n in counts.items() if n == 1)
        self.set_text(
            join(
                styled("Covered: ", "bold green"),
                plain(", ".join(covered) or "none yet"),
                "\n",
                styled("Thin (one story): ", "bold yellow"),
                plain(", ".join(thin) or "none"),
            )
        )


EXTRAS: dict[int, tuple[Callable[[], Widget], ...]] = {
    2: (JobDescriptionView,),
    4: (CoverageView,),
    8: (PlanWarnings,),
}

# How the detail box shows a record of some kinds; others show their fields.
DETAILS: dict[str, Callable[[Workspace, Record, dict[int, Record]], Content]] = {
    "interviewer": interviewer_detail,
    "question": question_detail,
    "round": round_detail,
    "story": story_detail,
}


def extras_for(number: int) -> list[Widget]:
    """Fresh extra widgets for strategy `number`'s pane (none for most)."""
    return [make() for make in EXTRAS.get(number, ())]
