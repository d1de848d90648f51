"""Command palette entries: every pane and action by name, every record through the search index."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Iterator
from functools import partial

from textual.command import DiscoveryHit, Hit, Hits, Provider
from textual.content import Content

from ..core import rounds
from ..core.backups import kept_aside
from ..core.content import strategies
from ..core.repository import NotFound, Workspace
from ..core.starters import STARTER_KINDS
from .commands import (
    ActivateOpportunity,
    Command,
    DraftRequirements,
    EditJobDescription,
    EditSignature,
    EditSpeakingRate,
    ExportFile,
    ImportBackup,
    OpenOpportunities,
    OpenRecord,
    OpenSearch,
    Rehearse,
    RestoreBackup,
    ShowDayOfBrief,
    ShowPane,
    TakeOverFile,
    Undo,
)
from .widgets import final_round, highlight, join, plain, styled


def _where(ws: Workspace, kind_name: str, record_id: int) -> str:
    """What tells a record from another of the same title: its round, its opportunity, or
    else its number."""
    try:
        record = ws.get(kind_name, record_id)
    except NotFound:
        return ""
    parts = []
    if any(f.name == "round" for f in record.kind.fields) and record["round"] is not None:
        try:
            parts.append(ws.get("round", record["round"]).title)
        except NotFound:
            pass
    opportunities = ws.opportunities()
    if record.opportunity is not None and len(opportunities) > 1:
        company = next((o for o in opportunities if o.id == record.opportunity), None)
        if company is not None:
            parts.append(str(company["company"]))
    return " · ".join(parts) or f"{record.kind.label.lower()} {record.id}"


def highlighted(text: str, offsets: Iterable[int]) -> Content:
    """Plain text with matched characters in bold: user text is never read as markup."""
    return highlight(text, ((o, o + 1) for o in offsets if 0 <= o < len(text)))


FUZZY_FLOOR = 0.35  # letters typed this scattered through a name are not a match


class WorkspaceCommands(Provider):
    """Panes, opportunities and actions by name; records through the workspace's search index.
    Each entry posts its command to the app."""

    def _commands(self) -> Iterator[tuple[str, Command, str]]:
        yield "Dashboard", ShowPane(0), "overview of the active opportunity"
        for st in strategies():
            yield f"Pane {st.number} · {st.title}", ShowPane(st.number), "open this strategy's pane"
        for opp in final_round(self).workspace.opportunities():
            v = opp.values
            yield (
                f"Switch to {v['company']} — {v['role']}",
                ActivateOpportunity(opp.id),
                "make this opportunity active",
            )
        active = final_round(self).workspace.active_id
        if active is not None:
            yield (
                "Draft requirements from the job description…",
                DraftRequirements(active),
                "offer its lines as requirements, to review before saving",
            )
            yield (
                "Edit the job description…",
                EditJobDescription(active),
                "paste or change the active opportunity's job description",
            )
        ws = final_round(self).workspace
        yield (
            "Day-of brief",
            ShowDayOfBrief(),
            "the next round on one page: who you meet, your plan for each",
        )
        for r in rounds.rounds_of(ws):
            if rounds.has_ended(r):
                yield (
                    f"Debrief: {r.title}",
                    OpenRecord("round", r.id),
                    "the questions they asked and your prediction scorecard",
                )
        yield "Switch opportunity…", OpenOpportunities(), "list, add, edit opportunities"
        yield "Search…", OpenSearch(), "search every record as you type"
        yield (
            "Rehearse…",
            Rehearse(),
            "say your stories, answers and questions out loud, against a stopwatch",
        )
        yield "Undo the last change", Undo(), "several steps back: add, edit, delete, state"
        yield (
            "Set your speaking pace…",
            EditSpeakingRate(),
            "words a minute, for how long each story takes to tell",
        )
        yield (
            "Export prep brief (Markdown)",
            ExportFile("md"),
            "a brief of the active opportunity, saved in the export folder",
        )
        yield (
            "Export backup (JSON)",
            ExportFile("json"),
            "the whole workspace, to keep or to move to another machine",
        )
        yield (
            "Export day-of brief (Markdown)",
            ExportFile("brief"),
            "the next round on one page, saved in the export folder",
        )
        yield (
            "Export calendar (ICS)",
            ExportFile("ics"),
            "interviews and thank-you deadlines for your calendar",
        )
        yield "Import backup…", ImportBackup(), "replace this workspace with a JSON export"
        yield (
            "Restore the newest backup…",
            RestoreBackup(),
            "put back the newest copy kept before a day's or a session's first save",
        )
        if kept_aside(final_round(self).workspace.path):
            yield (
                "Put back the file from before the last restore…",
                RestoreBackup(undo_restore=True),
                "the workspace as it was before the last backup was restored",
            )
        if final_round(self).workspace.read_only:
            yield (
                "Take over the file",
                TakeOverFile(),
                "once you have made it writable: read the file again and save here"
                if final_round(self).workspace.unwritable
                else "once the other Final Round window has closed: read the file again and "
                "save here",
            )
        yield (
            "Set your name for thank-you notes…",
            EditSignature(),
            "the name under every note",
        )

    async def discover(self) -> Hits:
        post = self.app.post_message
        for text, command, help_text in self._commands():
            yield DiscoveryHit(plain(text), partial(post, command), text=text, help=help_text)

    async def search(self, query: str) -> Hits:
        from ..core.name_match import WORD_STARTS, name_score

        post = self.app.post_message
        for text, command, help_text in list(self._commands()):
            found = name_score(query, text)
            if found is None or found[0] < FUZZY_FLOOR:
                continue
            score, offsets = found
            yield Hit(
                score, highlighted(text, offsets), partial(post, command), text=text, help=help_text
            )
        typed = " ".join(query.lower().split())
        app = final_round(self)
        hits = [h for h in app.search.search(query, limit=30) if h.kind_name not in STARTER_KINDS]
        named = Counter((h.kind_name, h.title) for h in hits)
        for hit in hits:
            where = ""
            if named[hit.kind_name, hit.title] > 1:  # two interviewers of one name, one a round
                where = " · " + _where(app.workspace, hit.kind_name, hit.id)
            prompt = join(
                styled(f"{hit.kind.label}: ", "bold"), highlight(hit.title, hit.title_spans)
            )
            # a pane or action whose words begin with the query's words comes first, unless
            # a record is named exactly as typed
            exact = " ".join(hit.title.lower().split()) == typed
            yield Hit(
                1.0 if exact else min(hit.score, WORD_STARTS - 0.01),
                prompt,
                partial(post, OpenRecord(hit.kind_name, hit.id)),
                text=f"{hit.kind.label}: {hit.title}",
                help="open it in its pane" + where,
            )
