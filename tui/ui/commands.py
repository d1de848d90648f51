"""One message per command: widgets post these, the app's command handlers act on them, and
every change comes back as one WorkspaceChanged."""

from __future__ import annotations

import itertools
from dataclasses import dataclass, field
from typing import Any

from textual.message import Message
from textual.widget import Widget

from ..core.kinds import Kind
from ..core.repository import Record
from ..core.save_queue import Change

_tickets = itertools.count(1)


@dataclass(eq=False, repr=False)
class Command(Message):
    """A command from the user. `origin` is the widget it came from (None: the palette);
    `ticket` names it in the Change that comes back, so its sender can wait for that."""

    origin: Widget | None = field(default=None, kw_only=True)
    ticket: int = field(default_factory=_tickets.__next__, kw_only=True)

    @property
    def control(self) -> Widget | None:
        return self.origin


# -- records ------------------------------------------------------------------------------
@dataclass(eq=False, repr=False)
class NewRecord(Command):
    """Open a form for a new record of `kind`, starting from `values` (empty by default)."""

    kind: Kind
    values: dict[str, Any] = field(default_factory=dict)


@dataclass(eq=False, repr=False)
class EditRecord(Command):
    """Open the form of `record`."""

    record: Record


@dataclass(eq=False, repr=False)
class SaveRecord(Command):
    """Save a form's `values`: a new record of `kind` when `record` is None, else `record`
    changed. The form waits for the WorkspaceChanged with this ticket."""

    kind: Kind
    record: Record | None
    values: dict[str, Any]


@dataclass(eq=False, repr=False)
class CarryForward(Command):
    """Open a new feedback item or concern (`into`) for the next round, filled in from what
    you noticed about question asked `record`."""

    record: Record
    into: str


@dataclass(eq=False, repr=False)
class DeleteRecord(Command):
    """Delete `record`, once the user says yes."""

    record: Record


@dataclass(eq=False, repr=False)
class AddStarter(Command):
    """Copy starter question `number` of `starter_kind` into the user's own bank."""

    starter_kind: str
    number: int


@dataclass(eq=False, repr=False)
class ActivateOpportunity(Command):
    """Make opportunity `opportunity_id` the one being prepared for."""

    opportunity_id: int


@dataclass(eq=False, repr=False)
class BrowseStarters(Command):
    """Open the starter questions by category, at `category` (None: the first)."""

    category: str | None = None


@dataclass(eq=False, repr=False)
class LinkStory(Command):
    """Offer the stories that answer question or requirement `record`, suggested ones first;
    link the one chosen."""

    record: Record


# -- thank-you notes and copying ----------------------------------------------------------
@dataclass(eq=False, repr=False)
class CopyRecord(Command):
    """Copy `record` as text (an interviewer: their note) to the clipboard."""

    record: Record


@dataclass(eq=False, repr=False)
class CopySubject(Command):
    """Copy the subject line of interviewer `record`'s note to the clipboard."""

    record: Record


@dataclass(eq=False, repr=False)
class FollowTheDay(Command):
    """Interviewer `record`'s untouched note was shown saying the day afresh ("yesterday"):
    keep it so."""

    record: Record


@dataclass(eq=False, repr=False)
class ComposeNote(Command):
    """Compose interviewer `record`'s note again from its template (asks before replacing
    the user's own edits)."""

    record: Record


@dataclass(eq=False, repr=False)
class MarkNoteSent(Command):
    """Record that interviewer `record`'s note was sent, with the time."""

    record: Record


@dataclass(eq=False, repr=False)
class EditNoteInEditor(Command):
    """Open interviewer `record`'s note in $EDITOR, then keep what was saved there."""

    record: Record


@dataclass(eq=False, repr=False)
class EditSignature(Command):
    """Ask for the name under every thank-you note, then save it."""


@dataclass(eq=False, repr=False)
class SavePreference(Command):
    """Keep a display choice (`name` "guidance" or "theme") in the workspace settings."""

    name: str
    value: str


# -- files --------------------------------------------------------------------------------
@dataclass(eq=False, repr=False)
class ExportFile(Command):
    """Write an export to the export folder: `fmt` "md" (prep brief), "brief" (day-of
    one-pager), "json" (backup) or "ics"."""

    fmt: str


@dataclass(eq=False, repr=False)
class ImportBackup(Command):
    """Ask for a JSON export, then replace the whole workspace with it once the user agrees."""


@dataclass(eq=False, repr=False)
class RestoreBackup(Command):
    """Put the newest readable backup back in place of the workspace, once the user agrees."""


@dataclass(eq=False, repr=False)
class TakeOverFile(Command):
    """A read-only window becomes the writer once the other window has let the file go."""


# -- the job description (pane 2) ---------------------------------------------------------
@dataclass(eq=False, repr=False)
class EditJobDescription(Command):
    """Edit the job description of opportunity `opportunity_id` in a text area."""

    opportunity_id: int


@dataclass(eq=False, repr=False)
class EditJobDescriptionInEditor(Command):
    """Edit the job description of opportunity `opportunity_id` in $EDITOR."""

    opportunity_id: int


@dataclass(eq=False, repr=False)
class DraftRequirements(Command):
    """Offer the lines of opportunity `opportunity_id`'s job description as requirements,
    reviewed in one screen before the kept ones are saved."""

    opportunity_id: int


@dataclass(eq=False, repr=False)
class ShowDayOfBrief(Command):
    """Show the day-of one-pager of the active opportunity's next round."""


# -- moving around ------------------------------------------------------------------------
@dataclass(eq=False, repr=False)
class ShowPane(Command):
    """Show pane `number` (0: the dashboard)."""

    number: int


@dataclass(eq=False, repr=False)
class OpenRecord(Command):
    """Show record `record_id` of kind `kind_name` selected in its pane; a record of another
    opportunity first makes that opportunity the active one."""

    kind_name: str
    record_id: int


@dataclass(eq=False, repr=False)
class OpenSearch(Command):
    """Open the search screen."""


@dataclass(eq=False, repr=False)
class OpenOpportunities(Command):
    """Open the list of opportunities."""


# -- rehearsal, states and undo ----------------------------------------------------------
@dataclass(eq=False, repr=False)
class Rehearse(Command):
    """Open the rehearsal over the active opportunity's material."""


@dataclass(eq=False, repr=False)
class FlipState(Command):
    """Flip `record`'s main state: asked, practised, addressed, answer ready, sent."""

    record: Record


@dataclass(eq=False, repr=False)
class EditSpeakingRate(Command):
    """Ask for the speaking pace stories' lengths are worked out at, then save it."""


@dataclass(eq=False, repr=False)
class Undo(Command):
    """Undo the last change of this session."""


@dataclass(eq=False, repr=False)
class LogAttempt(Command):
    """Keep one rehearsal attempt at `record`: started at `started` ("YYYY-MM-DD HH:MM"),
    `seconds` long (None: not timed), rated `rating`, with an optional `note`."""

    record: Record
    started: str
    seconds: int | None
    rating: str
    note: str = ""


# -- the way back -------------------------------------------------------------------------
@dataclass(eq=False, repr=False)
class WorkspaceChanged(Message, bubble=False):
    """A request reached the disk (or failed: `change.error`). The save thread posts one to
    the app, which hands the same Change on to each open screen."""

    change: Change


class IndexReady(Message, bubble=False):
    """The search index can answer: a screen waiting for it searches again."""


class WaitsForSave:
    """A screen that posted a command and reports that command's failure itself (its text
    stays in it); `waiting_for` is the command's ticket, 0 while it waits for none."""

    waiting_for: int = 0
