"""Comparing from the dashboard: pick with the keyboard or the mouse, see them side by side."""

from __future__ import annotations

from textual.widgets import DataTable, Static

from tui.ui.screens.compare import ComparePicker, CompareScreen
from tui.ui.screens.main import MainScreen

from .helpers import loaded, make_app, table_rows

NEXT = "right_square_bracket"


async def test_compare_the_highlighted_crew_and_a_third_driver() -> None:
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await loaded(pilot)
        await pilot.press(*[NEXT] * 5, "4", "v")  # Mosport GT: Bernhard / Bergmeister marked
        assert isinstance(app.screen, ComparePicker)
        await pilot.press("down", "down", "space", "v")  # and Darren Law
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, CompareScreen)
        table = screen.query_one("#compare-table", DataTable)
        labels = [str(c.label) for c in table.columns.values()]
        assert labels == ["Round", "Timo Bernhard", "Jörg Bergmeister", "Darren Law"]
        rows = table_rows(table)
        assert rows[1][1] == "· result unknown"  # Bernhard at Mid-Ohio
        assert rows[1][3].startswith("1st") and rows[1][3].endswith("−6*")
        assert rows[-1] == ["Points", "141", "115", "78"]
        notes = str(screen.query_one("#compare-notes", Static).render())
        assert "Timo Bernhard v Jörg Bergmeister: same car in 6 rounds" in notes
        assert "Timo Bernhard v Darren Law: 3–1 in 4 meetings" in notes
        await pilot.press("escape")
        assert isinstance(app.screen, MainScreen)


async def test_one_marked_is_not_enough_and_the_button_compares() -> None:
    app = make_app()
    async with app.run_test(size=(160, 48)) as pilot:
        await loaded(pilot)
        await pilot.press("v")  # Sebring's winning crew: McNish, Biela, Kaffer marked
        assert isinstance(app.screen, ComparePicker)
        assert len(app.screen.query_one("#compare-list").selected) == 3
        await pilot.click("#compare-go")
        await pilot.pause()
        assert isinstance(app.screen, CompareScreen)
        await pilot.press("v")
        assert isinstance(app.screen, ComparePicker)
        selection = app.screen.query_one("#compare-list")
        selection.deselect_all()
        selection.select(selection.get_option_at_index(0))
        await pilot.press("v")
        assert isinstance(app.screen, ComparePicker)  # one is not a comparison
        assert any("Mark 2 to 5" in n.message for n in app._notifications)
