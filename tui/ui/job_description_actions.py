"""What the app does with the job-description area's messages: edit the text (here or in
$EDITOR) and save the requirements kept from a draft, each change on the save thread."""

from __future__ import annotations

import os
import shlex
import subprocess
import tempfile
from pathlib import Path

from textual.app import App, SuspendNotSupported

from ..core import requests
from .base import WorkspaceApp
from .job_description import JobDescriptionView


def run_editor(app: App[int], text: str, what: str) -> str | None:
    """`text` edited in $VISUAL or $EDITOR while the app steps aside; None (and the user is
    told why) when no editor ran or it failed."""
    editor = os.environ.get("VISUAL") or os.environ.get("EDITOR")
    if not editor:
        app.notify(
            f"Set $EDITOR (for example: export EDITOR=vim) to edit the {what} in your editor; "
            "e edits it here.",
            severity="warning",
        )
        return None
    with tempfile.NamedTemporaryFile("w", suffix=".txt", delete=False, encoding="utf-8") as f:
        f.write(text)
        path = Path(f.name)
    try:
        with app.suspend():
            result = subprocess.run([*shlex.split(editor), str(path)])
        edited = path.read_text(encoding="utf-8")
    except SuspendNotSupported:
        app.notify(
            f"This terminal cannot hand the screen to an editor; press e to edit the {what} here.",
            severity="warning",
        )
        return None
    except (OSError, ValueError) as exc:
        app.notify(f"Could not run {editor}: {exc}", severity="error")
        return None
    finally:
        path.unlink(missing_ok=True)
    if result.returncode != 0:
        app.notify(
            f"{editor} exited with status {result.returncode}; the {what} was not changed.",
            severity="warning",
        )
        return None
    return edited


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
        text = run_editor(app, old, "job description")
        if text is not None and text != old:
            self._save_description(opp.id, text)

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
