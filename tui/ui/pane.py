"""One generic pane for all eight strategies: guidance, checklist, and a list per record kind."""

from __future__ import annotations

import time
from typing import Any, cast

from textual import work
from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.content import Content
from textual.widgets import DataTable
from textual.worker import get_current_worker

from ..core import readiness, recency, round_plans
from ..core.collector import collector_paused
from ..core.content import strategy
from ..core.formatting import state_text
from ..core.key_names import key_of
from ..core.kinds import KINDS, kinds_of_strategy
from ..core.note_follow import as_today
from ..core.record import Record, by_id
from ..core.rehearsal import (
    DRILLS,
    WORDS_A_MINUTE,
    Attempt,
    attempts_line,
    item_key,
    speaking_rate,
    spoken_line,
)
from .commands import FollowTheDay
from .extras import DETAILS, PaneExtra, extras_for
from .record_table import RecordTable
from .story_links import suggestion_lines
from .widgets import PlainStatic, TailKept, detail_content, final_round, join, plain, styled

# a kind with this many records still to read is read on a worker (about a tenth of a second)
READ_ON_A_WORKER = 2000


class StrategyPane(Vertical):
    """Strategy `number`: what it asks for, how far along you are, and your records for it."""

    def __init__(self, number: int, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.number = number
        self.strategy = strategy(number)
        self.kinds = kinds_of_strategy(number)
        self._names = {k.name for k in self.kinds}
        self.stale = True
        self._attempts: dict[str, list[Attempt]] = {}
        self._rate = WORDS_A_MINUTE
        # a record to select once the records being read are shown (see reload)
        self._select_after_reading: tuple[str, int] | None = None

    def compose(self) -> ComposeResult:
        st = self.strategy
        yield PlainStatic(join(styled(f"{st.number} · {st.title}", "bold")), classes="pane-title")
        with Horizontal(classes="pane-body"):
            with VerticalScroll(classes="guidance", can_focus=False):
                yield PlainStatic(st.summary, classes="summary")
                for heading, text in st.guidance:
                    yield PlainStatic(styled(heading, "bold"), classes="guidance-heading")
                    yield PlainStatic(text, classes="guidance-text")
                yield PlainStatic(styled("Checklist", "bold"), classes="guidance-heading")
                yield PlainStatic("", classes="checklist")
            with Vertical(classes="records"):
                yield PlainStatic("", classes="checklist-line")
                for k in self.kinds:
                    yield PlainStatic("", classes="list-title", id=f"title-{k.name}")
                    yield RecordTable(k, id=f"table-{k.name}", classes="record-table")
                yield from extras_for(self.number)
                yield VerticalScroll(
                    PlainStatic("", id="detail"), classes="detail-box", can_focus=False
                )

    def on_mount(self) -> None:
        self.reload()

    @property
    def tables(self) -> list[RecordTable]:
        return list(self.query(RecordTable))

    @property
    def current_table(self) -> RecordTable | None:
        """The focused list of this pane, else its first (None while still being built)."""
        tables = self.tables
        focused = self.screen.focused
        if isinstance(focused, RecordTable) and focused in tables:
            return focused
        return tables[0] if tables else None

    def focus_first(self) -> None:
        table = self.current_table
        if table is not None:
            # at once, not after the next message: a key typed right after the pane's
            # number must reach the list
            self.screen.set_focus(table)

    def reload(self) -> None:
        """Redraw from the workspace, reading each kind of record once. Records not read
        yet are read on a worker when they are many, the pane saying so meanwhile: the
        screen answers keys all the while."""
        unread = self._unread()
        if unread:
            self.stale = True  # until read and shown
            self._show_reading(unread)
            self._read_then_reload(list(unread))
            return
        with collector_paused(freeze_past=1000):
            self._reload()
        pending, self._select_after_reading = self._select_after_reading, None
        if pending is not None and final_round(self).main.current == self.number:  # in sight
            self.select(*pending)

    def _unread(self) -> dict[str, int]:
        """The kinds of record that would take long to read on the screen's thread, with how
        many of their records are still to be read."""
        ws = final_round(self).workspace
        counts = {name: ws.unread(name) for name in KINDS}
        return {name: n for name, n in counts.items() if n >= READ_ON_A_WORKER}

    def _show_reading(self, unread: dict[str, int]) -> None:
        """What the pane says while its records are read: the lists keep what they show."""
        own = [
            f"{n:,} {KINDS[name].plural.lower()}"
            for name, n in unread.items()
            if name in self._names
        ]
        others = sum(n for name, n in unread.items() if name not in self._names)
        if others:
            own.append(f"{others:,} {'other ' if own else ''}records")
        for k in self.kinds:
            said = f"reading {unread[k.name]:,}…" if k.name in unread else "…"
            title = self.query_one(f"#title-{k.name}", PlainStatic)
            title.set_text(join(styled(k.plural, "bold"), styled(f"  {said}", "dim")))
        self.query_one(".checklist-line", PlainStatic).set_text(
            join(styled("checklist: ", "bold"), styled(f"reading {' and '.join(own)}…", "dim"))
        )

    @work(thread=True, exclusive=True, group="pane-read", description="reading records")
    def _read_then_reload(self, names: list[str]) -> None:
        ws = final_round(self).workspace
        for name in names:  # a reading under way on another thread is waited for
            ws.all_records(name)
        if not get_current_worker().is_cancelled:
            ws.screen_busy_since = time.monotonic()  # the other workers let it draw them first
            self.app.call_from_thread(self._read)

    def _read(self) -> None:
        if self.is_attached:
            self.reload()

    def _reload(self) -> None:
        ws = final_round(self).workspace
        snap = readiness.Snapshot(ws)
        stories = by_id(snap("story"))
        opp = ws.active
        for k in self.kinds:
            records = readiness.listed(snap, k.name)
            scope = "" if k.scoped else "  (your bank, for every opportunity)"
            table = self.query_one(f"#table-{k.name}", RecordTable)
            if table.untold_only and opp is not None:
                told = round_plans.told_at(ws, opp)
                records = [r for r in records if r.id not in told]
                scope = f"  (not yet told at {opp['company']}; {key_of('toggle-untold')} shows all)"
            self.query_one(f"#title-{k.name}", PlainStatic).set_text(
                join(styled(f"{k.plural} · {len(records):,}", "bold"), styled(scope, "dim"))
            )
            table.marks = readiness.record_marks(snap, k.name)
            targets = {f.target for f in k.fields if f.behaviour.links_records}
            table.links = {t: by_id(snap(t)) for t in targets}
            table.show(records, stories)
        if any(k.name in DRILLS for k in self.kinds):
            self._attempts, self._rate = snap.attempts(), speaking_rate(ws)
        self._show_checklist(snap)
        for extra in self.query(".pane-extra"):
            cast(PaneExtra, extra).show_from(ws, stories)  # the stories read just above
        self._show_detail()
        self.stale = False

    def on_record_table_filter_changed(self, event: RecordTable.FilterChanged) -> None:
        event.stop()
        self.reload()

    def _show_checklist(self, snap: readiness.Snapshot) -> None:
        checks = readiness.checklist(final_round(self).workspace, self.number, snap)
        parts: list[Content] = []
        for check in checks:
            mark = {
                True: styled("✓ ", "green bold"),
                False: styled("○ ", "bold yellow"),
                None: styled("– ", "dim"),
            }[check.done]
            said = "; ".join(filter(None, (check.detail, check.hint)))
            detail = styled(f" ({said})", "dim") if said else Content("")
            parts.append(join(mark, plain(check.text), detail))
        self.query_one(".checklist", PlainStatic).set_text(Content("\n").join(parts))
        # with the guidance hidden: one line, the progress and the first thing left to do (what
        # to do for it, when its rule says: the item's own text would leave no room for it)
        todo = [c for c in checks if c.done is False]
        figure = readiness.progress(checks)
        line = join(styled("checklist ", "bold"), styled(figure, "bold"))
        shown: Content | TailKept = line
        if checks and not figure:  # none applies yet: nothing to count, nor "all done"
            shown = join(styled("checklist: ", "bold"), styled("nothing to check yet", "dim"))
        elif todo:
            first = todo[0].hint or todo[0].text + (
                f" ({todo[0].detail})" if todo[0].detail else ""
            )
            more = Content("")
            if len(todo) > 1:  # counted as checks: "· 3 more" after "2 stories" read as stories
                count = len(todo) - 1
                after = " · " if todo[0].hint else " and "  # not "press n and 2 more checks"
                more = styled(f"{after}{count} more check{'s' if count != 1 else ''}", "dim")
            line = join(line, plain(": "), styled("○ ", "bold yellow"))
            if todo[0].hint and ": " in first:
                # a hint's keys ("...for Ada Park and 1 more: press e on each") stay on the
                # line however long the names before them: the names give up their end
                what, keys = first.rsplit(": ", 1)
                shown = TailKept(join(line, plain(what)), join(plain(": " + keys), more))
            else:
                shown = join(line, plain(first), more)
        elif checks:
            shown = join(line, styled("  ✓ all done", "green"))
        self.query_one(".checklist-line", PlainStatic).set_text(shown)

    def _show_detail(self) -> None:
        table = self.current_table
        record = table.selected if table is not None else None
        detail = self.query_one("#detail", PlainStatic)
        if record is None:
            detail.set_text(styled(f"No record selected. Press {key_of('new')} to add one.", "dim"))
            return
        ws = final_round(self).workspace
        if record.kind.has_note:  # an untouched note shown the day after says "yesterday"
            fresh = as_today(ws, record)
            if fresh is not record:
                self.post_message(FollowTheDay(fresh, origin=self))
            record = fresh
        stories = ws.stories_for(record)
        special = DETAILS.get(record.kind.name)
        if special is not None and not record.damaged:
            # a special detail (a story's, with where it was told) keeps its rehearsals
            detail.set_text(
                Content("\n").join([special(ws, record, stories), *self._drilled(record)])
            )
            return
        lines = detail_content(record, stories, ws.links_for(record))
        lines += self._drilled(record)
        flag = state_text(record)
        if flag and not record.kind.is_done(record.values):
            lines.insert(0, styled(f"⚑ {flag}", "bold yellow"))
        mark = table.marks.get(record.id) if table is not None else None
        if mark and recency.describe(mark):
            lines.insert(0, styled(f"⚑ {recency.describe(mark)}", "bold yellow"))
        if record.kind.name in RecordTable.KIND_ACTIONS["link_story"]:
            lines += suggestion_lines(final_round(self).workspace, record)
        detail.set_text(Content("\n").join(lines))

    def _drilled(self, record: Record) -> list[Content]:
        """An item said out loud: its attempts (how many, last, median time) and, for a
        story, how long it takes to tell; nothing for other records."""
        if record.kind.name not in DRILLS:
            return []
        attempts = self._attempts.get(item_key(record), [])
        lines = [join(styled("Rehearsed: ", "bold"), plain(attempts_line(attempts)))]
        if record.kind.name == "story":
            spoken = spoken_line(record, attempts, self._rate)
            lines.append(join(styled("Spoken: ", "bold"), plain(spoken)))
        return lines

    def on_data_table_row_highlighted(self, event: DataTable.RowHighlighted) -> None:
        self._show_detail()

    def on_descendant_focus(self) -> None:
        self._show_detail()

    def select(self, kind_name: str, record_id: int) -> None:
        table = self.query_one(f"#table-{kind_name}", RecordTable)
        table.focus()
        if not table.select_record(record_id) and self.stale:  # its records are being read
            self._select_after_reading = (kind_name, record_id)
        self._show_detail()
