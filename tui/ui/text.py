"""Turning data strings into Content that never parses markup or emits raw controls.

Every string that comes from a dataset file reaches a widget through here (or as
``Content``/``Text`` built from ``printable``): a plain ``str`` in a DataTable
cell would run ``[@click=...]`` actions and crash on ``[/]``.
"""

from __future__ import annotations

from collections.abc import Iterable

from rich.console import Console, ConsoleOptions
from rich.segment import Segment
from rich.text import Text
from textual.content import Content

from tui.core.safe_text import printable

__all__ = ["Cell", "cell", "literal", "printable"]


def literal(text: str | None, style: str = "") -> Content:
    """Data as literal Content: brackets stay brackets, controls become escapes."""
    content = Content(printable(text or ""))
    return content.stylize(style) if style and text else content


class Cell(Text):
    """A one-line DataTable cell that draws itself straight from its spans.

    Rich's ``Text`` wraps, joins and copies itself each time it is drawn. A cell
    that fits its column (the classification sizes columns to their widest cell)
    needs none of that, and DataTable draws a cell again whenever the cursor or the
    zebra stripe over it changes. So the segments are computed once per width and
    kept: a cell is never changed after it is made (a change makes a new cell).
    """

    _drawn: tuple[int, list[Segment]] | None = None

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> Iterable[Segment]:
        drawn = self._draw(console, options.max_width)
        if drawn is None:
            return list(super().__rich_console__(console, options))  # crop, wrap, tabs
        return drawn

    def _draw(self, console: Console, width: int) -> list[Segment] | None:
        """The segments (end included) at ``width``, or None if Rich must lay it out."""
        drawn = self._drawn
        if drawn is not None and drawn[0] == width:
            return drawn[1]
        if self.cell_len > width or "\n" in self.plain or "\t" in self.plain:
            return None
        segments = list(self.render(console, end=self.end))
        self._drawn = (width, segments)
        return segments

    def line_segments(self, console: Console, width: int) -> list[Segment] | None:
        """The one line this cell draws at ``width``, without its end; None if it does
        not fit in one line as it is (see :mod:`tui.ui.widgets.cell_table`)."""
        drawn = self._draw(console, width)
        if drawn is None:
            return None
        end = self.end
        if end and drawn and drawn[-1].text == end:
            return drawn[:-1]
        if end:  # an end that is not a line break of its own: Rich's way
            return None
        return drawn


def cell(content: Content, style: str = "") -> Cell:
    """Content as a rich ``Text`` (a :class:`Cell`) for a DataTable cell.

    DataTable (Textual 8.2.8) measures column widths with Rich's protocol, which
    ``Content`` does not implement: its cells would count as one column wide.
    ``Text`` is measured, and like ``Content`` it is never parsed as markup.
    """
    text = Cell(content.plain, no_wrap=True, overflow="ellipsis")
    for start, end, span_style in content.spans:
        text.stylize(span_style if isinstance(span_style, str) else span_style.rich_style, start, end)
    if style:
        text.stylize(style)  # over the cell's own styles: a changed cell stands out
    return text
