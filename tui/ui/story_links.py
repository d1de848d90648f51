"""Suggested stories for a question or requirement, as pane 2 and pane 6 show them in the
detail of the selected record (`l` links one)."""

from __future__ import annotations

from textual.content import Content

from ..core.key_names import key_of
from ..core.repository import Record, Workspace
from ..core.suggest import suggest
from .widgets import join, plain, styled


def description_of(ws: Workspace, record: Record) -> str:
    """The job description of a requirement's opportunity (its key terms rank stories)."""
    if record.kind.name != "requirement" or record.opportunity is None:
        return ""
    try:
        return str(ws.get("opportunity", record.opportunity)["job_description"] or "")
    except KeyError:
        return ""


def suggestion_lines(ws: Workspace, record: Record) -> list[Content]:
    """Suggested stories for a question or requirement, and a gap when none answers it."""
    from .suggest_screen import suggestion_line

    linked = record.kind.story_ids(record.values)
    shown = set(linked)  # a story linked already is named in the detail, not suggested
    stories = [s for s in ws.all_records("story") if s.id not in shown]
    found = suggest(record.title, stories, description_of(ws, record))
    lines = [Content("")]
    if not linked and not any(s.good for s in found):
        lines.append(styled("⚑ gap: none of your stories answers this well yet", "bold yellow"))
    link = styled(f"  ({key_of('link-story')}: link one)", "dim")
    lines.append(join(styled("Suggested stories", "bold"), link))
    lines += [join(plain("  "), suggestion_line(s)) for s in found] or [
        styled("  none shares a competency or a word with it", "dim")
    ]
    return lines
