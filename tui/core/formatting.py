"""Record values as plain text: list cells, detail views and exported briefs share these."""

from __future__ import annotations

import re
from collections.abc import Collection, Mapping
from datetime import datetime
from typing import Any

from . import clock
from .kind_spec import ODD_BREAKS
from .kinds import Field, Kind
from .record import Record
from .timing import note_deadline, still_to_come, until

# Caret notation (^[ for escape, ^@ for NUL, ^? for DEL): letters every terminal font has,
# unlike the Control Pictures block. C1 controls, which have no caret form, become U+FFFD.
_CONTROL: dict[int, str] = {c: "^" + chr(c + 0x40) for c in range(0x20) if c not in (0x09, 0x0A)}
_CONTROL[0x7F] = "^?"
_CONTROL.update({c: "\ufffd" for c in range(0x80, 0xA0)})
# Half an emoji read from a damaged record (a lone surrogate) cannot be written as UTF-8.
_CONTROL.update({c: "\ufffd" for c in range(0xD800, 0xE000)})


def visible(text: str) -> str:
    """Text safe to draw on a terminal: control characters (an escape sequence, NUL) are
    shown in caret notation (^[, ^@), so nothing reaches the terminal raw; half an emoji
    becomes U+FFFD."""
    return str(text).translate(_CONTROL)


# Characters str.split() takes for blank space that are control characters (^K, ^L, ^\\ ...),
# or line separators: kept, for `visible` to show, rather than turned into spaces.
_ODD = re.compile(f"[{ODD_BREAKS}]")
_BLANK = re.compile(f"[^\\S{ODD_BREAKS}]+")


def one_line(text: str, width: int = 60) -> str:
    """`text` on one line (its blank space and line breaks one space each), cut to `width`
    characters with an ellipsis; control characters stay, for `visible` to show."""
    text = str(text)
    if _ODD.search(text) is None:
        line = " ".join(text.split())
    else:
        line = " ".join(word for word in _BLANK.split(text) if word)
    return line if len(line) <= width else line[: width - 1].rstrip() + "…"


# Records that link fields other than stories point to, by kind and id.
Links = Mapping[str, Mapping[int, Record]]


def _names(f: Field, stories: Mapping[int, Record] | None, links: Links | None) -> Mapping:
    """The records a field's value is read against: its target kind's, else the stories."""
    return (links or {}).get(f.target, {}) if f.target else (stories or {})


def value_text(
    f: Field, value: Any, stories: dict[int, Record] | None = None, links: Links | None = None
) -> str:
    return f.behaviour.text(value, _names(f, stories, links))


CELL_AT_MOST = 200  # characters of a list's cell: more never shows in one row


def cell_text(
    kind: Kind,
    name: str,
    record: Record,
    stories: dict[int, Record],
    links: Links | None = None,
) -> str:
    f = kind.field(name)
    value = record[name]
    if f.cells and value in f.choices:
        return f.cells[f.choices.index(value)]
    own = f.behaviour.cell(value, _names(f, stories, links))
    if own is not None:
        return own
    # whole, up to what a wide screen shows: the list fits its columns to the room it has
    return one_line(value_text(f, value, stories, links), CELL_AT_MOST)


def state_text(record: Record) -> str:
    """'quantify', 'gap'... for a record its strategy still counts as not done."""
    k = record.kind
    if record.damaged:
        return "damaged"
    if k.has_note:
        return note_state(record)
    if k.done is None:
        return ""
    if any(f.name == "state" for f in k.fields):  # its own: open, answer ready, addressed
        return str(record["state"] or k.extra.get("flag", "to do"))
    done_by = k.extra.get("done_by")  # (field, value, state): a value done by its nature
    if done_by is not None and record.values.get(done_by[0]) == done_by[1]:
        return done_by[2]
    if k.is_done(record.values):
        return k.done_label
    return k.extra.get("flag", "to do")


# An interviewer's thank-you note fields, shown as the note itself rather than as details.
NOTE_FIELDS = frozenset(
    {
        "template",
        "draft_subject",
        "draft_body",
        "draft_state",
        "copied_at",
        "copied_digest",
        "sent_at",
        "composed_subject",
        "composed_body",
        "composed_from",
    }
)


def detail_lines(
    record: Record,
    stories: dict[int, Record],
    skip: Collection[str] = (),
    links: Links | None = None,
    on_screen: bool = False,
) -> list[tuple[str, str]]:
    """(label, text) for every field with a value but those named in `skip`, long text kept
    whole; `on_screen`: a long text cut to what a screen can lay out (see shown_at_most),
    never in an export or a copy."""
    shown = shown_at_most if on_screen else str
    lines = []
    if record.damaged:
        lines.append(("Damaged in the file", "; ".join(record.problems)))
        lines.append(("Stored text", shown(record.raw_text)))
    for f in record.kind.fields:
        if f.name in skip:
            continue
        text = f.behaviour.detail(record[f.name], _names(f, stories, links))
        if text.strip():
            whole = f.behaviour.whole_in_detail
            lines.append((f.named, shown(text) if whole else one_line(text, 400)))
    return lines


# characters of one text a detail shows: laying out a text far past the longest a field
# takes (a file edited by hand) would hold the screen up for seconds, even minutes
SHOWN_AT_MOST = 20_000


def shown_at_most(text: str) -> str:
    """`text`, cut to SHOWN_AT_MOST characters with a word on what was left out."""
    if len(text) <= SHOWN_AT_MOST:
        return text
    more = len(text) - SHOWN_AT_MOST
    return f"{text[:SHOWN_AT_MOST]}… ({more:,} more characters, kept whole in the file)"


def note_state(interviewer: Record, now: datetime | None = None) -> str:
    """'sent', or the time left to send the thank-you note: '5 h 12 m left', 'overdue by 2 h';
    'edited' once the note was changed by hand (it no longer follows its details);
    'changed since copy' once its text is no longer what was copied."""
    from .thank_you import changed_since_copied, is_edited  # thank_you reads this module

    state = interviewer["draft_state"]
    if state == "sent":
        return "sent"
    if changed_since_copied(interviewer):
        state = "changed since copy"  # what was copied is not what the note says now
    if is_edited(interviewer):
        state = f"{state}, edited"
    deadline = note_deadline(interviewer["ended_at"])
    if deadline is None:
        return f"{state}, no end time"
    now = now or clock.now()
    if still_to_come(deadline, now):
        return f"{state}, upcoming"
    return f"{state}, {until(deadline, now)}"


def record_text(record: Record, stories: dict[int, Record]) -> str:
    """A record as plain text to copy: its title, then each detail."""
    if record.kind.has_note and record["draft_body"].strip():
        return record["draft_body"]
    lines = [record.title, ""]
    for label, text in detail_lines(record, stories):
        lines.append(f"{label}: {text}")
    return "\n".join(lines).strip() + "\n"
