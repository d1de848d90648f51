"""Width and height classes of the main screen, decided in one place: the .tcss rules and the
few widgets that change with the terminal's size read these names."""

from __future__ import annotations

NARROW_BELOW = 100  # the pane strip shrinks to numbers
GUIDANCE_FROM = 110  # guidance shows by default from this width
WIDE_FROM = 160
SHORT_BELOW = 30  # the dashboard folds its intro away
# below NARROW_BELOW, what the help panel's column of key names holds on one line
HELP_NAME_ROOM = 12

HORIZONTAL = [
    (0, "-narrow"),
    (NARROW_BELOW, "-medium"),
    (GUIDANCE_FROM, "-roomy"),
    (WIDE_FROM, "-wide"),
]
VERTICAL = [(0, "-short"), (SHORT_BELOW, "-tall")]

# the "guidance" workspace setting: shown, hidden, or "" to follow the width
SHOWN, HIDDEN = "shown", "hidden"


def guidance_shown(width: int, setting: str) -> bool:
    """Whether a pane shows its guidance column: the user's choice, else the width's."""
    if setting in (SHOWN, HIDDEN):
        return setting == SHOWN
    return width >= GUIDANCE_FROM
