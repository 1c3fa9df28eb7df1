"""The record beside the derived tables, and every note somewhere a user can reach it."""

from __future__ import annotations

from textual.widgets import Static

from tui.ui.screens.standings import StandingsScreen

from .helpers import loaded, make_app, visible_text

WIDE = (160, 48)


async def test_standings_show_the_recorded_champion_and_flag_a_differing_leader() -> None:
    app = make_app()
    async with app.run_test(size=WIDE) as pilot:
        await loaded(pilot)
        await pilot.press("s", "2")
        assert isinstance(app.screen, StandingsScreen)
        record = visible_text(app.screen.query_one("#standings-record", Static))
        assert "Recorded drivers' champion: Ian James" in record
        assert "ALMS, 18 October 2004" in record  # cited by publisher and date
        assert "ZR1_384" not in record  # never by its id
        assert "The derived table puts Clint Field / Robin Liddell first" in record
        assert "Ian James is 3rd on 98 pts, 31 behind" in record
        assert "bonus points not applied" in record
        notes = visible_text(app.screen.query_one("#standings-notes", Static))
        assert "not the official totals" in notes
        await pilot.press("1")
        record = visible_text(app.screen.query_one("#standings-record", Static))
        assert "Recorded drivers' champions: JJ Lehto / Marco Werner" in record
        assert "Recorded teams' champion: ADT Champion Racing" in record
        assert "derived table puts" not in record
        await pilot.press("3")
        record = visible_text(app.screen.query_one("#standings-record", Static))
        assert "teams' champion: not named in the sources" in record
