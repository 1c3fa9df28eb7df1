"""How each main view looks, at 80x24 and 160x48 (SVG snapshots).

After a deliberate change of look: ``pytest tests/ui/test_snapshots.py
--snapshot-update``, then open the report and look at every changed view.
"""

from __future__ import annotations

import pytest

from tui.ui.app import SeasonApp

from .helpers import BUNDLED, make_app

NEXT = "right_square_bracket"

VIEWS = {
    "overview": [],
    "mosport-gt": [NEXT] * 5 + ["4"],
    "driver-detail": [NEXT] * 5 + ["3", "down", "enter"],
    "standings": ["4", "s"],
    "round-info": [NEXT] * 5 + ["i"],
    "classes": ["c"],
    "help": ["question_mark"],
    "as-of-picker": ["a"],
    "as-of-r5-mosport-hidden": ["a", "home", *["down"] * 4, "enter", *[NEXT] * 5],
    "team-page": ["3", "t"],
    "car-page": ["3", "n"],
    "driver-page": ["4", "s", "enter"],
    "progression": ["4", "g"],
    "progression-places": ["4", "g", "m"],
    "compare-picker": [*[NEXT] * 5, "4", "v"],
    "compare": [*[NEXT] * 5, "4", "v", "down", "down", "space", "v"],
    "favourites-standings": [*[NEXT] * 5, "4", "asterisk", "s"],
}
SIZES = {"80x24": (80, 24), "160x48": (160, 48)}


def _loaded_app() -> SeasonApp:
    """The app once its first load is done: the dashboard is then the first screen
    (``FIRST_SCREEN_WAIT``) however busy the machine. A load still running then shows
    the loading screen first, which stays under the dashboard: the same picture, but
    the dashboard is the second screen, and one unused colour of the SVG differs."""
    app = make_app(BUNDLED)
    assert app._first_load is not None and app._first_load.finished.wait(30)
    return app


async def _wait_for_season(pilot) -> None:
    await pilot.app.workers.wait_for_complete()
    await pilot.pause()


@pytest.mark.parametrize("size", SIZES)
@pytest.mark.parametrize("view", VIEWS)
def test_view(snap_compare, view: str, size: str) -> None:
    assert snap_compare(
        _loaded_app(), press=VIEWS[view], terminal_size=SIZES[size], run_before=_wait_for_season
    )


def test_too_small(snap_compare) -> None:
    assert snap_compare(_loaded_app(), terminal_size=(50, 14), run_before=_wait_for_season)
