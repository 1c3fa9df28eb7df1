"""Backspace returns to where the reader was before a jump: round, filter, car, page."""

from __future__ import annotations

from textual.widgets import DataTable

from tui.ui.history import History, Place
from tui.ui.screens.main import MainScreen
from tui.ui.screens.team import TeamScreen

from .helpers import cursor_row, loaded, make_app

WIDE = (160, 48)


def cursor_car(app) -> str:
    return cursor_row(app.screen.query_one("#classification-table", DataTable))[3]


async def test_backspace_after_a_search_jump_restores_round_filter_and_car() -> None:
    app = make_app()
    async with app.run_test(size=WIDE) as pilot:
        await loaded(pilot)
        await pilot.press("3", "down")  # Sebring, GTS, the second GTS car
        before = cursor_car(app)
        await pilot.press("slash", *"Mosport")
        await app.screen.workers.wait_for_complete()
        await pilot.pause()
        await pilot.press("enter")
        await pilot.pause()
        main = app.screen
        assert isinstance(main, MainScreen) and main.round_number == 6
        await pilot.press("backspace")
        await pilot.pause()
        assert (main.round_number, main.class_filter) == (1, "GTS")
        assert cursor_car(app) == before


async def test_backspace_after_enter_on_a_team_page_reopens_the_page() -> None:
    app = make_app()
    async with app.run_test(size=WIDE) as pilot:
        await loaded(pilot)
        await pilot.press("3", "t", "down", "down", "enter")  # Corvette's R3 car
        await pilot.pause()
        main = app.screen
        assert isinstance(main, MainScreen) and main.round_number == 3
        await pilot.press("backspace")
        await pilot.pause()
        assert isinstance(app.screen, TeamScreen) and app.screen.team_id == "corvette"
        assert main.round_number == 1  # the dashboard under it is back where it was
        await pilot.press("escape")
        assert isinstance(app.screen, MainScreen)


async def test_backspace_with_nothing_to_go_back_to_says_so() -> None:
    app = make_app()
    async with app.run_test(size=WIDE) as pilot:
        await loaded(pilot)
        await pilot.press("backspace")
        await pilot.pause()
        assert isinstance(app.screen, MainScreen) and app.screen.round_number == 1
        assert any("Nothing to go back to" in n.message for n in app._notifications)


def test_history_is_bounded_and_skips_repeats() -> None:
    history = History(kept=3)
    places = [Place(n, None, None, "calendar-pane") for n in range(1, 6)]
    for place in places:
        history.push(place)
        history.push(place)
    assert len(history) == 3
    assert [history.pop() for _ in range(4)] == [places[4], places[3], places[2], None]
