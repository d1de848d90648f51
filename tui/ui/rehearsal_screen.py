"""The rehearsal: one item at a time, said out loud against a stopwatch, compared with your
notes, rated 1-4; each attempt is kept as soon as it is rated, and a summary closes the session."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical, VerticalScroll
from textual.content import Content
from textual.screen import Screen
from textual.timer import Timer
from textual.widget import Widget
from textual.widgets import Footer, Input

from ..core.clock import now
from ..core.interview import next_interview
from ..core.key_names import is_moved, key_of, rating_keys
from ..core.kinds import RATINGS
from ..core.rehearsal import (
    attempts_by_item,
    attempts_line,
    clock,
    item_key,
    not_ready,
    prompt_of,
    rehearsable,
    reveal_lines,
    speaking_rate,
    spoken_line,
)
from ..core.repository import Record
from ..core.schedule import due
from . import layout
from .commands import HoldsTyping, LogAttempt
from .rehearsal_lines import KIND_WORDS, keys_line, summary_body, summary_heads
from .text_boxes import LineInput
from .widgets import PlainStatic, final_round, join, plain, styled

# the keys that scroll the notes, and how
NOTE_SCROLLS: dict[str, Callable[..., object]] = {
    "up": VerticalScroll.scroll_up,
    "down": VerticalScroll.scroll_down,
    "pageup": VerticalScroll.scroll_page_up,
    "pagedown": VerticalScroll.scroll_page_down,
    "home": VerticalScroll.scroll_home,
    "end": VerticalScroll.scroll_end,
}


def _rows(widget: Widget) -> int:
    """The rows a widget takes in its column, margins included."""
    return widget.outer_size.height + widget.styles.margin.height


def _one_line(text: str) -> str:
    """A note as kept: one line, spaces tidied, at most 200 characters."""
    return " ".join(text.split())[:200]


class RehearsalScreen(HoldsTyping, Screen[None]):
    """A drill over the active opportunity's material, items due first. A note typed for an
    item is kept with its attempt once rated; until then quitting asks, and a closed terminal
    keeps it in a file (see hang_up)."""

    AUTO_FOCUS = ""  # keys go to the drill; the note box takes focus only on n
    VERTICAL_BREAKPOINTS = layout.VERTICAL  # -short: the gaps between lines fold away

    BINDINGS = [
        Binding("space", "stopwatch", "Start/stop", id="rehearse-stopwatch"),
        Binding("enter", "reveal", "Reveal notes", id="rehearse-reveal"),
        *[
            Binding(str(n), f"rate('{rating}')", rating.capitalize(), id=f"rehearse-{rating}")
            for n, rating in enumerate(RATINGS, 1)
        ],
        Binding("n", "note", "Note", id="rehearse-note"),
        Binding("s", "skip", "Skip", id="rehearse-skip"),
        Binding("escape,q", "finish", "End", id="rehearse-end"),
        Binding("escape,enter,q", "close", "Close", id="rehearse-close"),
        # the notes scroll when they are longer than the room the screen leaves them
        *[
            Binding(key, f"scroll_notes('{key}')", show=False)
            for key in ("up", "down", "pageup", "pagedown", "home", "end")  # NOTE_SCROLLS
        ],
    ]
    # what the summary offers: the drill's keys do nothing there
    SUMMARY_ACTIONS = {"close", "scroll_notes"}

    def __init__(self) -> None:
        super().__init__()
        self.queue: list[Record] = []
        self.waiting: list[tuple[Record, str]] = []  # not ready, and why
        self.ahead = False  # nothing was due: practising ahead of the schedule
        self.position = 0
        self.started: datetime | None = None  # when this item was first timed
        self.running_since: datetime | None = None
        self.elapsed = 0.0  # seconds timed before running_since
        self.revealed = False
        self.note = ""
        self.done: list[tuple[Record, int | None, str]] = []
        self.finished = False
        self._tick: Timer | None = None

    def compose(self) -> ComposeResult:
        with Vertical(id="rehearsal"):
            yield PlainStatic("", id="rehearse-header")
            yield PlainStatic("", id="rehearse-kind")
            yield PlainStatic("", id="rehearse-prompt")
            yield PlainStatic("", id="rehearse-watch")
            with Vertical(id="rehearse-box"):
                with VerticalScroll(id="rehearse-notes", can_focus=False):
                    yield PlainStatic("", id="rehearse-reveal")
                yield PlainStatic("", id="rehearse-timing")  # never scrolled out of view
            yield LineInput(placeholder="a one-line note: forgot the number…", id="rehearse-note")
            yield PlainStatic("", id="rehearse-keys")
        yield Footer()

    def on_mount(self) -> None:
        ws = final_round(self).workspace
        moment = now()
        interview = next_interview(ws, ws.active)
        attempts = attempts_by_item(ws)
        ready: list[tuple[datetime, int, Record]] = []
        for order, record in enumerate(rehearsable(ws)):
            why = not_ready(record)
            if why:
                self.waiting.append((record, why))
                continue
            ready.append(
                (due(attempts.get(item_key(record), []), interview, moment), order, record)
            )
        ready.sort(key=lambda t: (t[0], t[1]))
        due_now = [r for when, _, r in ready if when <= moment]
        self.ahead = not due_now
        self.queue = due_now or [r for _, _, r in ready]
        self.set_focus(None)
        self._tick = self.set_interval(0.5, self._show_watch, pause=True)
        self._show()

    # -- drawing -------------------------------------------------------------------------
    @property
    def current(self) -> Record | None:
        return self.queue[self.position] if self.position < len(self.queue) else None

    def _seconds(self) -> float:
        running = (now() - self.running_since).total_seconds() if self.running_since else 0.0
        return self.elapsed + max(running, 0.0)

    def _show(self) -> None:
        record = self.current
        if self.finished or record is None:
            self._show_summary()
            return
        ws = final_round(self).workspace
        opp = ws.active
        company = opp.values["company"] if opp is not None else ""
        ahead = "  (nothing due: practising ahead)" if self.ahead else ""
        self._set(
            "#rehearse-header",
            join(
                styled(f" Rehearsal · {company} ", "bold reverse"),
                styled(f"  item {self.position + 1} of {len(self.queue)}{ahead}", "dim"),
            ),
        )
        self._set("#rehearse-kind", styled(KIND_WORDS[record.kind.name], "bold cyan"))
        self._set("#rehearse-prompt", styled(prompt_of(record), "bold"))
        self._show_watch()
        self._show_notes(record)
        self._set("#rehearse-keys", keys_line(self.note, self.revealed))

    def _show_watch(self) -> None:
        seconds = self._seconds()
        watch, reveal = key_of("rehearse-stopwatch"), key_of("rehearse-reveal")
        if self.running_since is not None:
            state = styled(f"  running · {watch} stops", "bold green")
        elif self.started is not None:
            state = styled(f"  stopped · {watch} goes on · {reveal} reveals your notes", "dim")
        else:
            state = styled(f"  {watch} starts the stopwatch, then say it out loud", "dim")
        self._set(
            "#rehearse-watch", join(plain("Stopwatch "), styled(clock(seconds), "bold"), state)
        )

    def _show_notes(self, record: Record) -> None:
        if not self.revealed:
            hidden = f"Your notes stay hidden until {key_of('rehearse-reveal')}."
            self._set("#rehearse-reveal", styled(hidden, "dim"))
            self._set_timing([])
            return
        ws = final_round(self).workspace
        lines: list[Content] = []
        for label, text in reveal_lines(record):
            lines.append(join(styled(f"{label}: ", "bold"), plain(text)))
        if record.kind.name == "practice" and record["story"] is not None:
            story = ws.stories_for(record).get(record["story"])
            if story is not None:
                lines.append(join(styled("Story to tell: ", "bold"), plain(story.title)))
        if not reveal_lines(record):
            lines.insert(0, styled("No notes written for this one yet.", "dim"))
        self._set("#rehearse-reveal", Content("\n").join(lines))
        # the times stay under the notes, in view however far the notes scroll
        attempts = attempts_by_item(ws).get(item_key(record), [])
        timing = [join(styled("Before: ", "bold"), plain(attempts_line(attempts, True)))]
        if record.kind.name == "story":
            spoken = spoken_line(record, attempts, speaking_rate(ws))
            timing.append(join(styled("Spoken: ", "bold"), plain(spoken)))
        self._set_timing(timing)

    def _set_timing(self, lines: list[Content]) -> None:
        timing = self.query_one("#rehearse-timing", PlainStatic)
        timing.display = bool(lines)
        timing.set_text(Content("\n").join(lines))
        self.query_one("#rehearse-notes", VerticalScroll).scroll_home(animate=False)
        self.call_after_refresh(self._fit_notes)

    def _fit_notes(self) -> None:
        """Give the notes the rows the other lines leave: the box, its times and the keys
        under it stay in view, and longer notes scroll inside the box."""
        area = self.query_one("#rehearsal")
        box = self.query_one("#rehearse-box")
        notes = self.query_one("#rehearse-notes", VerticalScroll)
        others = sum(_rows(w) for w in area.children if w is not box and w.display)
        timing = self.query_one("#rehearse-timing")
        chrome = box.styles.margin.height + box.styles.gutter.height
        chrome += _rows(timing) if timing.display else 0
        room = area.content_region.height - others - chrome
        notes.styles.max_height = max(room, 1)

    def on_resize(self) -> None:
        self.call_after_refresh(self._fit_notes)

    def action_scroll_notes(self, key: str) -> None:
        NOTE_SCROLLS[key](self.query_one("#rehearse-notes", VerticalScroll), animate=False)

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        # the summary offers its own keys only; the drill's do nothing there
        if self.finished:
            return action in self.SUMMARY_ACTIONS
        return action != "close"

    def _show_summary(self) -> None:
        self.finished = True
        self.refresh_bindings()
        if self._tick is not None:
            self._tick.pause()
        self._set("#rehearse-header", styled(" Rehearsal · session summary ", "bold reverse"))
        count, spoken = summary_heads(self.done)
        self._set("#rehearse-kind", count)
        self._set("#rehearse-prompt", spoken)
        self._set("#rehearse-watch", "")
        self._set("#rehearse-reveal", summary_body(self.done, self.waiting))
        self._set_timing([])
        close = "escape or enter" if not is_moved("rehearse-close") else key_of("rehearse-close")
        self._set("#rehearse-keys", styled(f"{close} closes the rehearsal", "dim"))

    def _set(self, selector: str, text: str | Content) -> None:
        self.query_one(selector, PlainStatic).set_text(text)

    # -- keys ----------------------------------------------------------------------------
    def action_stopwatch(self) -> None:
        if self.finished or self.current is None:
            return
        moment = now()
        if self.running_since is None:
            self.started = self.started or moment
            self.running_since = moment
            if self._tick is not None:
                self._tick.resume()
        else:
            self.elapsed += max((moment - self.running_since).total_seconds(), 0.0)
            self.running_since = None
            if self._tick is not None:
                self._tick.pause()
        self._show_watch()

    def action_reveal(self) -> None:
        if self.finished:
            self.dismiss(None)
            return
        record = self.current
        if record is None:
            return
        if self.running_since is not None:
            self.action_stopwatch()  # revealing stops the clock: the answer is given
        self.revealed = True
        self._show_notes(record)
        self._set("#rehearse-keys", keys_line(self.note, self.revealed))

    def action_rate(self, rating: str) -> None:
        record = self.current
        if self.finished or record is None:
            return
        if self.running_since is not None:
            self.action_stopwatch()
        seconds = int(round(self._seconds())) if self.started is not None else None
        started = (self.started or now()).strftime("%Y-%m-%d %H:%M")
        self.post_message(LogAttempt(record, started, seconds, rating, self.note, origin=self))
        self.done.append((record, seconds, rating))
        self._next()

    def action_skip(self) -> None:
        if not self.finished and self.current is not None:
            self._asking_for_the_note("Skip this item and drop its note?", "Skip", self._next)

    def _asking_for_the_note(self, question: str, yes: str, then: Callable[[], None]) -> None:
        """Do `then`, after asking when the current item has a note that is kept only with
        a rating."""
        if not self.changed:
            then()
            return
        from .dialogs import confirm_then

        keep = f" Press {key_of('confirm-no')}, then {self.keep_how()}."
        confirm_then(self.app, question + keep, yes, then)

    def _next(self) -> None:
        self.position += 1
        self.started = self.running_since = None
        self.elapsed, self.revealed, self.note = 0.0, False, ""
        self._show()

    def action_note(self) -> None:
        if self.finished or self.current is None:
            return
        note = self.query_one("#rehearse-note", Input)
        note.display = True
        note.value = self.note
        note.focus()
        self.call_after_refresh(self._fit_notes)  # the box gives the note box its rows

    @on(Input.Submitted, "#rehearse-note")
    def keep_note(self, event: Input.Submitted) -> None:
        event.stop()
        self._close_note()

    def _close_note(self) -> None:
        """Leave the note box, keeping what it holds as the note (enter or escape alike: a
        note typed is not lost to a habit of pressing escape)."""
        box = self.query_one("#rehearse-note", Input)
        self.note = _one_line(box.value)
        box.display = False
        self.set_focus(None)
        self._set("#rehearse-keys", keys_line(self.note, self.revealed))
        self.call_after_refresh(self._fit_notes)

    def _typed_note(self) -> str:
        """The note for the current item as it stands, the note box included while open."""
        box = self.query_one("#rehearse-note", Input)
        return _one_line(box.value) if box.display else self.note

    # -- typed text not yet kept (HoldsTyping) ---------------------------------------------
    @property
    def changed(self) -> bool:
        """A note typed for an item not yet rated: it is saved only with the rating."""
        return not self.finished and self.current is not None and bool(self._typed_note())

    @property
    def unsaved_name(self) -> str:
        return "unsaved rehearsal note"

    def keep_how(self) -> str:
        return f"{rating_keys()} to rate it and keep the note"

    def unsaved_text(self) -> str:
        record = self.current
        what = f"{KIND_WORDS[record.kind.name]}: {record.title}" if record is not None else ""
        return f"Rehearsal note, not rated: {what}\n\n{self._typed_note()}\n"

    def action_close(self) -> None:
        self.dismiss(None)

    def action_finish(self) -> None:
        note = self.query_one("#rehearse-note", Input)
        if note.display:  # escape leaves the note box first
            self._close_note()
            return
        if self.finished:
            self.dismiss(None)
            return
        self._asking_for_the_note(
            "End the rehearsal and drop the note on this item?", "End", self._end
        )

    def _end(self) -> None:
        if not self.done:
            self.dismiss(None)
            return
        self._show_summary()
