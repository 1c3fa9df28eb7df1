"""The footer (tui/ui/widgets/footer.py): one widget that draws the keys itself."""

from __future__ import annotations

import pytest
from textual.pilot import Pilot

from tui.ui.screens.standings import StandingsScreen
from tui.ui.widgets.footer import KeyFooter

from .helpers import loaded, make_app
from .test_layout_passes import counting_layout_passes, settled


def footer_of(pilot: Pilot[None]) -> KeyFooter:
    return pilot.app.screen.query_one(KeyFooter)


def column_of(footer: KeyFooter, action: str) -> int:
    footer.render()
    return next(start for start, _end, entry in footer._spans if entry.action_name == action)


async def test_a_click_on_a_key_runs_it() -> None:
    app = make_app()
    async with app.run_test(size=(160, 48)) as pilot:
        await loaded(pilot)
        footer = footer_of(pilot)
        await pilot.click(KeyFooter, offset=(column_of(footer, "standings") + 1, 0))
        await pilot.pause()
        assert isinstance(app.screen, StandingsScreen)


async def test_a_click_between_keys_does_nothing() -> None:
    app = make_app()
    async with app.run_test(size=(160, 48)) as pilot:
        await loaded(pilot)
        screen = app.screen
        footer = footer_of(pilot)
        palette = column_of(footer, "command_palette")
        last_end = max(end for _start, end, entry in footer._spans if entry.action_name != "command_palette")
        assert palette - last_end > 2  # room to spare at 160 columns
        await pilot.click(KeyFooter, offset=(last_end + 1, 0))
        await pilot.pause()
        assert app.screen is screen


async def test_hover_marks_the_key_and_gives_its_tooltip() -> None:
    app = make_app()
    async with app.run_test(size=(160, 48)) as pilot:
        await loaded(pilot)
        footer = footer_of(pilot)
        await pilot.hover(KeyFooter, offset=(column_of(footer, "quit") + 1, 0))
        await pilot.pause()
        assert footer._hovered == "q" and footer.tooltip == "Quit"
        await pilot.hover("#classification-table")
        await pilot.pause()
        assert footer._hovered is None and footer.tooltip is None


@pytest.mark.parametrize("key", ["s", "t", "n", "g", "driver page"])
async def test_every_view_shows_help_and_quit_first_at_80_columns(key: str) -> None:
    """Some views had Textual's own footer, which lists the app's keys last: at 80
    columns "? Help" and "q Quit" fell off the end."""
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await loaded(pilot)
        main = app.screen
        if key == "driver page":
            app.action_open_driver(app.screen.dataset.drivers[0].id)
        else:
            await pilot.press(key)
        await pilot.pause()
        assert app.screen is not main
        footer = footer_of(pilot)
        footer.render()
        assert [entry.action_name for *_span, entry in footer._spans[:2]] == ["help", "quit"]


async def test_a_change_of_keys_is_a_repaint_not_a_layout_pass(monkeypatch: pytest.MonkeyPatch) -> None:
    """Textual's footer recomposed a widget per key on each change of bindings and
    laid the screen out again for them."""
    app = make_app()
    async with app.run_test(size=(160, 48)) as pilot:
        await loaded(pilot)
        footer = footer_of(pilot)
        app.screen.set_focus(app.screen.query_one("#calendar"))
        await settled(pilot)
        before = footer.render().plain
        with counting_layout_passes(monkeypatch) as passes:
            app.screen.set_focus(app.screen.query_one("#classification-table"))  # other keys
            await settled(pilot)
            assert footer.render().plain != before
            assert passes[0] == 0  # Textual's footer: 2


# --- the header (tui/ui/widgets/header.py) ---------------------------------------


async def test_a_click_on_the_header_icon_opens_the_command_palette() -> None:
    from textual.command import CommandPalette

    from tui.ui.widgets.header import TitleBar

    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await loaded(pilot)
        await pilot.click(TitleBar, offset=(1, 0))
        await pilot.pause()
        assert isinstance(app.screen, CommandPalette)


async def test_a_new_title_is_a_repaint_not_a_layout_pass(monkeypatch: pytest.MonkeyPatch) -> None:
    """Textual's Header updated its title from an awaited watcher, a layout pass one
    frame after each new title (each round, each step of the as-of round)."""
    from tui.ui.widgets.header import TitleBar

    app = make_app()
    async with app.run_test(size=(160, 48)) as pilot:
        await loaded(pilot)
        bar = app.screen.query_one(TitleBar)
        with counting_layout_passes(monkeypatch) as passes:
            await settled(pilot)
            app.screen.sub_title = "A title of another length"
            await settled(pilot)
            assert "A title of another length" in str(bar.render())
            assert passes[0] == 0


async def test_a_closed_view_s_header_is_freed() -> None:
    """The header watched the app's title; Textual drops such a watcher only when
    the title next changes, so every closed view's header (with its drawn lines)
    stayed alive until then: 23,000 objects per four views opened and closed."""
    import gc
    import weakref

    from tui.ui.widgets.header import TitleBar

    app = make_app()
    async with app.run_test(size=(160, 48)) as pilot:
        await loaded(pilot)
        title = app.title
        app.action_standings()
        await pilot.pause()
        bar = weakref.ref(app.screen.query_one(TitleBar))
        app.pop_screen()
        await pilot.pause()
        await pilot.pause()
        gc.collect()
        assert app.title == title  # no change of title came to prune the watcher
        assert bar() is None


async def test_a_closed_view_s_drawn_lines_are_freed() -> None:
    """Textual's lru_cache on StylesCache.get_inner_outer kept the last 1,024
    widgets' StylesCaches, each with every line drawn (tui/ui/drawn_lines.py)."""
    import gc
    import weakref

    from tui.ui.widgets.cell_table import CellTable

    app = make_app()
    async with app.run_test(size=(160, 48)) as pilot:
        await loaded(pilot)
        app.action_standings()
        await pilot.pause()
        await pilot.pause()
        lines = weakref.ref(app.screen.query(CellTable).first()._styles_cache)
        app.pop_screen()
        await pilot.pause()
        await pilot.pause()
        gc.collect()
        assert lines() is None
