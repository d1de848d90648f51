"""Thank-you drafts: composed from a template in `content/templates/`, one per interviewer."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

from .content import load_toml
from .repository import Record, Workspace
from .timing import now_minute

PLACEHOLDER = re.compile(r"\{(\w+)\}")
GAPS = {
    "first_name": "<first name>",
    "name": "<their name>",
    "their_title": "<their title>",
    "role": "<role>",
    "company": "<company>",
    "topic": "<topic discussed>",
    "moment": "<a moment worth recalling>",
    "strengths": "<strengths to reinforce>",
    "insight": "<new insight>",
    "signature": "<your name>",
}


@dataclass(frozen=True)
class Template:
    key: str
    label: str
    subject: str
    body: str


@cache
def templates() -> dict[str, Template]:
    data = load_toml("templates/thank-you.toml")
    return {key: Template(key, t["label"], t["subject"], t["body"]) for key, t in data.items()}


def _sentence(text: str) -> str:
    text = " ".join(text.split())
    return text if not text or text[-1] in ".!?…" else text + "."


def _phrase(text: str) -> str:
    """A detail used inside a sentence: one line, no closing full stop."""
    return " ".join(text.split()).rstrip(".")


def listing(text: str) -> str:
    """'a; b, c' -> 'a, b and c'."""
    parts = [p.strip() for p in re.split(r"[;,\n]", text) if p.strip()]
    if len(parts) <= 1:
        return parts[0] if parts else ""
    return ", ".join(parts[:-1]) + " and " + parts[-1]


def details(
    interviewer: Record,
    opportunity: Record | None,
    insights: list[Record],
    stories: dict[int, Record],
    signature: str = "",
) -> dict[str, str]:
    """Every detail a template can use; an empty string where the user has not said it."""
    v = interviewer.values
    o = opportunity.values if opportunity else {}
    strengths = v.get("strengths", "").strip()
    story_id = v.get("story")
    story = stories.get(story_id) if story_id is not None else None
    if not strengths and story is not None:
        strengths = ", ".join(story.values.get("competencies", []))
    insight = next(
        (i.values["learned"] for i in reversed(insights) if i.values.get("learned", "").strip()), ""
    )
    name = " ".join(v.get("name", "").split())
    return {
        "first_name": name.split()[0] if name else "",
        "name": name,
        "their_title": _phrase(v.get("title", "")),
        "role": _phrase(o.get("role", "")),
        "company": _phrase(o.get("company", "")),
        "topic": _phrase(v.get("discussed", "")),
        "moment": _phrase(v.get("moment", "")),
        "strengths": listing(strengths),
        "insight": _sentence(insight),
        "signature": signature.strip(),
    }


def fill(template_text: str, values: dict[str, str]) -> str:
    """Fill placeholders; drop '?' lines that lack a detail; show other gaps as <...>."""
    lines = []
    for line in template_text.strip("\n").split("\n"):
        optional = line.startswith("?")
        if optional:
            line = line[1:]
            if any(not values.get(n) for n in PLACEHOLDER.findall(line)):
                continue
        lines.append(
            PLACEHOLDER.sub(
                lambda m: values.get(m.group(1)) or GAPS.get(m.group(1), f"<{m.group(1)}>"), line
            )
        )
    text = "\n".join(lines)
    return re.sub(r"\n{3,}", "\n\n", text).strip() + "\n"


def compose(
    interviewer: Record,
    opportunity: Record | None,
    insights: list[Record],
    stories: dict[int, Record],
    signature: str = "",
) -> tuple[str, str]:
    """(subject, body) of the interviewer's note from their chosen template."""
    template = templates().get(interviewer.values.get("template") or "warm", templates()["warm"])
    values = details(interviewer, opportunity, insights, stories, signature)
    return fill(template.subject, values).strip(), fill(template.body, values)


def gaps(text: str) -> list[str]:
    """The <...> gaps still to fill in a draft."""
    return sorted(set(re.findall(r"<[a-z][a-z ]*>", text)))


def draft_for(ws: Workspace, interviewer: Record) -> tuple[str, str]:
    """Compose the interviewer's note from the workspace's current details."""
    opp = None
    if interviewer.opportunity is not None:
        opp = ws.get("opportunity", interviewer.opportunity)
    insights = ws.scoped_records("insight", interviewer.opportunity) if opp else []
    return compose(interviewer, opp, insights, ws.stories_by_id(), ws.setting("signature"))


def ensure_draft(ws: Workspace, interviewer: Record) -> Record:
    """Give an interviewer without a note a freshly composed one; keep any existing note."""
    if interviewer.values.get("draft_body", "").strip():
        return interviewer
    subject, body = draft_for(ws, interviewer)
    return ws.update("interviewer", interviewer.id, {"draft_subject": subject, "draft_body": body})


def is_edited(ws: Workspace, interviewer: Record) -> bool:
    """True when the note differs from what the template would compose now."""
    subject, body = draft_for(ws, interviewer)
    v = interviewer.values
    return bool(v.get("draft_body", "").strip()) and (
        v.get("draft_body", "").strip() != body.strip()
        or v.get("draft_subject", "").strip() != subject.strip()
    )


def mark(ws: Workspace, interviewer: Record, state: str) -> Record:
    """Record that the note was copied or sent, with the time."""
    changes: dict = {"draft_state": state}
    if state in ("copied", "in a file"):
        changes["copied_at"] = now_minute()
        if interviewer.values.get("draft_state") == "sent":
            changes["draft_state"] = "sent"  # copying again does not undo 'sent'
    elif state == "sent":
        changes["sent_at"] = now_minute()
    return ws.update("interviewer", interviewer.id, changes)
