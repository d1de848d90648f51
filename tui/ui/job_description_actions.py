"""What the app does with the job-description area's messages: edit the text (here or in
$EDITOR) and save the requirements kept from a draft, each change on the save thread."""

from __future__ import annotations

from ..core import requests
from .base import WorkspaceApp
from .editor import run_editor, submit_edit
from .job_description import JobDescriptionView


class JobDescriptionActions(WorkspaceApp):
    """Handlers of JobDescriptionView's messages; each change goes to the save thread."""

    def _save_description(self, opportunity: int, text: str) -> None:
        self.submit(requests.SaveJobDescription(opportunity, text))

    def on_job_description_view_edit(self, message: JobDescriptionView.Edit) -> None:
        from .draft_screen import TextEditScreen

        app = self
        opp = app.workspace.get("opportunity", message.opportunity)
        old = str(opp["job_description"] or "")

        def done(text: str | None) -> None:
            if text is not None and text != old:
                self._save_description(opp.id, text)

        app.push_screen(TextEditScreen(f"Job description · {opp.title}", old), done)

    def on_job_description_view_edit_in_editor(
        self, message: JobDescriptionView.EditInEditor
    ) -> None:
        app = self
        opp = app.workspace.get("opportunity", message.opportunity)
        old = str(opp["job_description"] or "")
        edited = run_editor(app, old, "job description")
        if edited is not None:
            request = requests.SaveJobDescription(opp.id, edited.text)
            submit_edit(self, edited, "job description", request)

    def on_job_description_view_draft(self, message: JobDescriptionView.Draft) -> None:
        from ..core.job_description import draft_requirements
        from .draft_screen import DraftScreen

        app = self
        ws = app.workspace
        opp = ws.get("opportunity", message.opportunity)
        description = str(opp["job_description"] or "")
        if not description.strip():
            app.notify("No job description yet: press e to paste it, then D again.")
            return
        existing = [r["text"] for r in ws.scoped_records("requirement", opp.id)]
        offered = draft_requirements(description, existing)
        if not offered:
            app.notify(
                "Every line of the job description that reads like a requirement is one already."
                if existing
                else "No line of the job description reads like a "
                "requirement; press n on the requirements list to add one."
            )
            return

        def reviewed(kept: list[tuple[str, str]] | None) -> None:
            if not kept:
                if kept is not None:
                    app.notify("No requirement kept, none added.")
                return
            self.submit(requests.AddRequirements(opp.id, tuple(kept)))

        app.push_screen(DraftScreen(offered, opp.title), reviewed)
