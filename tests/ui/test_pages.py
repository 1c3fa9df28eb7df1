"""Team, car-number and driver pages: opened from the dashboard, the standings and search."""

from __future__ import annotations

from textual.command import CommandPalette
from textual.widgets import DataTable, Static

from tui.ui.screens.driver import DriverScreen
from tui.ui.screens.main import MainScreen
from tui.ui.screens.standings import StandingsScreen
from tui.ui.screens.team import CarScreen, TeamScreen

from .helpers import cursor_row, loaded, make_app, table_rows

WIDE = (160, 48)
NEXT = "right_square_bracket"


def page_rows(app) -> list[list[str]]:
    return table_rows(app.screen.query_one("#page-table", DataTable))


def page_title(app) -> str:
    return str(app.screen.query_one("#page-title", Static).render())


def palette_hits(app) -> list[str]:
    from textual.command import CommandList

    options = app.screen.query_one(CommandList)
    return [str(options.get_option_at_index(i).prompt) for i in range(options.option_count)]


async def search(pilot, text: str) -> list[str]:
    await pilot.press("slash")
    assert isinstance(pilot.app.screen, CommandPalette)
    await pilot.press(*text)
    await pilot.app.screen.workers.wait_for_complete()
    await pilot.pause()
    return palette_hits(pilot.app)


async def test_team_key_opens_the_highlighted_cars_team_and_enter_goes_back_to_a_round() -> None:
    app = make_app()
    async with app.run_test(size=WIDE) as pilot:
        await loaded(pilot)
        await pilot.press("3", "t")  # Sebring GTS: the #3 Corvette
        assert isinstance(app.screen, TeamScreen)
        assert "Corvette Racing" in page_title(app) and "#3 #4 #8" in page_title(app)
        assert "GTS   1st, 195 pts" in page_title(app)
        rows = page_rows(app)
        sonoma = [r for r in rows if r[0] == "R4"]
        assert [(r[1], r[4], r[5]) for r in sonoma] == [("#3", "1st", "20"), ("#8", "DNS", "0")]
        await pilot.press("down", "down", "down", "down")  # R1 R2 R3 R4(#3) -> R4 #8
        await pilot.press("enter")
        await pilot.pause()
        main = app.screen
        assert isinstance(main, MainScreen) and main.round_number == 4
        assert "#8" in cursor_row(main.query_one("#classification-table", DataTable))


async def test_car_number_key_shows_every_crew_of_the_number() -> None:
    app = make_app()
    async with app.run_test(size=WIDE) as pilot:
        await loaded(pilot)
        await pilot.press("3", "n")
        assert isinstance(app.screen, CarScreen)
        rows = page_rows(app)
        assert rows[1][:5] == ["R2", "#3", " GTS  ", "Fellows / O'Connell", "Corvette Racing"]
        lime_rock = next(r for r in rows if r[0] == "R3")
        assert lime_rock[3] == "no known result"
        mosport = next(r for r in rows if r[0] == "R6")  # a row there has no number
        assert mosport[3] == "no known result"


async def test_search_finds_a_car_number_at_every_appearance_and_its_page() -> None:
    app = make_app()
    async with app.run_test(size=WIDE) as pilot:
        await loaded(pilot)
        hits = await search(pilot, "#3")
        appearances = [h for h in hits if h.startswith("number #3 ")]
        assert [h.split("  ")[1].split()[0] for h in appearances if "page" not in h] == [
            "R1", "R2", "R4", "R5", "R7", "R8", "R9"]
        assert not any("#38" in h or "#23" in h for h in hits)
        page = next(i for i, h in enumerate(hits) if "car page" in h)
        await pilot.press(*["down"] * page, "enter")  # the first hit starts highlighted
        await pilot.pause()
        assert isinstance(app.screen, CarScreen) and app.screen.number == 3


async def test_search_lists_every_appearance_of_a_driver_with_round_and_car() -> None:
    app = make_app()
    async with app.run_test(size=WIDE) as pilot:
        await loaded(pilot)
        hits = [h for h in await search(pilot, "Timo Bernhard") if h.startswith("driver")]
        assert len(hits) >= 5
        assert hits[0].endswith("R1 #23 GT") or "R1" in hits[0]
        assert len({h for h in hits}) == len(hits)  # each names its own round
        await pilot.press("down", "enter")  # his second appearance (the first is highlighted)
        await pilot.pause()
        assert isinstance(app.screen, MainScreen)
        assert app.screen.round_number == int(hits[1].split("  ")[1].split()[0][1:])


async def test_a_team_page_opens_from_search() -> None:
    app = make_app()
    async with app.run_test(size=WIDE) as pilot:
        await loaded(pilot)
        hits = await search(pilot, "Alex Job Racing")
        page = next(i for i, h in enumerate(hits) if "team page" in h)
        await pilot.press(*["down"] * page, "enter")  # the first hit starts highlighted
        await pilot.pause()
        assert isinstance(app.screen, TeamScreen) and app.screen.team_id == "alex-job"
        await pilot.press("escape")
        assert isinstance(app.screen, MainScreen)


async def test_enter_in_the_standings_opens_the_driver_or_the_team() -> None:
    app = make_app()
    async with app.run_test(size=WIDE) as pilot:
        await loaded(pilot)
        await pilot.press("4", "s", "enter")
        await pilot.pause()
        assert isinstance(app.screen, DriverScreen)
        assert app.screen.driver_id == "timo-bernhard"
        body = str(app.screen.query_one("#driver-page-body", Static).render())
        assert body.startswith("Timo Bernhard") and "Championship" in body
        await pilot.press("escape")
        assert isinstance(app.screen, StandingsScreen)
        await pilot.click("#team-standings", offset=(4, 1))  # the first team row
        await pilot.pause()
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, TeamScreen) and app.screen.team_id == "alex-job"


async def test_pages_are_usable_at_80x24() -> None:
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await loaded(pilot)
        await pilot.press("3", "t")
        assert isinstance(app.screen, TeamScreen)
        table = app.screen.query_one("#page-table", DataTable)
        assert table.size.height >= 5 and table.has_focus
