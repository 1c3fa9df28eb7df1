"""CellTable draws a Cell exactly as DataTable would, segment for segment.

CellTable (tui/ui/widgets/cell_table.py) skips Rich's layout for one-line cells
that fit; these tests draw every cell both ways (text, styles, the row and column
meta that mouse clicks read) under every cursor and hover state, with and without
cell padding, for the classification of every round and filter of the bundled
season, and compare.
"""

from __future__ import annotations

from rich.style import Style
from textual.app import App, ComposeResult
from textual.content import Content
from textual.widgets import DataTable

from tui.ui.screens.main import MainScreen
from tui.ui.text import Cell, cell
from tui.ui.widgets.cell_table import CellTable
from tui.ui.widgets.classification import CHANGED, Classification, ClassificationTable

from .helpers import loaded, make_app


def both_ways(table: DataTable, row_index: int, column_index: int, base: Style, width: int,
              cursor: bool, hover: bool) -> tuple[list, list]:
    table._cell_render_cache.clear()
    fast = table._render_cell(row_index, column_index, base, width, cursor, hover)
    table._cell_render_cache.clear()
    rich = DataTable._render_cell(table, row_index, column_index, base, width, cursor, hover)
    table._cell_render_cache.clear()
    return fast, rich


def compare_all(table: DataTable) -> int:
    """Every cell of ``table`` (the header row too) both ways; the cells compared."""
    compared = 0
    columns = table.ordered_columns
    for row_index in range(-1, table.row_count):
        row_base = table._get_row_style(row_index, table.rich_style) if row_index >= 0 else table.rich_style
        fixed = table.get_component_styles("datatable--fixed").rich_style + Style.from_meta({"fixed": True})
        for column_index, column in enumerate(columns):
            width = column.get_render_width(table)
            for base in (row_base, fixed):
                for cursor in (False, True):
                    for hover in (False, True):
                        if base is row_base and row_index >= 0 and column_index < table.fixed_columns:
                            # Drawn again at the head of the scrollable part, which
                            # DataTable._render_line always crops away: a blank as wide.
                            table._cell_render_cache.clear()
                            blank = table._render_cell(row_index, column_index, base, width, cursor, hover)
                            assert sum(segment.cell_length for segment in blank[0]) == width
                            compared += 1
                            continue
                        fast, rich = both_ways(table, row_index, column_index, base, width, cursor, hover)
                        assert fast == rich, (row_index, column.label, cursor, hover)
                        compared += 1
    return compared


async def test_every_classification_cell_is_drawn_as_datatable_draws_it() -> None:
    app = make_app()
    async with app.run_test(size=(160, 48)) as pilot:
        await loaded(pilot)
        screen = app.screen
        assert isinstance(screen, MainScreen)
        table = screen.query_one(ClassificationTable)
        assert isinstance(table, CellTable)
        compared = 0
        for round_ in screen.dataset.rounds:
            for number in range(5):
                screen.round_number = round_.number
                screen.action_filter(number)
                await pilot.pause()
                compared += compare_all(table)
                # Nothing measured (every column has its width), the size is the same.
                assert table.virtual_size.width == sum(
                    column.get_render_width(table) for column in table.ordered_columns)
                assert table.virtual_size.height == table.row_count + table.header_height
        # The direct path ran (a header and data cells are Cells), not only the fallback.
        assert isinstance(table.ordered_columns[0].label, Cell)
        assert isinstance(table.get_row_at(0)[4], Cell)
        assert compared > 10_000
        # Cells marked as changed after a reload (a style over the cell's own).
        classification = screen.query_one(Classification)
        key = next(iter(classification.rows))
        table.update_cell(key, "Drivers", cell(classification._cells[key][4], CHANGED))
        await pilot.pause()
        compare_all(table)


class Padded(App[None]):
    """A CellTable with Textual's default padding and cells of every kind."""

    def compose(self) -> ComposeResult:
        yield CellTable(id="t", cursor_type="row", zebra_stripes=True, fixed_columns=1)

    def on_mount(self) -> None:
        table = self.query_one(CellTable)
        table.add_column(Cell("Pos"), key="pos")
        table.add_column("plain [b]label[/]", key="plain")  # a markup label: DataTable's own path
        table.add_column(Cell("Name"), key="name", width=6)  # narrower than some cells: cropped
        table.add_column(Cell("Empty"), key="empty")
        styled = cell(Content.assemble(("★ ", "bold"), "Driver"))
        table.add_row(cell(Content("1")), cell(Content("a")), cell(Content("short")), cell(Content("")), key="a")
        table.add_row(cell(Content("2")), "str [i]cell[/]", cell(Content("much too long")), styled, key="b")
        table.add_row(cell(Content("3")), 4.5, cell(Content("tab\there")), None, key="c")
        table.add_row(cell(Content("4")), cell(Content("x")), cell(Content("two\nlines")), styled, key="d")


async def test_padded_cells_labels_and_fallbacks_are_drawn_as_datatable_draws_them() -> None:
    app = Padded()
    async with app.run_test(size=(80, 12)) as pilot:
        await pilot.pause()
        table = app.query_one(CellTable)
        assert table.cell_padding == 1
        assert compare_all(table) == 5 * 4 * 2 * 2 * 2


def view_openers(app, main: MainScreen) -> list:
    """Opening each view with a table: standings, team and car pages, progression,
    and compare with the busiest round's first two cars' first drivers."""
    from tui.ui.screens.compare import CompareScreen

    round_ = max(main.dataset.rounds, key=lambda r: len(r.results))
    drivers = [result.drivers[0] for result in round_.results[:2]]
    return [app.action_standings, app.action_highlighted_team, app.action_highlighted_car,
            app.action_progression, lambda: app.push_screen(CompareScreen(main.dataset, drivers))]


async def test_every_view_table_is_drawn_as_datatable_draws_it() -> None:
    """Standings, team and car pages, progression (both kinds and modes), compare."""
    app = make_app()
    async with app.run_test(size=(160, 48)) as pilot:
        await loaded(pilot)
        main = app.screen
        assert isinstance(main, MainScreen)
        main.round_number = max(main.dataset.rounds, key=lambda r: len(r.results)).number
        await pilot.pause()
        views = view_openers(app, main)
        tables = 0
        for open_view in views:
            open_view()
            await pilot.pause()
            screen = app.screen
            assert screen is not main
            for toggle in ((), ("action_toggle_kind",), ("action_toggle_places",)):
                if toggle and not hasattr(screen, toggle[0]):
                    continue
                if toggle:
                    getattr(screen, toggle[0])()
                    await pilot.pause()
                for table in screen.query(DataTable):
                    assert isinstance(table, CellTable)
                    assert table.row_count
                    # Labels given as plain strings are Cells now, drawn the direct way.
                    assert all(isinstance(column.label, Cell) for column in table.ordered_columns)
                    compare_all(table)
                    tables += 1
            app.pop_screen()
            await pilot.pause()
        assert tables >= 8


async def test_a_whole_drawing_pass_is_the_same_as_datatable_s(monkeypatch) -> None:
    """render_lines works out the table's settings and each row's cells once per pass;
    the lines it draws are DataTable's, cursor row and fixed columns included."""
    from textual.geometry import Region

    app = make_app()
    async with app.run_test(size=(160, 48)) as pilot:
        await loaded(pilot)
        screen = app.screen
        assert isinstance(screen, MainScreen)
        table = screen.query_one(ClassificationTable)
        for number in (0, 3):
            screen.round_number = 6
            screen.action_filter(number)
            table.action_cursor_down()
            await pilot.pause()
            region = Region(0, 0, table.size.width, table.size.height)

            def draw(region: Region = region) -> list:
                table._cell_render_cache.clear()
                table._row_render_cache.clear()
                table._line_cache.clear()
                return [list(strip) for strip in table.render_lines(region)]

            fast = draw()
            with monkeypatch.context() as patched:
                patched.setattr(CellTable, "_render_cell", DataTable._render_cell)
                rich = draw()
            assert len(fast) == table.size.height and fast == rich


async def test_columns_sized_to_their_cells_are_as_wide_as_datatable_measures_them() -> None:
    """CellTable takes a one-line Cell's width from its cell_len instead of Rich's
    measurement; every view's table gets the widths DataTable would give it."""

    app = make_app()
    async with app.run_test(size=(160, 48)) as pilot:
        await loaded(pilot)
        main = app.screen
        assert isinstance(main, MainScreen)
        measured = 0
        for open_view in view_openers(app, main):
            open_view()
            await pilot.pause()
            for table in app.screen.query(CellTable):
                auto = [column for column in table.ordered_columns if column.auto_width]
                ours = [column.content_width for column in auto]
                for column in auto:
                    column.content_width = table.app.console.measure(column.label).maximum
                DataTable._update_dimensions(table, list(table.rows))
                assert [column.content_width for column in auto] == ours, type(app.screen).__name__
                measured += len(auto)
            app.pop_screen()
            await pilot.pause()
        assert measured > 20


async def test_a_reload_patches_a_cell_whose_look_alone_changed() -> None:
    """Classification._patch compared cells with ``!=``, which for Content compares
    the text only: a cell that kept its text and changed its look stayed as it was."""
    from tui.ui.text import Cell as DrawnCell

    app = make_app()
    async with app.run_test(size=(160, 48)) as pilot:
        await loaded(pilot)
        classification = app.screen.query_one(Classification)
        key = next(iter(classification.rows))
        cells = {k: list(v) for k, v in classification._cells.items()}
        old = cells[key][4]
        cells[key][4] = old.stylize("italic")  # the same text, another look
        assert cells[key][4] == old and not cells[key][4].is_same(old)
        classification._patch(dict(classification.rows), cells)
        await pilot.pause()
        shown = classification.table.get_cell(key, "Drivers")
        assert isinstance(shown, DrawnCell)
        assert any(span.style and "italic" in str(span.style) for span in shown.spans)
