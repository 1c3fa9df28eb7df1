"""A DataTable that draws one-line :class:`~tui.ui.text.Cell` cells without Rich's layout.

DataTable (Textual 8.2.8, pinned) draws every visible cell it has not drawn yet
through ``console.render_lines(Styled(Padding(cell, ...)))``: Rich's renderer,
padding and line splitting for what is, in our tables, one line of segments that
already fits its column. After a rebuild (a round, a filter, a view opened) every
visible cell is new, and that machinery was most of the time to the first frame
(class filter ``0`` at Mosport: 25 rows of 14 cells, fixed columns included).

:meth:`CellTable._render_cell` computes the same lines directly: the cell's own
segments (made once per width by :class:`~tui.ui.text.Cell`), the padding, the
styles applied in the same order; column labels too when they are ``Cell`` s (a
plain ``str`` label becomes one).
Anything else (row labels, cells that do not fit, wrap or are not a ``Cell``, rows
taller than one line) goes the usual way.
``tests/ui/test_cell_table.py`` checks segment for segment that both ways draw the
same thing.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any, cast

from rich.segment import Segment
from rich.style import Style
from rich.text import TextType
from textual.css.styles import RenderStyles
from textual.dom import DOMNode
from textual.geometry import Region
from textual.strip import Strip
from textual.widgets import DataTable
from textual.widgets.data_table import ColumnKey, RowKey

from ..text import Cell

_apply_style = Segment.apply_style


class _PassStyles:
    """A component's styles with its Rich style worked out once (see CellTable.render_lines)."""

    def __init__(self, styles: RenderStyles) -> None:
        self._styles = styles
        self.rich_style = styles.rich_style

    def __getattr__(self, name: str) -> Any:
        return getattr(self._styles, name)


class _PassState:
    """The table's settings read once per drawing pass, not once per cell."""

    def __init__(self, table: DataTable) -> None:
        self.show_hover_cursor = table._show_hover_cursor
        self.update_count = table._update_count
        self.pseudo_class_state = table._pseudo_class_state
        self.cell_padding = table.cell_padding
        self.fixed_rows = table.fixed_rows
        self.fixed_columns = table.fixed_columns
        self.show_cursor = table.show_cursor
        self.foreground_css = table.cursor_foreground_priority == "css"
        self.background_css = table.cursor_background_priority == "css"
        self.console = table.app.console
        self.none = self.console.get_style("none")
        # The base style of the fixed columns' pass (DataTable._render_line_in_row).
        self.fixed_style = table.get_component_styles("datatable--fixed").rich_style + Style.from_meta(
            {"fixed": True})


class CellTable(DataTable):
    """DataTable with the direct path for :class:`~tui.ui.text.Cell` cells."""

    #: While the table draws (one render_lines call): its Rich style and its
    #: components' styles, each worked out once instead of once per row or line.
    _pass: dict[tuple[object, ...], Any] | None = None

    def add_column(
        self, label: TextType, *, width: int | None = None, key: str | None = None,
        default: Any | None = None,
    ) -> ColumnKey:
        """A plain label (no markup: DataTable would parse a ``str``) as a Cell, drawn directly."""
        if isinstance(label, str) and "[" not in label:
            label = Cell(label)
        return super().add_column(label, width=width, key=key, default=default)

    def _update_dimensions(self, new_rows: Iterable[RowKey]) -> None:
        # DataTable measures every cell of the rows just added (Rich's measurement,
        # a console's options copied per cell) for the content width of columns sized
        # to their content. A one-line Cell is as wide as its cell_len: that is what
        # Rich would measure, taken directly (the views' tables, sized to their cells,
        # spent 48 ms of a progression's first frame here). Columns with a given width
        # (the classification's) need nothing. Anything else is DataTable's to measure.
        rows = self.rows
        new_rows = list(new_rows)
        if all((row := rows.get(key)) is None or (row.label is None and not row.auto_height)
               for key in new_rows):
            auto = [(index, column) for index, column in enumerate(self.ordered_columns)
                    if column.auto_width]
            widths = self._one_line_widths(new_rows, auto) if auto else []
            if widths is not None:
                for (_index, column), width in zip(auto, widths):
                    column.content_width = width
                new_rows = []
        super()._update_dimensions(new_rows)

    def _one_line_widths(self, new_rows: list[RowKey], auto: list[tuple[int, Any]]) -> list[int] | None:
        """The content widths of the ``auto`` columns (index, column) with ``new_rows``
        added, or None if one of their cells is not a one-line Cell (Rich measures)."""
        widths = [column.content_width for _, column in auto]
        for key in new_rows:
            row_index = self._row_locations.get(key)
            if row_index is None:
                continue  # removed before this ran, as DataTable allows
            cells = self._get_row_renderables(row_index).cells
            for slot, (index, _column) in enumerate(auto):
                cell = cells[index] if index < len(cells) else None
                if not isinstance(cell, Cell) or "\n" in cell.plain or "\t" in cell.plain:
                    return None
                widths[slot] = max(widths[slot], cell.cell_len)
        return widths

    def render_lines(self, crop: Region) -> list[Strip]:
        # DataTable asks for its own Rich style on every line and for the header,
        # fixed and zebra styles on every row; each walks the widget's ancestors.
        # Nothing can restyle the DOM while this synchronous call draws, and the
        # memo is dropped when it returns: it cannot outlive the frame.
        self._pass = {}
        try:
            return super().render_lines(crop)
        finally:
            self._pass = None

    @property
    def ordered_columns(self) -> list[Any]:
        # DataTable builds this list anew on each access: several times per line drawn.
        memo = self._pass
        if memo is None:
            return cast(list[Any], DataTable.ordered_columns.fget(self))  # type: ignore[attr-defined]
        columns = memo.get(("ordered_columns",))
        if columns is None:
            columns = memo[("ordered_columns",)] = DataTable.ordered_columns.fget(self)  # type: ignore[attr-defined]
        return cast(list[Any], columns)

    @property
    def rich_style(self) -> Style:
        memo = self._pass
        if memo is None:
            return DOMNode.rich_style.fget(self)  # type: ignore[attr-defined]
        style = memo.get(())
        if style is None:
            style = memo[()] = DOMNode.rich_style.fget(self)  # type: ignore[attr-defined]
        return cast(Style, style)

    def get_component_styles(self, *names: str) -> RenderStyles:
        memo = self._pass
        if memo is None or not names:
            return super().get_component_styles(*names)
        styles = memo.get(names)
        if styles is None:
            styles = memo[names] = _PassStyles(super().get_component_styles(*names))
        return cast(RenderStyles, styles)

    def _render_cell(
        self,
        row_index: int,
        column_index: int,
        base_style: Style,
        width: int,
        cursor: bool = False,
        hover: bool = False,
    ) -> list[list[Segment]]:
        if column_index < 0:  # a row label
            return super()._render_cell(row_index, column_index, base_style, width, cursor, hover)
        # What is the same for every cell of a pass (reactives cost a descriptor
        # call each) and for every cell of a row, worked out once (see render_lines).
        memo = self._pass if self._pass is not None else {}
        state = memo.get(("state",))
        if state is None:
            state = memo[("state",)] = _PassState(self)
        header = row_index < 0
        if not header and column_index < state.fixed_columns and base_style != state.fixed_style:
            # DataTable draws each fixed column twice: fixed, then again at the head
            # of the scrollable part, which _render_line always crops away (from
            # x1 + the fixed columns' width). Blank, of the same width, is enough.
            return [[Segment(" " * width, base_style)]]
        row_memo = memo.get(("row", row_index))
        if row_memo is None:
            row_key = self._header_row_key if header else self._row_locations.get_key(row_index)
            if header:
                height = self.header_height
            else:
                row = self.rows.get(row_key) if row_key is not None else None
                height = row.height if row is not None else 0
            cells = self._get_row_renderables(row_index).cells if height == 1 else None
            row_memo = memo[("row", row_index)] = (row_key, cells)
        row_key, cells = row_memo
        column_key = self._column_locations.get_key(column_index)
        if row_key is None or column_key is None:
            return super()._render_cell(row_index, column_index, base_style, width, cursor, hover)
        # The key DataTable itself files the cell under (so its invalidation holds).
        cache_key = (
            row_key, column_key, base_style, cursor, hover, state.show_hover_cursor,
            state.update_count, state.pseudo_class_state,
        )
        cache = self._cell_render_cache
        lines = cache.get(cache_key)
        if lines is not None:
            return lines
        padding = state.cell_padding
        inner = width - 2 * padding
        cell = cells[column_index] if cells is not None else None
        if inner < 0 or not isinstance(cell, Cell):
            return super()._render_cell(row_index, column_index, base_style, width, cursor, hover)
        console = state.console
        segments = cell.line_segments(console, inner)
        if segments is None:  # crops, wraps or has tabs: Rich's way
            return super()._render_cell(row_index, column_index, base_style, width, cursor, hover)
        component_style, post_style = self._get_styles_to_render_cell(
            header,
            False,
            not header and (row_index < state.fixed_rows or column_index < state.fixed_columns),
            hover,
            cursor,
            state.show_cursor,
            state.show_hover_cursor,
            state.foreground_css,
            state.background_css,
        )
        pre_style = base_style + Style.from_meta({"row": row_index, "column": column_index}) + component_style
        # Padding(cell, (0, padding)) with its default style "none", the line padded to
        # the inner width with that style (Console.render_lines), then Styled's
        # pre_style + segment style + post_style over every segment.
        none = state.none
        line = list(segments)
        used = cell.cell_len
        if used < inner:
            line.append(Segment(" " * (inner - used), none))
        if padding:
            line = [Segment(" " * padding, none), *line, Segment(" " * padding, none)]
        lines = [list(_apply_style(line, pre_style, post_style))]
        cache[cache_key] = lines
        return lines
