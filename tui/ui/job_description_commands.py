"""The job-description commands of pane 2: edit the text (here or in $EDITOR), and draft
requirements from it, the kept ones saved on the save thread."""

from __future__ import annotations

from textual import on

from ..core.key_names import key_of
from .base import WorkspaceApp
from .commands import DraftRequirements, EditJobDescription, EditJobDescriptionInEditor


class JobDescriptionCommands(WorkspaceApp):
    """Handlers of the job-description commands; each change goes to the save thread."""

    def _save_description(self, opportunity: int, text: str) -> None:
        from ..core import requests

        self.submit(requests.SaveJobDescription(opportunity, text))

    @on(EditJobDescription)
    def edit_job_description(self, command: EditJobDescription) -> None:
        from .draft_screen import TextEditScreen

        opp = self.workspace.get("opportunity", command.opportunity_id)
        old = str(opp["job_description"] or "")

        def done(text: str | None) -> None:
            if text is not None and text != old:
                self._save_description(opp.id, text)

        self.push_screen(TextEditScreen(f"Job description · {opp.title}", old), done)

    @on(EditJobDescriptionInEditor)
    def edit_job_description_in_editor(self, command: EditJobDescriptionInEditor) -> None:
        from ..core import requests
        from .editor import run_editor, submit_edit

        opp = self.workspace.get("opportunity", command.opportunity_id)
        old = str(opp["job_description"] or "")
        edited = run_editor(self, old, "job description", "job-description-edit")
        if edited is not None:
            request = requests.SaveJobDescription(opp.id, edited.text)
            submit_edit(self, edited, "job description", request)

    @on(DraftRequirements)
    def draft_requirements(self, command: DraftRequirements) -> None:
        from ..core import requests
        from ..core.job_description import draft_requirements
        from .draft_screen import DraftScreen

        ws = self.workspace
        opp = ws.get("opportunity", command.opportunity_id)
        description = str(opp["job_description"] or "")
        if not description.strip():
            edit, draft = key_of("job-description-edit"), key_of("job-description-draft")
            self.notify(f"No job description yet: press {edit} to paste it, then {draft} again.")
            return
        existing = [r["text"] for r in ws.scoped_records("requirement", opp.id)]
        offered = draft_requirements(description, existing)
        if not offered:
            self.notify(
                "Every line of the job description that reads like a requirement is one already."
                if existing
                else "No line of the job description reads like a "
                f"requirement; press {key_of('new')} on the requirements list to add one."
            )
            return

        def reviewed(kept: list[tuple[str, str]] | None) -> None:
            if not kept:
                if kept is not None:
                    self.notify("No requirement kept, none added.")
                return
            self.submit(requests.AddRequirements(opp.id, tuple(kept)))

        self.push_screen(DraftScreen(offered, opp.title), reviewed)
