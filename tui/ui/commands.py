"""One message per command: widgets post these, the app's command handlers act on them, and
every change comes back as one WorkspaceChanged."""

from __future__ import annotations

import itertools
from dataclasses import MISSING, Field, field
from typing import Any, ClassVar, cast, dataclass_transform

from textual.message import Message
from textual.widget import Widget

from ..core.kinds import Kind
from ..core.record import Record
from ..core.save_queue import Change

_tickets = itertools.count(1)


@dataclass_transform(field_specifiers=(field,))
class Fields:
    """A message whose fields are read from its annotations as a dataclass's are (and seen so
    by the type checker), with one shared __init__: a dataclass compiles one for each class,
    about 2 ms of every start for the commands alone. As with eq=False and repr=False, two
    messages are equal only when they are the same one, and the repr is Textual's."""

    # (name, default, factory) of each field, positional ones first; MISSING where none
    _field_specs: ClassVar[tuple[tuple[str, Any, Any], ...]] = ()
    _positionals: ClassVar[int] = 0

    def __init_subclass__(cls, **kwargs: Any) -> None:
        super().__init_subclass__(**kwargs)
        positional = list(cls._field_specs[: cls._positionals])
        keyword = list(cls._field_specs[cls._positionals :])
        for name, hint in cls.__dict__.get("__annotations__", {}).items():
            if str(hint).startswith("ClassVar"):
                continue
            value = cls.__dict__.get(name, MISSING)
            if isinstance(value, Field):
                delattr(cls, name)
                spec = (name, value.default, value.default_factory)
                (keyword if value.kw_only is True else positional).append(spec)
            else:
                positional.append((name, value, MISSING))
        cls._field_specs, cls._positionals = (*positional, *keyword), len(positional)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        name = type(self).__name__
        if len(args) > self._positionals:
            raise TypeError(f"{name} takes {self._positionals} positional arguments")
        for (field_name, _, _), value in zip(self._field_specs, args, strict=False):
            if field_name in kwargs:
                raise TypeError(f"{name} got {field_name!r} twice")
            kwargs[field_name] = value
        for field_name, default, factory in self._field_specs:
            if field_name in kwargs:
                value = kwargs.pop(field_name)
            elif default is not MISSING:
                value = default
            elif factory is not MISSING:
                value = factory()
            else:
                raise TypeError(f"{name} needs {field_name!r}")
            setattr(self, field_name, value)
        if kwargs:
            raise TypeError(f"{name} has no field {next(iter(kwargs))!r}")
        super().__init__()


class Command(Fields, Message):
    """A command from the user. `origin` is the widget it came from (None: the palette);
    `ticket` names it in the Change that comes back, so its sender can wait for that."""

    origin: Widget | None = field(default=None, kw_only=True)
    ticket: int = field(default_factory=_tickets.__next__, kw_only=True)

    @property
    def control(self) -> Widget | None:
        return self.origin


# -- records ------------------------------------------------------------------------------
class NewRecord(Command):
    """Open a form for a new record of `kind`, starting from `values` (empty by default)."""

    kind: Kind
    values: dict[str, Any] = field(default_factory=dict)


class EditRecord(Command):
    """Open the form of `record`."""

    record: Record


class SaveRecord(Command):
    """Save a form's `values`: a new record of `kind` when `record` is None, else `record`
    changed. The form waits for the WorkspaceChanged with this ticket."""

    kind: Kind
    record: Record | None
    values: dict[str, Any]
    # fields left as the form showed them when it opened: a check only a form makes (an
    # e-mail address) does not question them (a stored value may show otherwise, ^M for \r)
    untouched: tuple[str, ...] = ()


class CarryForward(Command):
    """Open a new feedback item or concern (`into`) for the next round, filled in from what
    you noticed about question asked `record`."""

    record: Record
    into: str


class DeleteRecord(Command):
    """Delete `record`, once the user says yes."""

    record: Record


class AddStarter(Command):
    """Copy starter question `number` of `starter_kind` into the user's own bank."""

    starter_kind: str
    number: int


class ActivateOpportunity(Command):
    """Make opportunity `opportunity_id` the one being prepared for."""

    opportunity_id: int


class BrowseStarters(Command):
    """Open the starter questions by category, at `category` (None: the first)."""

    category: str | None = None


class LinkStory(Command):
    """Offer the stories that answer question or requirement `record`, suggested ones first;
    link the one chosen."""

    record: Record


# -- thank-you notes and copying ----------------------------------------------------------
class CopyRecord(Command):
    """Copy `record` as text (an interviewer: their note) to the clipboard."""

    record: Record


class CopySubject(Command):
    """Copy the subject line of interviewer `record`'s note to the clipboard."""

    record: Record


class FollowTheDay(Command):
    """Interviewer `record`'s untouched note was shown saying the day afresh ("yesterday"):
    keep it so."""

    record: Record


class ComposeNote(Command):
    """Compose interviewer `record`'s note again from its template (asks before replacing
    the user's own edits)."""

    record: Record


class MarkNoteSent(Command):
    """Record that interviewer `record`'s note was sent, with the time."""

    record: Record


class EditNoteInEditor(Command):
    """Open interviewer `record`'s note in $EDITOR, then keep what was saved there."""

    record: Record


class EditSignature(Command):
    """Ask for the name under every thank-you note, then save it."""


class SavePreference(Command):
    """Keep a display choice (`name` "guidance" or "theme") in the workspace settings."""

    name: str
    value: str


# -- files --------------------------------------------------------------------------------
class ExportFile(Command):
    """Write an export to the export folder: `fmt` "md" (prep brief), "brief" (day-of
    one-pager), "json" (backup) or "ics"."""

    fmt: str


class ImportBackup(Command):
    """Ask for a JSON export, then replace the whole workspace with it once the user agrees."""


class RestoreBackup(Command):
    """Put the newest readable backup back in place of the workspace, once the user agrees;
    `undo_restore`: the file as it was before the last restore instead."""

    undo_restore: bool = False


class TakeOverFile(Command):
    """A read-only window becomes the writer once the other window has let the file go."""


# -- the job description (pane 2) ---------------------------------------------------------
class EditJobDescription(Command):
    """Edit the job description of opportunity `opportunity_id` in a text area."""

    opportunity_id: int


class EditJobDescriptionInEditor(Command):
    """Edit the job description of opportunity `opportunity_id` in $EDITOR."""

    opportunity_id: int


class DraftRequirements(Command):
    """Offer the lines of opportunity `opportunity_id`'s job description as requirements,
    reviewed in one screen before the kept ones are saved."""

    opportunity_id: int


class ShowDayOfBrief(Command):
    """Show the day-of one-pager of the active opportunity's next round."""


# -- moving around ------------------------------------------------------------------------
class ShowPane(Command):
    """Show pane `number` (0: the dashboard)."""

    number: int


class OpenRecord(Command):
    """Show record `record_id` of kind `kind_name` selected in its pane; a record of another
    opportunity first makes that opportunity the active one."""

    kind_name: str
    record_id: int


class OpenSearch(Command):
    """Open the search screen."""


class OpenOpportunities(Command):
    """Open the list of opportunities."""


# -- rehearsal, states and undo ----------------------------------------------------------
class Rehearse(Command):
    """Open the rehearsal over the active opportunity's material."""


class FlipState(Command):
    """Flip `record`'s main state: asked, practised, addressed, answer ready, sent."""

    record: Record


class EditSpeakingRate(Command):
    """Ask for the speaking pace stories' lengths are worked out at, then save it."""


class Undo(Command):
    """Undo the last change of this session."""


class LogAttempt(Command):
    """Keep one rehearsal attempt at `record`: started at `started` ("YYYY-MM-DD HH:MM"),
    `seconds` long (None: not timed), rated `rating`, with an optional `note`."""

    record: Record
    started: str
    seconds: int | None
    rating: str
    note: str = ""


# -- the way back -------------------------------------------------------------------------
class WorkspaceChanged(Fields, Message, bubble=False):
    """A request reached the disk (or failed: `change.error`). The save thread posts one to
    the app, which hands the same Change on to each open screen."""

    change: Change


class IndexReady(Message, bubble=False):
    """The search index can answer: a screen waiting for it searches again."""


class WaitsForSave:
    """A screen that posted a command and reports that command's failure itself (its text
    stays in it); `waiting_for` is the command's ticket, 0 while it waits for none."""

    waiting_for: int = 0


class HoldsTyping:
    """A screen holding text typed but not yet saved: quitting asks first, and a closed
    terminal keeps the text in a file (see hang_up)."""

    @property
    def changed(self) -> bool:
        """Whether it holds text the user typed that is not saved."""
        raise NotImplementedError

    @property
    def unsaved_name(self) -> str:
        """What a file keeping the text is called ("unsaved story")."""
        raise NotImplementedError

    def unsaved_text(self) -> str:
        """The text as it stands, to keep when it cannot be saved."""
        raise NotImplementedError

    def keep_how(self) -> str:
        """The keys that keep the text, in a sentence: "ctrl+s to save"."""
        raise NotImplementedError

    def discard_asking(self, what: str) -> None:
        """Close without saving: at once when nothing changed, else once the user agrees to
        drop the changes to this `what` ("form", "text")."""
        from textual.screen import Screen

        from .dialogs import confirm_then

        screen = cast("Screen[Any]", self)
        if not self.changed:
            screen.dismiss(None)
            return
        question = f"Discard your changes to this {what}?"
        confirm_then(screen.app, question, "Discard", lambda: screen.dismiss(None))
