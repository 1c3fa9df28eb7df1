"""The progression view: keys, the unknown mark, places with arrows and their text."""

from __future__ import annotations

from textual.widgets import DataTable, Static

from tui.ui.screens.main import MainScreen
from tui.ui.screens.progression import ProgressionScreen

from .helpers import loaded, make_app, table_rows


def rows(app) -> list[list[str]]:
    return table_rows(app.screen.query_one("#progression-table", DataTable))


async def test_progression_of_gt_drivers_then_places_then_teams() -> None:
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await loaded(pilot)
        await pilot.press("4", "g")
        assert isinstance(app.screen, ProgressionScreen)
        bernhard = rows(app)[0]
        assert bernhard[1] == "Timo Bernhard"
        assert bernhard[2].endswith(" 141") and bernhard[2].startswith("█")
        # R1 26; R2 and R3 unknown (partial coverage, no known result): '·', not 0.
        assert bernhard[4:8] == ["26", "·", "·", "46"]
        notes = str(app.screen.query_one("#progression-notes", Static).render())
        assert "never drawn as zero" in notes
        await pilot.press("m")
        places = rows(app)
        bergmeister = places[1]
        assert bergmeister[8] == "6 ▲+2"  # R5: from 8th to 6th
        assert "▲+n up n places" in str(app.screen.query_one("#progression-notes", Static).render())
        await pilot.press("t")
        assert rows(app)[0][1] == "Alex Job Racing"
        await pilot.press("1")
        assert "LMP1" in str(app.screen.query_one("#progression-title", Static).render())
        await pilot.press("escape")
        assert isinstance(app.screen, MainScreen)


async def test_progression_follows_the_as_of_round() -> None:
    app = make_app()
    async with app.run_test(size=(160, 48)) as pilot:
        await loaded(pilot)
        await pilot.press("a", "home", "down", "down", "enter", "4", "g")
        table = app.screen.query_one("#progression-table", DataTable)
        assert [str(c.label) for c in table.columns.values()][-1] == "R3"
        assert rows(app)[0][2].endswith(" 30")  # Lazzaro / Kelleners lead after Lime Rock
