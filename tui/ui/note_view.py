"""The detail of an interviewer: their thank-you note as it will be sent, its deadline, its gaps."""

from __future__ import annotations

from textual.content import Content

from ..core.formatting import NOTE_FIELDS, Links, note_state
from ..core.key_names import key_of
from ..core.record import Record
from ..core.thank_you import changed_since_copied, gaps
from .widgets import detail_content, join, plain, styled


def note_view(
    interviewer: Record, stories: dict[int, Record], links: Links | None = None
) -> Content:
    """The interviewer's thank-you note as it will be sent, with its deadline and gaps, then
    their details (`links`: the records they name, so a round shows by its name)."""
    v = interviewer.values
    state = note_state(interviewer)
    late = "overdue" in state
    heading, told = state, ""
    # the state names when it happened: copied (to the clipboard or, without one, to a file)
    # or sent
    for word, field in (("copied", "copied_at"), ("in a file", "copied_at"), ("sent", "sent_at")):
        if v[field] and (state == word or state.startswith(f"{word},")):
            heading, told = f"{word} {v[field]}{state[len(word) :]}", field
    lines = [
        join(
            styled("Thank-you note to ", "bold"),
            plain(interviewer.title),
            plain("  "),
            styled(
                heading, "bold red" if late else "bold green" if state == "sent" else "bold yellow"
            ),
        ),
        styled(
            f"{key_of('copy')} copy note · {key_of('copy-subject')} copy subject · "
            f"{key_of('compose')} compose from template · {key_of('mark-sent')} mark sent · "
            f"{key_of('edit-in-editor')} edit in $EDITOR · {key_of('edit')} edit",
            "dim",
        ),
    ]
    # when it was copied and sent: on the heading's line, so a short screen shows more note;
    # said once: 'copied 2026-11-28 18:22, 20 h 34 m left', not 'copied, ...  copied ...'
    copied = "copied (an earlier text)" if changed_since_copied(interviewer) else "copied"
    stamps = "  ·  ".join(
        f"{word} {v[field]}"
        for word, field in ((copied, "copied_at"), ("sent", "sent_at"))
        if v[field] and field != told
    )
    if stamps:
        lines[0] = join(lines[0], styled(f"  {stamps}", "dim"))
    missing = gaps(v["draft_subject"] + "\n" + v["draft_body"])
    if missing:
        said = "Sent with gaps left: " if state == "sent" else "Fill in before sending: "
        lines.append(styled(said + ", ".join(missing), "bold yellow"))
    lines += [
        join(styled("Subject: ", "bold"), plain(v["draft_subject"])),
        Content(""),
        plain(v["draft_body"].rstrip() or f"(no note yet: press {key_of('compose')})"),
    ]
    lines.append(Content(""))
    lines += detail_content(interviewer, stories, links, skip=NOTE_FIELDS)
    return Content("\n").join(lines)
