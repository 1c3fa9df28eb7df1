"""The screen at every common terminal size: the classification never shows less as
the terminal grows, help is always in the footer, and focus survives a resize."""

from __future__ import annotations

import re
from itertools import pairwise

from textual.widgets import DataTable

from tui.ui.screens.main import MainScreen
from tui.ui.widgets.footer import KeyFooter

from .helpers import cursor_row, loaded, make_app

MOSPORT = 6  # the one full classification: the widest table of the season


def visible_table_cells(screen: MainScreen) -> int:
    """How many columns of cells of the classification table the user can see."""
    table = screen.query_one("#classification-table", DataTable)
    if not table.region.width:  # not shown (another tab is)
        return 0
    return min(table.virtual_size.width, table.scrollable_content_region.width)


async def mosport(pilot) -> MainScreen:
    """The dashboard once the season is loaded, on round 6."""
    await loaded(pilot)
    screen = pilot.app.screen
    screen.round_number = MOSPORT
    await pilot.pause()
    return screen


async def test_the_classification_never_shows_less_as_the_terminal_grows() -> None:
    app = make_app()
    async with app.run_test(size=(80, 48)) as pilot:
        screen = await mosport(pilot)
        seen: list[tuple[int, int]] = []
        for width in range(80, 221, 10):
            await pilot.resize_terminal(width, 48)
            await pilot.pause()
            seen.append((width, visible_table_cells(screen)))
        table = screen.query_one("#classification-table", DataTable)
        for (narrower, shown_before), (wider, shown) in pairwise(seen):
            assert shown >= shown_before, f"{wider} columns show less than {narrower}: {seen}"
        every_column = table.virtual_size.width
        assert dict(seen)[160] == every_column, seen


async def test_at_160_columns_every_mosport_column_is_readable_beside_the_calendar() -> None:
    app = make_app()
    async with app.run_test(size=(160, 48)) as pilot:
        screen = await mosport(pilot)
        assert screen.has_class("-stacked")
        assert screen.query_one("#calendar-pane").region.width
        assert screen.query_one("#driver-pane").region.height
        table = screen.query_one("#classification-table", DataTable)
        assert table.virtual_size.width <= table.scrollable_content_region.width
        assert table.fixed_columns == 4  # Pos, Cls, Class, No. stay when scrolled sideways


async def _footer_actions(pilot) -> list[str]:
    """The actions of the footer keys that are wholly on screen; none is cut in half."""
    await pilot.pause()
    footer = pilot.app.screen.query_one(KeyFooter)
    line = footer.render().plain
    assert len(line) == footer.size.width, (line, footer.size)
    spans = footer._spans
    palette_start = spans[-1][0]
    assert spans[-1][2].action_name == "command_palette"
    for start, end, entry in spans[:-1]:
        assert end <= palette_start and entry.display in line[start:end], (entry, line)
    return [entry.action_name for _start, _end, entry in spans[:-1]]


async def test_the_footer_shows_help_and_quit_at_80_and_120_columns() -> None:
    for size in ((80, 24), (120, 35)):
        app = make_app()
        async with app.run_test(size=size) as pilot:
            await loaded(pilot)
            shown = await _footer_actions(pilot)
            assert "help" in shown and "quit" in shown, (size, shown)
            await pilot.press("s")  # a view of its own has its own footer
            shown = await _footer_actions(pilot)
            assert "help" in shown and "quit" in shown, (size, shown)


async def test_focus_comes_back_after_the_terminal_was_too_small() -> None:
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await loaded(pilot)
        screen = app.screen
        table = screen.query_one("#classification-table", DataTable)
        assert screen.focused is table
        await pilot.resize_terminal(60, 15)
        await pilot.pause()
        assert screen.has_class("-too-small")
        await pilot.resize_terminal(80, 24)
        await pilot.pause()
        assert screen.focused is table
        before = cursor_row(table)
        await pilot.press("j")
        assert cursor_row(table) != before
        await pilot.press("enter")
        assert screen.focused is screen.query_one("#driver-pane")


async def test_z_zooms_the_focused_pane_and_back() -> None:
    app = make_app()
    async with app.run_test(size=(160, 48)) as pilot:
        await loaded(pilot)
        screen = app.screen
        narrow_table = screen.query_one("#classification-table", DataTable).region.width
        await pilot.press("z")
        await pilot.pause()
        assert not screen.query_one("#calendar-pane").display
        assert screen.query_one("#classification-pane").region.width == 160
        assert screen.focused is screen.query_one("#classification-table")
        await pilot.press("tab")  # the other panes are tabs while zoomed
        await pilot.pause()
        assert screen.query_one("#driver-pane").region.width == 160
        await pilot.press("z")
        await pilot.pause()
        assert screen.query_one("#calendar-pane").display
        assert screen.query_one("#classification-table", DataTable).region.width == narrow_table
        assert screen.focused is screen.query_one("#driver-pane")


async def _palette_hits(pilot, query: str) -> list[str]:
    from textual.command import CommandList

    await pilot.press("ctrl+p")
    await pilot.press(*query)
    palette = pilot.app.screen
    hits: list[str] = []
    for _ in range(50):  # the providers answer in workers: wait until the list settles
        await pilot.pause(0.02)
        commands = palette.query_one(CommandList)
        hits = [str(commands.get_option_at_index(i).prompt) for i in range(commands.option_count)]
        if hits:
            break
    return hits


async def test_the_palette_finds_standings_with_its_key_and_opens_them() -> None:
    from tui.ui.screens.standings import StandingsScreen

    app = make_app()
    async with app.run_test(size=(120, 35)) as pilot:
        await loaded(pilot)
        hits = await _palette_hits(pilot, "standings")
        assert any(hit.startswith("Standings") and hit.endswith("s") for hit in hits), hits
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, StandingsScreen)


async def test_every_dashboard_key_is_a_palette_command() -> None:
    from tui.ui.commands import commands

    app = make_app()
    async with app.run_test(size=(120, 35)) as pilot:
        await loaded(pilot)
        found = {command.action for command in commands(app)}
        for action in ("app.standings", "app.round_info", "app.classes", "toggle_pause", "reload",
                       "filter(0)", "filter(4)", "step_round(1)", "step_round(-1)", "toggle_zoom",
                       "help", "quit", "app.search"):
            assert action in found, action
        hits = await _palette_hits(pilot, "round details")
        assert any(hit.startswith("Round info") for hit in hits), hits


async def test_a_wrapped_line_in_the_driver_pane_goes_on_under_its_text() -> None:
    """In the three-column layout's narrow driver pane, "Audi R8" wrapped and put
    "R8" where round labels go: it read as round 8."""
    from textual.widgets import Static

    app = make_app()
    async with app.run_test(size=(220, 50)) as pilot:
        screen = await mosport(pilot)
        assert not screen.has_class("-stacked") and not screen.has_class("-tabs")
        await pilot.press("down")  # #38: Lehto / Werner, ADT Champion Racing's Audi R8
        await pilot.pause()
        body = screen.query_one("#driver-body", Static)
        lines = [body.render_line(y).text.rstrip() for y in range(body.size.height)]
        cars = lines[lines.index("Cars and teams") + 1 :]
        cars = cars[: cars.index("")]
        assert any(line.startswith("    ") for line in cars), cars  # something did wrap
        for line in cars:
            assert line.startswith(("R", "    ")), cars
            assert not line.startswith("R8") or "#" in line, cars  # a label, not the car's "R8"
        awards = [line for line in lines if line.startswith("  R")]
        assert awards, lines
        continued = lines[lines.index(awards[0]) + 1]
        assert continued.startswith(" " * 10), lines


async def test_the_filter_counts_are_never_cut_at_60_columns() -> None:
    from tui.ui.widgets.filter_bar import FilterBar

    app = make_app()
    async with app.run_test(size=(60, 20)) as pilot:
        screen = await mosport(pilot)
        await pilot.pause()
        bar = screen.query_one(FilterBar)
        shown = str(bar.render())
        assert shown.split()[-3:] == ["4", "GT", "11"], shown
        assert bar.chip_span(4)[1] <= bar.size.width, (shown, bar.size)
        tight = shown
        await pilot.resize_terminal(160, 48)  # room again: the spacing comes back
        await pilot.pause()
        assert len(str(bar.render()).rstrip()) > len(tight.rstrip()), (str(bar.render()), tight)


async def test_round_details_wrap_under_their_text_not_under_the_labels() -> None:
    """The same wrap as the driver pane's, in the round view: a long note or source
    title went on at the left edge, where marks and source ids go."""
    from textual.widgets import Static

    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await mosport(pilot)
        round_ = screen.dataset.round(MOSPORT)
        await pilot.press("i")
        await pilot.pause()
        body = app.screen.query_one("#round-info-body", Static)
        lines = [body.render_line(y).text.rstrip() for y in range(body.size.height)]
        notes = lines[lines.index("Notes") + 1 :]
        notes = notes[: notes.index("")]
        assert any(line.startswith("  ") for line in notes), notes  # something did wrap
        poles = lines[lines.index("Poles") + 1 : lines.index("Notes")]
        classes = {c.id for c in screen.dataset.classes}
        for line in filter(None, poles):  # a class tag, or a note under its text
            assert line.split()[0] in classes or line.startswith(" " * 7), poles
        assert all(line.startswith(("• ", "⚠ ", "? ", "  ")) for line in notes), notes
        sources = [line for line in lines[lines.index("Sources") + 1 :] if line]
        assert len(sources) > len(round_.sources)  # some citation did wrap
        for line in sources:
            # "  1. Title..." or a continuation under the title, past the number.
            assert re.match(r" *\d+\. \S", line) or line.startswith(" " * 5), sources


async def test_the_palette_lists_each_command_once() -> None:
    """The story views' keys were listed twice: once from their bindings, once
    from the story provider. A key's command comes from its binding only."""
    from collections import Counter

    from tui.ui.commands import commands
    from tui.ui.story_commands import story_commands

    app = make_app()
    async with app.run_test(size=(120, 35)) as pilot:
        await loaded(pilot)
        actions = [c.action.removeprefix("app.") for c in commands(app)]
        actions += [c.action for c in story_commands(app)]
        twice = [action for action, count in Counter(actions).items() if count > 1]
        assert not twice, twice
        hits = await _palette_hits(pilot, "compare")
        assert sum("Compare" in hit for hit in hits) == 1, hits
