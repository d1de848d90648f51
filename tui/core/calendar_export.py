"""The calendar export (RFC 5545): each round with its real length in its own time zone, and
each thank-you note's deadline."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta, tzinfo

from . import clock
from .repository import Record, Workspace
from .round_times import instant
from .rounds import opportunity_times, round_on_day, rounds_of, wall_times, zone_of


def _ics_text(text: str) -> str:
    """TEXT of RFC 5545: escaped, and no control character but the escaped line break."""
    from .formatting import visible

    # a bare CR is a line break to a calendar that reads lines loosely: it would end the
    # property there, and what follows would read as calendar lines of its own
    return (
        visible(text.replace("\r\n", "\n").replace("\r", "\n").replace("\t", " "))
        .replace("\\", "\\\\")
        .replace(";", "\\;")
        .replace(",", "\\,")
        .replace("\r\n", "\\n")
        .replace("\n", "\\n")
    )


def _fold(line: str) -> list[str]:
    """Lines of at most 75 octets, continued with a leading space (RFC 5545)."""
    out: list[str] = []
    current = ""
    for ch in line:
        limit = 75 if not out else 74
        if len((current + ch).encode("utf-8")) > limit:
            out.append(current)
            current = ch
        else:
            current += ch
    out.append(current)
    return [out[0]] + [" " + part for part in out[1:]]


def _stamp(when: datetime) -> str:
    """A wall-clock time on this machine, in UTC: the calendar shows it in the right zone."""
    return when.astimezone().astimezone(UTC).strftime("%Y%m%dT%H%M%SZ")


def _wall_stamp(when: datetime) -> str:
    return when.strftime("%Y%m%dT%H%M%S")


def _offset(delta: timedelta | None) -> str:
    minutes = int((delta or timedelta()).total_seconds() // 60)
    sign = "-" if minutes < 0 else "+"
    hours, mins = divmod(abs(minutes), 60)
    return f"{sign}{hours:02d}{mins:02d}"


def _observances(zone: tzinfo, years: set[int]) -> list[str]:
    """VTIMEZONE observances of `zone` over `years`: the offset in force from the start of
    each year, and every change of offset within them (found day by day, then to the hour)."""
    lines: list[str] = []

    def offset_at(moment: datetime) -> timedelta | None:
        return moment.replace(tzinfo=UTC).astimezone(zone).utcoffset()

    for year in sorted(years):
        moment = datetime(year, 1, 1)
        current = offset_at(moment)
        changes: list[tuple[datetime, timedelta | None, timedelta | None]] = [
            (moment, current, current)
        ]
        day = moment
        while day.year == year:
            nxt = day + timedelta(days=1)
            if offset_at(nxt) != current:
                hour = day
                while offset_at(hour) == current:
                    hour += timedelta(hours=1)
                new = offset_at(hour)
                changes.append((hour, current, new))
                current = new
            day = nxt
        for at_utc, before, after in changes:
            local = at_utc + (before or timedelta())
            in_dst = at_utc.replace(tzinfo=UTC).astimezone(zone).dst()
            part = "DAYLIGHT" if in_dst else "STANDARD"
            lines += [
                f"BEGIN:{part}",
                f"DTSTART:{_wall_stamp(local)}",
                f"TZOFFSETFROM:{_offset(before)}",
                f"TZOFFSETTO:{_offset(after)}",
                f"END:{part}",
            ]
    return lines


def calendar_ics(ws: Workspace, opportunities: list[Record] | None = None) -> str:
    from .timing import note_deadline

    now = clock.now().astimezone(UTC).strftime("%Y%m%dT%H%M%SZ")
    events: list[str] = []
    zones: dict[str, tuple[tzinfo, set[int]]] = {}

    def when(moment: datetime, zone_name: str, zone: tzinfo | None) -> str:
        if zone is None:  # this computer's wall clock: written in UTC
            return f":{_stamp(moment)}"
        # the second of two times the zone's clock shows: a zone's name means the first
        if moment.fold:
            return f":{instant(moment, zone):%Y%m%dT%H%M%SZ}"
        zones.setdefault(zone_name, (zone, set()))[1].add(moment.year)
        return f";TZID={zone_name}:{_wall_stamp(moment)}"

    def event(
        uid: str,
        start: str,
        end: str,
        summary: str,
        description: str,
        alarm_minutes: int,
        location: str = "",
    ) -> None:
        events.extend(
            [
                "BEGIN:VEVENT",
                f"UID:{uid}",
                f"DTSTAMP:{now}",
                f"DTSTART{start}",
                f"DTEND{end}",
                f"SUMMARY:{_ics_text(summary)}",
                f"DESCRIPTION:{_ics_text(description)}",
                *([f"LOCATION:{_ics_text(location)}"] if location else []),
                "BEGIN:VALARM",
                "ACTION:DISPLAY",
                f"TRIGGER:-PT{alarm_minutes}M",
                f"DESCRIPTION:{_ics_text(summary)}",
                "END:VALARM",
                "END:VEVENT",
            ]
        )

    for opp in opportunities if opportunities is not None else ws.opportunities():
        v = opp.values
        name = f"{v['company']} — {v['role']}"
        rounds = rounds_of(ws, opp.id)
        for r in rounds:
            start, end = wall_times(r)
            if start is None or end is None:
                continue
            zone, zone_name = zone_of(r), str(r["zone"] or "")
            event(
                f"round-{r.id}@finalround",
                when(start, zone_name, zone),
                when(end, zone_name, zone),
                f"{r.title}: {name}",
                f"{str(r['conversation']).capitalize()} · {r['format']}"
                + (f" · {r['place']}" if r["place"] else "")
                + ". Prepare with finalround.",
                24 * 60,
                str(r["place"] or ""),
            )
        # the interview the opportunity names, unless a round of pane 8 stands for it
        start_at, end_at = opportunity_times(opp)
        if start_at is not None and end_at is not None and not round_on_day(rounds, start_at):
            event(
                f"interview-{opp.id}@finalround",
                f":{_stamp(start_at)}",
                f":{_stamp(end_at)}",
                f"{v['round'].capitalize()} interview: {name}",
                f"Format: {v['format']}. Prepare with finalround.",
                24 * 60,
            )
        for person in ws.scoped_records("interviewer", opp.id):
            deadline = note_deadline(person["ended_at"])
            if deadline is None or person["draft_state"] == "sent":
                continue
            event(
                f"thank-you-{person.id}@finalround",
                f":{_stamp(deadline - timedelta(minutes=30))}",
                f":{_stamp(deadline)}",
                f"Send thank-you note to {person.title} ({v['company']})",
                f"Due 24 hours after the interview. Subject: {person['draft_subject']}",
                180,
            )
    lines = [
        "BEGIN:VCALENDAR",
        "VERSION:2.0",
        "PRODID:-//Final Round//Interview prep//EN",
        "CALSCALE:GREGORIAN",
    ]
    for zone_name, (zone, years) in sorted(zones.items()):
        lines += [
            "BEGIN:VTIMEZONE",
            f"TZID:{zone_name}",
            *_observances(zone, years),
            "END:VTIMEZONE",
        ]
    lines += events
    lines.append("END:VCALENDAR")
    folded = [part for line in lines for part in _fold(line)]
    return "\r\n".join(folded) + "\r\n"
