"""Command palette entries: every pane, every opportunity and every record, by name."""

from __future__ import annotations

from functools import partial

from textual.command import DiscoveryHit, Hit, Hits, Provider
from textual.content import Content

from ..core.content import strategies
from ..core.kinds import OPPORTUNITY
from .widgets import plain


def highlighted(text: str, offsets: tuple[int, ...] | list[int]) -> Content:
    """Plain text with matched characters in bold: user text is never read as markup."""
    content = plain(text)
    for offset in offsets:
        if 0 <= offset < len(text):
            content = content.stylize("bold underline", offset, offset + 1)
    return content


class WorkspaceCommands(Provider):
    """Panes, opportunities and records of the workspace."""

    def _entries(self):
        app = self.app
        yield "Dashboard", partial(app.go_to_pane, 0), "overview of the active opportunity"
        for st in strategies():
            yield (f"Pane {st.number} · {st.title}", partial(app.go_to_pane, st.number),
                   "open this strategy's pane")
        for opp in app.workspace.opportunities():
            v = opp.values
            yield (f"Switch to {v['company']} — {v['role']}",
                   partial(app.activate_opportunity, opp.id), "make this opportunity active")
        yield from app.palette_actions()
        for kind_name in app.workspace_kinds_for_palette():
            for record in app.workspace.all(kind_name):
                if record.kind is OPPORTUNITY:
                    continue
                yield (f"{record.kind.label}: {record.title}",
                       partial(app.open_record, record.kind.name, record.id),
                       "open it in its pane")

    async def discover(self) -> Hits:
        for text, command, help_text in list(self._entries())[:9]:
            yield DiscoveryHit(plain(text), command, text=text, help=help_text)

    async def search(self, query: str) -> Hits:
        matcher = self.matcher(query)
        for text, command, help_text in list(self._entries()):
            score = matcher.match(text)
            if score > 0:
                _, offsets = matcher.fuzzy_search.match(query, text)
                yield Hit(score, highlighted(text, offsets), command, text=text,
                          help=help_text)
