"""Story commands: link a suggested story to a question or requirement, browse the starter
questions by category."""

from __future__ import annotations

from textual import on

from .base import WorkspaceApp
from .commands import BrowseStarters, LinkStory


class StoryCommands(WorkspaceApp):
    """Handlers of the commands that connect questions and requirements to stories."""

    @on(LinkStory)
    def link_story(self, command: LinkStory) -> None:
        from ..core import requests
        from ..core.suggest import suggest
        from .story_links import description_of
        from .suggest_screen import LinkStoryScreen

        record = command.record
        stories = self.workspace.all_records("story")
        suggestions = suggest(record.title, stories, description_of(self.workspace, record))

        def link(story_id: int | None) -> None:
            if story_id is not None:
                request = requests.LinkStory(record.kind.name, record.id, story_id)
                self.submit(request, command.ticket)

        self.push_screen(LinkStoryScreen(record, suggestions, stories), link)

    @on(BrowseStarters)
    def browse_starters(self, command: BrowseStarters) -> None:
        from .starters_screen import StartersScreen

        self.push_screen(StartersScreen(command.category))
