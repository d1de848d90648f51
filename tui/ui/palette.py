"""Command palette entries: every pane and action by name, every record through the search index."""

from __future__ import annotations

from collections.abc import Iterable
from functools import partial

from textual.command import DiscoveryHit, Hit, Hits, Provider
from textual.content import Content

from ..core.content import strategies
from ..core.starters import STARTER_KINDS
from .widgets import final_round, highlight, join, plain, styled


def highlighted(text: str, offsets: Iterable[int]) -> Content:
    """Plain text with matched characters in bold: user text is never read as markup."""
    content = plain(text)
    for offset in offsets:
        if 0 <= offset < len(text):
            content = content.stylize("bold underline", offset, offset + 1)
    return content


class WorkspaceCommands(Provider):
    """Panes, opportunities and actions by name; records through the workspace's search index."""

    def _commands(self):
        app = final_round(self)
        yield "Dashboard", partial(app.go_to_pane, 0), "overview of the active opportunity"
        for st in strategies():
            yield (
                f"Pane {st.number} · {st.title}",
                partial(app.go_to_pane, st.number),
                "open this strategy's pane",
            )
        for opp in app.workspace.opportunities():
            v = opp.values
            yield (
                f"Switch to {v['company']} — {v['role']}",
                partial(app.activate_opportunity, opp.id),
                "make this opportunity active",
            )
        yield from app.palette_actions()

    async def discover(self) -> Hits:
        for text, command, help_text in self._commands():
            yield DiscoveryHit(plain(text), command, text=text, help=help_text)

    async def search(self, query: str) -> Hits:
        from rapidfuzz import fuzz, utils  # loaded on first use: keeps start-up short

        matcher = self.matcher(query)
        for text, command, help_text in list(self._commands()):
            # 0..1 like the record hits below; a little under them so a record named
            # exactly as typed comes first
            score = fuzz.WRatio(query, text, processor=utils.default_process) / 100 * 0.95
            if score >= 0.6 and matcher.match(text) > 0:
                _, offsets = matcher.fuzzy_search.match(query, text)
                yield Hit(score, highlighted(text, offsets), command, text=text, help=help_text)
        app = final_round(self)
        for hit in app.search.search(query, limit=30):
            if hit.kind_name in STARTER_KINDS:
                continue
            prompt = join(
                styled(f"{hit.kind.label}: ", "bold"), highlight(hit.title, hit.title_spans)
            )
            # hit.score is already between 0 and 1
            yield Hit(
                hit.score,
                prompt,
                partial(app.open_record, hit.kind_name, hit.id),
                text=f"{hit.kind.label}: {hit.title}",
                help="open it in its pane",
            )
