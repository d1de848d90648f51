"""What the readiness rules look at: the records of one opportunity, read once, and the
small counts several strategies share."""

from __future__ import annotations

import operator
from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import datetime
from itertools import repeat

from . import clock, recency
from .record import RECORD_ID
from .rehearsal import Attempt, attempts_by_item, item_key
from .repository import Record, Workspace
from .timing import note_deadline, still_to_come

ASKED = "asked"  # the mark of a question asked in a round of the opportunity


def plural(n: int, word: str, many: str | None = None) -> str:
    return f"{n:,} {word if n == 1 else (many or word + 's')}"


@dataclass(frozen=True)
class Check:
    text: str
    done: bool | None  # None: does not apply yet
    detail: str = ""
    hint: str = ""  # while not done: what to do next ("no round yet: tab to Rounds, press n")


class Snapshot:
    """The records one strategy's rules look at, read once."""

    def __init__(
        self, ws: Workspace, now: datetime | None = None, opportunity: int | None = None
    ) -> None:
        self.ws = ws
        self.now = now or clock.now()
        self.opportunity = opportunity  # None: the active one
        self._cache: dict[str, list[Record]] = {}
        self._attempts: dict[str, list[Attempt]] | None = None
        self._practised_ids: dict[str, set[int]] | None = None

    def let_keys_first(self) -> None:
        """Called between two pieces of work: on a worker, wait while the screen answers
        keys (see Workspace.pause); on the screen's own thread, nothing."""
        if self.ws.pause is not None:
            self.ws.pause()

    def attempts(self) -> dict[str, list[Attempt]]:
        """Every rehearsal attempt by item, read once."""
        if self._attempts is None:
            self._attempts = attempts_by_item(self.ws)
        return self._attempts

    def attempts_of(self, record: Record) -> list[Attempt]:
        return self.attempts().get(item_key(record), [])

    def practised(self, record: Record) -> bool:
        """Practised means rehearsed out loud at least once: worked out from the attempts."""
        return bool(self.attempts_of(record))

    def practised_count(self, records: list[Record]) -> int:
        """How many of `records` were practised: the ids rehearsed, by kind, made once from the
        attempts, then one look-up a record (tens of thousands of stories in milliseconds)."""
        if self._practised_ids is None:
            ids: dict[str, set[int]] = {}
            for key in self.attempts():
                name, _, number = key.partition(":")
                # as item_key writes it: "story:3", never "story:03" nor other digits
                if number.isascii() and number.isdigit() and str(int(number)) == number:
                    ids.setdefault(name, set()).add(int(number))
            self._practised_ids = ids
        ids = self._practised_ids
        if not records:
            return 0
        first = records[0].kind
        if all(map(operator.is_, map(_KIND, records), repeat(first))):
            # one kind, as the checklists ask: counted without a step of Python a record
            return sum(map(ids.get(first.name, set()).__contains__, map(RECORD_ID, records)))
        return sum(1 for r in records if r.id in ids.get(r.kind.name, ()))

    @property
    def interview_at(self) -> str:
        """When the snapshot's opportunity has its interview ('' when not set)."""
        if self.opportunity is None:
            opp = self.ws.active
        else:
            opp = next((o for o in self.ws.opportunities() if o.id == self.opportunity), None)
        if opp is None:
            return ""
        from .rounds import interview_time
        from .validation import format_datetime

        when = interview_time(self.ws, opp, self.now)
        return format_datetime(when) if when is not None else ""

    def asked_questions(self) -> set[int]:
        """The questions of the bank asked in a round of this opportunity."""
        return {a["question"] for a in self("asked_them") if a["question"] is not None}

    def asked_marks(self) -> dict[int, str]:
        """'asked' for each question of the bank asked in a round of this opportunity."""
        return dict.fromkeys(self.asked_questions(), ASKED)

    def own_practice(self) -> list[Record]:
        """The questions to practise that are this opportunity's: not those naming another
        opportunity's company (see elsewhere.this_companys), read once."""
        if "practice:own" not in self._cache:
            from .elsewhere import this_companys

            self._cache["practice:own"] = this_companys(self.ws, self.opportunity, self("practice"))
        return self._cache["practice:own"]

    def research_marks(self) -> dict[int, str]:
        """'older' or 'undated' for each research note that is not recent."""
        return recency.marks(self("research"), self.interview_at, self.now)

    def __call__(self, kind_name: str) -> list[Record]:
        if kind_name not in self._cache:
            self._cache[kind_name] = self.ws.scoped_records(kind_name, self.opportunity)
        return self._cache[kind_name]


def all_or(
    records: list[Record], test: Callable[[Record], bool], empty: bool | None = None
) -> bool | None:
    return empty if not records else all(test(r) for r in records)


def competency_counts(stories: list[Record]) -> Counter:
    """How many stories show each competency, tags read through the thesaurus: a story tagged
    "mentorship" and one tagged "Mentoring" count as two stories of "mentoring"."""
    global _LAST
    last_stories, last_counts = _LAST
    if len(stories) == len(last_stories) and all(map(operator.is_, stories, last_stories)):
        return Counter(last_counts)  # the very same stories as last time: a pane asks twice
    from .thesaurus import thesaurus

    canonical = thesaurus().canonical
    known = _COMPETENCIES
    if len(known) > 10_000:
        known.clear()
    changes = _changes(stories, last_stories)
    counts: Counter = Counter()
    if changes is None:
        changes = Counter(map(_tags, stories))
    else:  # only the stories added or replaced since the last count
        counts.update(last_counts)
    # stories share combinations of tags: each combination is read once
    for tags, n in changes.items():
        found = known.get(tags)
        if found is None:
            found = known[tags] = frozenset(canonical(t) for t in tags if str(t).strip())
        for competency in found:
            counts[competency] += n
    counts = +counts  # a competency no story shows any more is not counted
    _LAST = (list(stories), counts)
    return Counter(counts)


def _tags(story: Record) -> tuple[str, ...]:
    return tuple(story.values.get("competencies") or ())


def _changes(stories: list[Record], last_stories: list[Record]) -> Counter | None:
    """The combinations of tags of the stories added since `last_stories`, less those of the
    stories gone: records never change in place, so a save adds or replaces one. None when
    most stories are new. (The last stories are still held: no new object is one of them.)

    What both lists begin and end with, the very same records, is left out; what lies
    between is gone from the last list and added in the new one. Found by comparing the
    two lists at the speed of the interpreter's own loops, not one step a story."""
    if not last_stories:
        return None
    start = _same_run(stories, last_stories)
    # from the end, within what the beginning left
    room = min(len(stories), len(last_stories)) - start
    end = min(_same_run(reversed(stories), reversed(last_stories)), room)
    added = stories[start : len(stories) - end]
    gone = last_stories[start : len(last_stories) - end]
    if len(gone) + len(added) > len(stories) // 4:
        return None
    changes = Counter(map(_tags, added))
    changes.subtract(map(_tags, gone))
    return changes


def _same_run(these: Iterable[Record], those: Iterable[Record]) -> int:
    """How many records the two begin with that are the very same objects."""
    same = list(map(operator.is_, these, those))
    return same.index(False) if False in same else len(same)


_KIND = operator.attrgetter("kind")

# a story's tags -> the competencies they name
_COMPETENCIES: dict[tuple[str, ...], frozenset[str]] = {}
# the stories counted last, and their counts
_LAST: tuple[list[Record], Counter] = ([], Counter())


# Kinds whose records carry a mark beside their state: a research note too old to be recent,
# a question of the bank already asked in a round of this opportunity.
MARKS: dict[str, Callable[[Snapshot], dict[int, str]]] = {
    "research": Snapshot.research_marks,
    "question": Snapshot.asked_marks,
}


def record_marks(snap: Snapshot, kind_name: str) -> dict[int, str]:
    """{record id: mark} for the records of `kind_name` that carry one ('older')."""
    rule = MARKS.get(kind_name)
    return rule(snap) if rule is not None else {}


def next_note_due(snap: Snapshot, everywhere: bool = False) -> tuple[Record, datetime, str] | None:
    """The interviewer whose thank-you note runs out of time first, among those not sent:
    (record, deadline, company), of the active opportunity or of every one."""
    people = snap.ws.all_records("interviewer") if everywhere else snap("interviewer")
    due = []
    for i in people:
        deadline = note_deadline(i["ended_at"])
        ended = deadline is not None and not still_to_come(deadline, snap.now)
        if deadline is not None and ended and i["draft_state"] != "sent":
            due.append((deadline, i.id, i))
    if not due:
        return None
    deadline, _, record = min(due)
    companies = {o.id: o.values["company"] for o in snap.ws.opportunities()}
    company = companies.get(record.opportunity, "") if record.opportunity is not None else ""
    return record, deadline, company
