"""Names from data that look like markup or carry control codes render literally."""

from __future__ import annotations

from pathlib import Path

from textual.widgets import DataTable, Static

from tui.ui.screens.main import MainScreen

from .helpers import loaded, make_app, table_rows

HOSTILE = Path(__file__).resolve().parents[1] / "fixtures" / "ui" / "hostile-names.toml"


async def test_markup_in_names_is_shown_as_written_and_never_runs() -> None:
    app = make_app(path=HOSTILE)
    async with app.run_test(size=(200, 50)) as pilot:
        await loaded(pilot)
        assert isinstance(app.screen, MainScreen)
        rows = table_rows(app.screen.query_one("#classification-table", DataTable))
        # The table shows surnames (the last word): the '[/]' of 'me[/]' survives as text.
        assert rows[0][4] == "me[/] / bar"
        # A bidi isolate is shown as an escape, not sent (control characters are refused at load).
        assert rows[0][8] == "[LMP2] Team \\u2066[31mRed"
        assert rows[1][4] == "red]Loud[/bold red]"
        assert rows[1][8] == "Acura [DPi] \\u202eevil\\u202c"
        # Clicking the would-be action link does nothing but move the cursor.
        await pilot.click("#classification-table", offset=(30, 1))
        await pilot.pause()
        assert app.is_running
        detail = str(app.screen.query_one("#driver-body", Static).render())
        assert detail.startswith("[@click=app.quit]Click me[/]")
        calendar = app.screen.query_one("#calendar")
        calendar.brief = False  # the round's name is in the calendar tab's four lines
        calendar_text = str(calendar.get_option_at_index(0).prompt)
        assert "[b]North[/b] Park $var" in calendar_text
        await pilot.press("i")
        info = str(app.screen.query_one("#round-info-body", Static).render())
        assert "[b]North[/b] Park $var" in info
        await pilot.press("escape", "s")
        standings = table_rows(app.screen.query_one("#driver-standings", DataTable))
        assert "[@click=app.quit]Click me[/]" in {r[1] for r in standings}


async def test_palette_hits_for_markup_names_are_literal() -> None:
    from textual.command import CommandPalette

    app = make_app(path=HOSTILE)
    async with app.run_test(size=(120, 40)) as pilot:
        await loaded(pilot)
        await pilot.press("slash")
        assert isinstance(app.screen, CommandPalette)
        await pilot.press(*"Foo")
        await app.screen.workers.wait_for_complete()
        await pilot.pause()
        from textual.widgets import OptionList

        options = app.screen.query_one(OptionList)
        prompts = [str(options.get_option_at_index(i).prompt) for i in range(options.option_count)]
        assert any("Foo [/] bar" in p for p in prompts), prompts
        await pilot.press("down", "enter")
        await pilot.pause()
        assert str(app.screen.query_one("#driver-body", Static).render()).startswith("Foo [/] bar")
