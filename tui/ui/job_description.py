"""Pane 2's job-description area: the pasted text read-only, its requirement lines marked and
its key terms matched to your stories; e edits it, E opens $EDITOR, D drafts requirements."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from textual import work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.content import Content
from textual.worker import get_current_worker

from ..core.key_names import add_opportunity_first, key_of
from ..core.repository import Record, Workspace
from .commands import DraftRequirements, EditJobDescription, EditJobDescriptionInEditor
from .widgets import PlainStatic, final_round, join, plain, styled

JobDescriptionCommand = EditJobDescription | EditJobDescriptionInEditor | DraftRequirements

if TYPE_CHECKING:
    from ..core.job_description import Candidate
    from ..core.key_terms import TermCoverage

TAKEN, OPEN = "✓ ", "○ "  # the gutter of a line already a requirement, or one that could be
SYNC_STORIES = 1_000  # more stories than this are matched on a worker, not on the screen's thread


class JobDescriptionView(VerticalScroll, can_focus=True):
    """The active opportunity's job description, read-only and scrollable."""

    BINDINGS = [
        Binding("e", "edit", "Edit description", id="job-description-edit"),
        Binding("E", "edit_in_editor", "$EDITOR", id="job-description-editor"),
        Binding("D", "draft", "Draft requirements", id="job-description-draft"),
        Binding("j", "scroll_down", "Down", id="job-description-down", show=False),
        Binding("k", "scroll_up", "Up", id="job-description-up", show=False),
    ]

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(classes="job-description pane-extra", **kwargs)
        self.opportunity: int | None = None
        self.border_title = "Job description"
        self.border_subtitle = (
            f"{key_of('job-description-edit')} edit · {key_of('job-description-editor')} $EDITOR"
            f" · {key_of('job-description-draft')} draft requirements"
        )

    def compose(self) -> ComposeResult:
        yield PlainStatic("", classes="job-terms")
        yield PlainStatic("", classes="job-text")

    def show_from(self, ws: Workspace, stories: dict[int, Record]) -> None:
        """Redraw from the active opportunity and the stories of the bank."""
        from ..core.job_description import requirement_lines
        from ..core.key_terms import coverage

        self.workers.cancel_group(self, "job-terms")  # what they would show is out of date
        terms_view = self.query_one(".job-terms", PlainStatic)
        text_view = self.query_one(".job-text", PlainStatic)
        opp = ws.active
        self.opportunity = opp.id if opp is not None else None
        if opp is None:
            terms_view.set_text(styled(add_opportunity_first(), "dim"))
            text_view.set_text("")
            return
        description = str(opp["job_description"] or "")
        if not description.strip():
            terms_view.set_text(
                styled(
                    # e works in this box only: the lists above take e for their records
                    "No job description yet. Tab to this box, then press "
                    f"{key_of('job-description-edit')} to paste it here and "
                    f"{key_of('job-description-draft')} to draft requirements from it.",
                    "dim",
                )
            )
            text_view.set_text("")
            return
        requirements = [r["text"] for r in ws.scoped_records("requirement")]
        lines = requirement_lines(description, requirements)
        company = str(opp["company"])
        if len(stories) <= SYNC_STORIES:
            self._show(
                description, lines, coverage(description, stories.values(), ignore=[company])
            )
        else:  # the text at once, the terms once a worker has read every story
            self._show(description, lines, None)
            self._match(description, lines, list(stories.values()), company)

    # described in words: by default Textual describes a worker by the repr of its
    # arguments, every story here (1.6 s on the screen's thread at 33,000 stories)
    @work(thread=True, exclusive=True, group="job-terms", description="key terms to stories")
    def _match(
        self,
        description: str,
        lines: list[tuple[Candidate, bool]],
        stories: list[Record],
        company: str,
    ) -> None:
        from ..core.collector import LONG_LIVED, collector_paused
        from ..core.key_terms import coverage

        pause = final_round(self).workspace.pause
        # the words of every story are kept (key_terms._SEEN): set aside from the collector's
        # walks, which would otherwise pass over them again and again
        with collector_paused(freeze_past=LONG_LIVED):
            terms = coverage(description, stories, ignore=[company], pause=pause)
        if not get_current_worker().is_cancelled:
            self.app.call_from_thread(self._show, description, lines, terms)

    def _show(
        self,
        description: str,
        lines: list[tuple[Candidate, bool]],
        terms: list[TermCoverage] | None,
    ) -> None:
        terms_view = self.query_one(".job-terms", PlainStatic)
        if terms is None:
            terms_view.set_text(styled("Matching the key terms to your stories…", "dim"))
        else:
            terms_view.set_text(terms_text(terms, lines))
        self.query_one(".job-text", PlainStatic).set_text(
            marked_text(description, lines, terms or [])
        )

    # While you read it, the description takes the room of the detail box and the lists.
    def on_focus(self) -> None:
        if self.parent is not None:
            self.parent.add_class("-reading")

    def on_blur(self) -> None:
        if self.parent is not None:
            self.parent.remove_class("-reading")

    def _post(self, command: type[JobDescriptionCommand]) -> None:
        if self.opportunity is None:
            self.notify(add_opportunity_first(), markup=False)
            return
        self.post_message(command(self.opportunity, origin=self))

    def action_edit(self) -> None:
        self._post(EditJobDescription)

    def action_edit_in_editor(self) -> None:
        self._post(EditJobDescriptionInEditor)

    def action_draft(self) -> None:
        self._post(DraftRequirements)


def terms_text(terms: list[TermCoverage], lines: list[tuple[Candidate, bool]]) -> Content:
    """The key terms with the stories that mention them, then the ones no story mentions."""
    from ..core.job_description import open_count

    covered = [t for t in terms if not t.gap]
    gaps = [t for t in terms if t.gap]
    taken = sum(1 for _, done in lines if done)
    draft = key_of("job-description-draft")
    parts: list[Content | str] = [
        styled("Key terms your stories cover: ", "bold green"),
        Content(" · ").join(
            join(styled(t.term.text, "bold underline"), styled(f" ({len(t.stories)})", "dim"))
            for t in covered
        )
        or plain("none yet"),
        "\n",
        styled("No story mentions: ", "bold yellow"),
        Content(", ").join(styled(t.term.text, "yellow") for t in gaps) or plain("none"),
        "\n",
        styled(
            f"(n): stories that mention it · {TAKEN}a requirement already ({taken}) · "
            f"{OPEN}could become one ({open_count(lines)}: press {draft})",
            "dim",
        ),
    ]
    return join(*parts)


def marked_text(
    description: str, lines: list[tuple[Candidate, bool]], terms: list[TermCoverage]
) -> Content:
    """The description line by line: a gutter marking requirement lines, and key terms
    underlined where a story mentions them, yellow where none does."""
    out: list[Content] = []
    at = 0
    for line in description.split("\n"):
        start, end = at, at + len(line)
        at = end + 1
        overlapping = [taken for cand, taken in lines if cand.start < end and cand.end > start]
        if any(overlapping):
            gutter = styled(TAKEN, "bold green")
        elif overlapping:
            gutter = styled(OPEN, "dim")
        else:
            gutter = plain("  ")
        shown = line.removesuffix("\r")  # text pasted from Windows ends its lines in \r\n
        body = plain(shown)
        for t in terms:
            style = "yellow" if t.gap else "bold underline"
            for s, e in t.term.spans:
                if s < start + len(shown) and e > start:
                    body = body.stylize(style, max(s, start) - start, min(e, end) - start)
        out.append(join(gutter, body))
    # the pasted text often starts or ends with blank lines
    while out and not out[0].plain.strip():
        out.pop(0)
    return Content("\n").join(out)
