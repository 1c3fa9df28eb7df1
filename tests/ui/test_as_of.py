"""The season as it stood after a round: choosing it, seeing it everywhere, remembering it."""

from __future__ import annotations

import tomllib
from pathlib import Path

from textual.widgets import DataTable, Static

from tui.ui.screens.as_of import AsOfScreen
from tui.ui.screens.main import MainScreen
from tui.ui.screens.standings import StandingsScreen
from tui.ui.widgets.calendar import SeasonCalendar

from .helpers import loaded, make_app, table_rows

WIDE = (160, 48)
NEXT = "right_square_bracket"


def calendar_text(app) -> str:
    calendar = app.screen.query_one(SeasonCalendar)
    return "\n".join(str(calendar.get_option_at_index(i).prompt) for i in range(calendar.option_count))


def coverage(app) -> str:
    return str(app.screen.query_one("#coverage", Static).render())


def detail_text(app) -> str:
    return str(app.screen.query_one("#driver-body", Static).render())


async def choose_as_of(pilot, rounds_down: int) -> None:
    """Press a, move to 'after R{rounds_down + 1}', enter."""
    await pilot.press("a")
    assert isinstance(pilot.app.screen, AsOfScreen)
    await pilot.press("home", *["down"] * rounds_down, "enter")
    await pilot.pause()


async def test_as_of_round_five_hides_later_results_everywhere() -> None:
    app = make_app()
    async with app.run_test(size=WIDE) as pilot:
        await loaded(pilot)
        assert "◌" not in calendar_text(app)
        await choose_as_of(pilot, 4)
        main = app.screen
        assert isinstance(main, MainScreen) and main.as_of == 5
        assert app.title == "alms-tui · not following · as of R5"  # the live sign stays
        text = calendar_text(app)  # the compact calendar beside the table
        mosport = text.split("R6 ")[1].split("R7 ")[0]
        assert mosport.startswith("◌ Sun 08 Aug") and "Mosport" in mosport
        assert text.count("◌") == 4  # R6-R9
        # The full calendar entry (narrow layout): date and circuit, no winner.
        from tui.ui.widgets.calendar import round_prompt

        full = round_prompt(main.full, main.full.round(6), 5).plain
        assert "Mosport International Raceway" in full and "Sun 08 Aug" in full
        assert "result hidden as of R5" in full and "Leitzinger" not in full
        assert "Leitzinger" in round_prompt(main.full, main.full.round(6)).plain

        await pilot.press(*[NEXT] * 5)  # to R6, hidden
        assert main.round_number == 6
        assert "R6 result hidden as of R5" in coverage(app)
        assert main.sub_title == "R6 Toronto Grand Prix of Mosport"
        assert not main.query_one("#filter-bar").display  # no counts for a hidden round
        assert main.query_one("#classification-table", DataTable).row_count == 0
        assert "No car selected" in detail_text(app)
        await pilot.press("i")  # details would tell the result
        assert isinstance(app.screen, MainScreen)

        await pilot.press("left_square_bracket")  # R5 Portland is shown
        assert main.query_one("#classification-table", DataTable).row_count == 12
        await pilot.press("enter")
        season = detail_text(app)
        assert "R5" in season and "R6" not in season  # the driver's season so far

        await pilot.press("4", "s")
        assert isinstance(app.screen, StandingsScreen)
        rows = table_rows(app.screen.query_one("#driver-standings", DataTable))
        header = [str(c.label) for c in app.screen.query_one("#driver-standings", DataTable).columns.values()]
        assert header[-1] == "R5"
        assert app.title.endswith(" · as of R5")
        as_of_points = {r[1]: int(r[2].rstrip("≈")) for r in rows}  # ≈: uncertain points

        await pilot.press("ctrl+p")
        await pilot.press(*"full season")
        await pilot.press("enter")
        await pilot.pause()
        assert "as of" not in app.title
        full_rows = table_rows(app.screen.query_one("#driver-standings", DataTable))
        full_points = {r[1]: int(r[2].rstrip("≈")) for r in full_rows}
        assert full_points["Timo Bernhard"] > as_of_points["Timo Bernhard"]


async def test_the_as_of_round_is_remembered(tmp_path: Path) -> None:
    settings = tmp_path / "settings.toml"
    app = make_app(config=settings)
    async with app.run_test(size=WIDE) as pilot:
        await loaded(pilot)
        await choose_as_of(pilot, 2)
        await pilot.press("q")
    assert tomllib.loads(settings.read_text())["as_of"] == 3

    again = make_app(config=settings)
    async with again.run_test(size=WIDE) as pilot:
        await loaded(pilot)
        assert again.screen.as_of == 3
        assert again.title.endswith(" · as of R3")
        assert calendar_text(again).count("◌") == 6


async def test_an_as_of_round_the_season_lacks_is_ignored(tmp_path: Path) -> None:
    settings = tmp_path / "settings.toml"
    settings.write_text("as_of = 42\n")
    app = make_app(config=settings)
    async with app.run_test(size=WIDE) as pilot:
        await loaded(pilot)
        assert app.screen.as_of is None
        assert "as of" not in app.title


async def test_escape_leaves_the_view_as_it_was_and_clicks_choose() -> None:
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await loaded(pilot)
        await pilot.press("a", "down", "escape")
        assert isinstance(app.screen, MainScreen) and app.screen.as_of is None
        await pilot.press("a")
        await pilot.click("#as-of-list", offset=(5, 1))  # the second option: after R2
        await pilot.pause()
        assert isinstance(app.screen, MainScreen) and app.screen.as_of == 2


async def test_the_palette_lists_as_of_with_its_key() -> None:
    app = make_app()
    async with app.run_test(size=WIDE) as pilot:
        await loaded(pilot)
        await pilot.press("ctrl+p", *"as of r7")
        await pilot.pause()
        await pilot.press("enter")
        await pilot.pause()
        assert app.screen.as_of == 7


async def test_enter_then_escape_in_one_burst_leaves_the_dashboard_on_screen() -> None:
    """Found by the monkey: the choice arrives after esc closed the list, and
    dismissing then popped the dashboard (ScreenStackError on the next pop)."""
    from test_monkey import _burst, _settle

    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await loaded(pilot)
        await pilot.press("a")
        assert isinstance(app.screen, AsOfScreen)
        _burst(app, ["enter", "escape"])
        await _settle(app, pilot)
        assert app._exception is None
        assert isinstance(app.screen, MainScreen)
        _burst(app, ["v", "v", "escape"])  # the compare picker: the same race
        await _settle(app, pilot)
        assert app._exception is None and isinstance(app.screen, MainScreen)


async def test_enters_queued_behind_the_one_that_closes_the_palette_pop_nothing() -> None:
    """Found by the monkey: each late enter dismissed the closed palette again,
    popping the screens under it, then the dashboard (ScreenStackError)."""
    from test_monkey import _burst, _settle

    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await loaded(pilot)
        await pilot.press("i", "ctrl+p", *"full season")
        await app.screen.workers.wait_for_complete()
        await pilot.pause()
        _burst(app, ["enter", "enter", "enter"])
        await _settle(app, pilot)
        assert app._exception is None
        # Under the dashboard: the loading screen, if the season was not ready when
        # the first screen was due (tui.ui.app.FIRST_SCREEN_WAIT), else nothing.
        names = [type(s).__name__ for s in app.screen_stack]
        assert names[names.index("MainScreen"):] == ["MainScreen", "RoundInfoScreen"]
        assert names[:names.index("MainScreen")] in ([], ["LoadingScreen"])


async def test_a_view_opened_in_the_same_burst_as_a_new_season_gets_it() -> None:
    """Found by the monkey test: a key opened a view and the next (``r``, or a step
    of the as-of round) reached it before it was composed: a crash (NoMatches)."""
    from tui.ui.screens.driver import DriverScreen

    app = make_app()
    async with app.run_test(size=(160, 48)) as pilot:
        await loaded(pilot)
        main = app.main_screen
        assert main is not None
        driver = main.dataset.rounds[0].results[0].drivers[0]
        app.action_open_driver(driver)  # pushed, not composed before the next call
        view = app.screen
        assert isinstance(view, DriverScreen) and not view.is_mounted
        app.action_set_as_of(1)
        await pilot.pause()
        await pilot.pause()
        assert app._exception is None
        assert view.dataset is main.dataset and main.as_of == 1
        assert view.is_mounted
