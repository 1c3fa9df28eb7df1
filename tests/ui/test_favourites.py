"""Favourites: starred with *, marked ★ in every table, listed in the palette, remembered."""

from __future__ import annotations

import tomllib
from pathlib import Path

from textual.widgets import DataTable

from tui.ui.screens.driver import DriverScreen
from tui.ui.screens.main import MainScreen
from tui.ui.screens.progression import ProgressionScreen
from tui.ui.screens.standings import StandingsScreen
from tui.ui.screens.team import TeamScreen

from .helpers import loaded, make_app, table_rows
from .test_pages import palette_hits

NEXT = "right_square_bracket"


def rows(app, selector: str) -> list[list[str]]:
    return table_rows(app.screen.query_one(selector, DataTable))


async def test_star_a_driver_and_a_team_see_them_marked_and_remembered(tmp_path: Path) -> None:
    settings = tmp_path / "settings.toml"
    app = make_app(config=settings)
    async with app.run_test(size=(160, 48)) as pilot:
        await loaded(pilot)
        await pilot.press(*[NEXT] * 5, "4", "asterisk")  # Mosport GT winner's first driver
        assert app.favourites == ("driver:timo-bernhard",)
        classification = rows(app, "#classification-table")
        assert classification[0][4].startswith("★ Bernhard")
        assert not any(r[4].startswith("★") for r in classification[1:])
        await pilot.press("s")
        assert isinstance(app.screen, StandingsScreen)
        drivers = rows(app, "#driver-standings")
        assert drivers[0][1] == "★ Timo Bernhard" and not drivers[1][1].startswith("★")
        await pilot.press("tab", "asterisk")  # the team table: Alex Job Racing
        await pilot.pause()
        assert rows(app, "#team-standings")[0][1] == "★ Alex Job Racing"
        await pilot.press("escape", "g")
        assert isinstance(app.screen, ProgressionScreen)
        assert rows(app, "#progression-table")[0][1] == "★ Timo Bernhard"
        await pilot.press("escape")
        assert isinstance(app.screen, MainScreen)
        await pilot.press("q")
    saved = tomllib.loads(settings.read_text())
    assert saved["favourites"] == ["driver:timo-bernhard", "team:alex-job"]

    again = make_app(config=settings)
    async with again.run_test(size=(160, 48)) as pilot:
        await loaded(pilot)
        await pilot.press("ctrl+p")  # the favourites are listed before anything is typed
        await again.screen.workers.wait_for_complete()
        await pilot.pause()
        hits = [hit.split("\n")[0] for hit in palette_hits(again)]
        assert "★ Timo Bernhard" in hits and "★ Alex Job Racing" in hits
        await pilot.press(*["down"] * hits.index("★ Alex Job Racing"), "enter")  # the first starts highlighted
        for _ in range(50):  # the palette runs the command after it closes: a few frames
            if isinstance(again.screen, TeamScreen):
                break
            await pilot.pause()
        assert isinstance(again.screen, TeamScreen) and again.screen.team_id == "alex-job"
        assert "★" in str(again.screen.query_one("#page-title").render())
        await pilot.press("asterisk")  # unstar the team
        await pilot.pause()
        assert again.favourites == ("driver:timo-bernhard",)


async def test_star_from_the_driver_page_at_80x24() -> None:
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await loaded(pilot)
        await pilot.press("4", "s", "enter")
        assert isinstance(app.screen, DriverScreen)
        await pilot.press("asterisk")
        await pilot.pause()
        assert app.favourites == ("driver:timo-bernhard",)
        assert app.screen.sub_title == "Driver: ★ Timo Bernhard"
        await pilot.press("asterisk")
        await pilot.pause()
        assert app.favourites == ()
