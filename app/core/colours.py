"""A stable colour for each project, so entries can be told apart at a glance (issue 14).

mite gives projects no colour, so one is derived from the project id: the same project has the
same colour in the window, the palette and the week view, on every machine and after every
restart. Twelve hues, each readable as a stripe or dot on light and on dark backgrounds
(mid lightness, enough saturation); entries without a project get a neutral grey.
"""

from __future__ import annotations

PROJECT_COLOURS = (
    "#4e79a7", "#f28e2b", "#e15759", "#76b7b2", "#59a14f", "#edc948",
    "#b07aa1", "#ff9da7", "#9c755f", "#3b9ccf", "#8cd17d", "#d37295",
)
NO_PROJECT = "#9aa0a6"


def project_colour(project_id: int | None) -> str:
    """The project's colour as "#rrggbb"; NO_PROJECT for an entry without a project."""
    if not project_id:
        return NO_PROJECT
    # Knuth's multiplicative hash spreads neighbouring ids (mite numbers them in order) over the hues.
    return PROJECT_COLOURS[(project_id * 2654435761 % 2**32) % len(PROJECT_COLOURS)]
