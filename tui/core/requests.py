"""Changes a user asks for, as data: each one is applied on the save thread, in order, and
says in one line what it did."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, ClassVar

from .key_names import key_of
from .repository import Record, Workspace
from .undo import History


@dataclass(frozen=True)
class Request:
    """A change to make to the workspace. `apply` runs on the save thread."""

    # A change that follows from time passing rather than from the user: it is no undo step
    # of its own (undoing the change before it takes it back too), and one that changed
    # nothing is told to nobody.
    follow_up: ClassVar[bool] = False
    # A choice about how the app looks rather than a change to the user's material: no undo
    # step (u after hiding the guidance takes back the change before it, not the choice).
    undo_step: ClassVar[bool] = True

    def apply(self, ws: Workspace) -> None:
        raise NotImplementedError

    def done_text(self, ws: Workspace, record: Record | None) -> str:
        """What to tell the user once the change is on disk ("" says nothing)."""
        return ""

    def undo_text(self, ws: Workspace, record: Record | None) -> str:
        """What the change was, for the message of the undo that reverts it."""
        return self.done_text(ws, record) or "the last change"


@dataclass(frozen=True)
class SaveRecord(Request):
    """Add a record (`record_id` None) or change one, with the values of its form."""

    kind_name: str
    record_id: int | None
    values: dict[str, Any] = field(default_factory=dict)
    untouched: tuple[str, ...] = ()  # fields the form did not change (see check_form)

    def apply(self, ws: Workspace) -> None:
        with ws.batch():
            before = None
            if self.record_id is not None:
                before = ws.get(self.kind_name, self.record_id)
            from .kinds import kind
            from .validation import check_form

            kept = None if before is None else before.values
            check_form(kind(self.kind_name), self.values, kept, self.untouched)
            if self.kind_name == "interviewer":
                _check_ended(ws, self.values, before)
            if before is None:
                record = ws.add(self.kind_name, self.values)
            else:
                record = ws.update(self.kind_name, self.record_id or before.id, self.values)
            from .after_save import after_save  # not needed before the first frame

            after_save(ws, record, before)

    def done_text(self, ws: Workspace, record: Record | None) -> str:
        if record is None:
            return ""
        from .after_save import saved_text

        said = saved_text(ws, record, new=self.record_id is None)
        return f"Saved {record.kind.label.lower()}: {record.title}{said}"


def _check_ended(ws: Workspace, values: dict[str, Any], before: Record | None) -> None:
    """An interview typed as ended at a time this computer's clock shows twice without saying
    which, or before its round began, is refused, with the reason: the time was most likely
    read on the round's clock rather than on this computer's."""
    from .kinds import kind
    from .round_times import clock_problem, ended_problem
    from .validation import ValidationError

    merged = {**(before.values if before is not None else {}), **values}
    ended = str(merged.get("ended_at") or "").strip()
    if not ended or (before is not None and ended == before["ended_at"]):
        return
    round_id = merged.get("round")
    try:
        round_ = ws.get("round", round_id) if isinstance(round_id, int) else None
    except KeyError:
        round_ = None
    problem = clock_problem(ended, "", None)
    if problem is None and round_ is not None:
        problem = ended_problem(round_.values, ended)
    if problem is not None:
        raise ValidationError(kind("interviewer"), {"ended_at": problem})


@dataclass(frozen=True)
class DeleteRecord(Request):
    """Delete a record (an opportunity with everything that belongs to it)."""

    kind_name: str
    record_id: int

    def apply(self, ws: Workspace) -> None:
        ws.delete(self.kind_name, self.record_id)

    def done_text(self, ws: Workspace, record: Record | None) -> str:
        if record is None:
            return ""
        return f"Deleted {record.kind.label.lower()}: {record.title}"


@dataclass(frozen=True)
class ActivateOpportunity(Request):
    """Make an opportunity the one being prepared for."""

    opportunity_id: int

    def apply(self, ws: Workspace) -> None:
        ws.set_active(self.opportunity_id)

    def done_text(self, ws: Workspace, record: Record | None) -> str:
        opp = ws.active
        if opp is None:
            return ""
        return f"Now preparing for {opp.values['company']} — {opp.values['role']}"


@dataclass(frozen=True)
class AddStarter(Request):
    """Copy starter question `number` of `starter_kind` into the user's own bank."""

    starter_kind: str
    number: int

    def apply(self, ws: Workspace) -> None:
        from .starters import BANK_KIND, starters

        ws.add(BANK_KIND[self.starter_kind], starters()[(self.starter_kind, self.number)])

    def done_text(self, ws: Workspace, record: Record | None) -> str:
        return f"Added to your bank: {record.title}" if record is not None else ""


@dataclass(frozen=True)
class MarkNote(Request):
    """Record that an interviewer's note was copied or sent, with the time."""

    interviewer_id: int
    state: str
    copied: str = ""  # the fingerprint of the text that was copied (thank_you.text_digest)

    def apply(self, ws: Workspace) -> None:
        from .thank_you import mark

        mark(ws, ws.get("interviewer", self.interviewer_id), self.state, self.copied)

    def done_text(self, ws: Workspace, record: Record | None) -> str:
        if record is None or self.state != "sent":  # the copy itself was reported
            return ""
        return f"Marked the note to {record.title} as {self.state}."

    def undo_text(self, ws: Workspace, record: Record | None) -> str:
        if record is None:
            return super().undo_text(ws, record)
        return f"Marked the note to {record.title} as {self.state}."


@dataclass(frozen=True)
class ComposeNote(Request):
    """Compose an interviewer's note again from its template and the current details."""

    interviewer_id: int

    def apply(self, ws: Workspace) -> None:
        from .note_follow import compose_into

        compose_into(ws, ws.get("interviewer", self.interviewer_id))

    def done_text(self, ws: Workspace, record: Record | None) -> str:
        return f"Composed a new note to {record.title}." if record is not None else ""


@dataclass(frozen=True)
class FollowTheDay(Request):
    """Untouched, unsent thank-you drafts say the day of the interview from today again
    ("yesterday" the morning after): those of `interviewer_ids`, or all when it is empty."""

    interviewer_ids: tuple[int, ...] = ()
    follow_up: ClassVar[bool] = True

    def apply(self, ws: Workspace) -> None:
        from .note_follow import follow_the_day  # not needed before the first frame

        follow_the_day(ws, self.interviewer_ids or None)


@dataclass(frozen=True)
class KeepNoteEdits(Request):
    """Keep the body of an interviewer's note as the user edited it in their editor."""

    interviewer_id: int
    body: str

    def apply(self, ws: Workspace) -> None:
        ws.update("interviewer", self.interviewer_id, {"draft_body": self.body})

    def done_text(self, ws: Workspace, record: Record | None) -> str:
        if record is None:
            return ""
        return f"Saved your edits to the note to {record.title}."


@dataclass(frozen=True)
class SetSignature(Request):
    """The name under every thank-you note."""

    name: str

    def apply(self, ws: Workspace) -> None:
        ws.set_setting("signature", self.name.strip())

    def done_text(self, ws: Workspace, record: Record | None) -> str:
        return (
            "Saved: notes you have not edited now end with it "
            f"({key_of('compose')} in pane 8 composes an edited one again)."
        )


@dataclass(frozen=True)
class SetPreference(Request):
    """A choice about how the workspace looks (guidance shown or hidden, the theme), kept in
    the workspace so it holds on every machine that opens it. Says nothing when saved."""

    undo_step: ClassVar[bool] = False

    name: str
    value: str

    def apply(self, ws: Workspace) -> None:
        if ws.setting(self.name) != self.value:
            ws.set_setting(self.name, self.value)


@dataclass(frozen=True)
class SaveJobDescription(Request):
    """The job description pasted or edited for an opportunity."""

    opportunity_id: int
    text: str

    def apply(self, ws: Workspace) -> None:
        ws.update("opportunity", self.opportunity_id, {"job_description": self.text})

    def done_text(self, ws: Workspace, record: Record | None) -> str:
        return "Saved the job description."


@dataclass(frozen=True)
class AddRequirements(Request):
    """Requirements kept from a draft of the job description: (text, priority) each, all
    saved at once."""

    opportunity_id: int
    kept: tuple[tuple[str, str], ...]

    def apply(self, ws: Workspace) -> None:
        with ws.batch():
            for text, priority in self.kept:
                ws.add("requirement", {"text": text, "priority": priority}, self.opportunity_id)

    def done_text(self, ws: Workspace, record: Record | None) -> str:
        return (
            f"{self.undo_text(ws, record)} "
            f"Link a story to each in pane 2 ({key_of('link-story')} on the requirement)."
        )

    def undo_text(self, ws: Workspace, record: Record | None) -> str:
        n = len(self.kept)
        title = ws.get("opportunity", self.opportunity_id).title
        return f"Added {n} requirement{'s' if n != 1 else ''} to {title}."


@dataclass(frozen=True)
class LinkStory(Request):
    """Link a story to a question to practise (its story to tell) or to a requirement (one
    more story that proves it)."""

    kind_name: str
    record_id: int
    story_id: int

    def apply(self, ws: Workspace) -> None:
        record = ws.get(self.kind_name, self.record_id)
        if "stories" in record.values:  # a requirement: one more story
            linked = [i for i in record["stories"] if i != self.story_id] + [self.story_id]
            ws.update(self.kind_name, self.record_id, {"stories": linked})
        else:
            ws.update(self.kind_name, self.record_id, {"story": self.story_id})

    def done_text(self, ws: Workspace, record: Record | None) -> str:
        try:
            story = ws.get("story", self.story_id).title
        except KeyError:
            return ""
        return f"Linked the story: {story}"


@dataclass(frozen=True)
class Undo(Request):
    """Put the workspace back as it was before the last change of this session."""

    history: History
    undone: list[str] = field(default_factory=list, compare=False)  # filled in by apply

    def apply(self, ws: Workspace) -> None:
        self.undone.append(self.history.undo(ws))

    def done_text(self, ws: Workspace, record: Record | None) -> str:
        return f"Undone: {self.undone[-1]}" if self.undone else ""


@dataclass(frozen=True)
class FlipState(Request):
    """Flip a record's main state (asked, practised, addressed, answer ready, sent)."""

    kind_name: str
    record_id: int
    said: list[str] = field(default_factory=list, compare=False)  # filled in by apply

    def apply(self, ws: Workspace) -> None:
        from .states import flip

        self.said.append(flip(ws, ws.get(self.kind_name, self.record_id)))

    def done_text(self, ws: Workspace, record: Record | None) -> str:
        return self.said[-1] if self.said else ""


@dataclass(frozen=True)
class LogAttempt(Request):
    """Keep one rehearsal attempt at an item: its time, seconds (None: untimed), rating, note."""

    kind_name: str
    record_id: int
    started: str
    seconds: int | None
    rating: str
    note: str = ""

    def apply(self, ws: Workspace) -> None:
        from .states import log_attempt

        item = ws.get(self.kind_name, self.record_id)
        log_attempt(ws, item, self.seconds, self.rating, self.note, self.started)

    def done_text(self, ws: Workspace, record: Record | None) -> str:
        return ""  # the rehearsal screen shows it; undo names it below

    def undo_text(self, ws: Workspace, record: Record | None) -> str:
        item = ws.get(self.kind_name, self.record_id)
        return f"the rehearsal attempt at {item.title} ({self.rating})"


@dataclass(frozen=True)
class SetSpeakingRate(Request):
    """The pace, in words a minute, a story's spoken length is worked out at."""

    words_a_minute: int

    def apply(self, ws: Workspace) -> None:
        ws.set_setting("speaking_rate", str(self.words_a_minute))

    def done_text(self, ws: Workspace, record: Record | None) -> str:
        return f"Stories are now timed at {self.words_a_minute} words a minute."
