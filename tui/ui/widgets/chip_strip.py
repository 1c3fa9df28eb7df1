"""A line of clickable chips, one of them active, drawn by one widget.

The class filter, the highlighted car's crew and the narrow layout's pane tabs were
each a container of one ``Static`` per chip. Every chip is a widget that Textual
composes, mounts, styles (three times at start-up: on mount, when the screen
resumes, when the focus lands) and lays out: 12 of the dashboard's 27 widgets,
about 70 M instructions of the first screen (``benchmarks/startup_counts.py``).
And a chip's new label or its ``-active`` class restyled it and laid the row out
again, on every round switch (the crew) and every class filter (the counts).

Here one widget draws the line. A new label or a new active chip is a repaint of
that line: its size never changes, so there is no layout pass. It keeps what the
chips did: the active chip in bold reverse and a hovered one underlined (component
classes, so a stylesheet can change them), a tooltip per chip, and a click chooses
the chip under the mouse.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from textual import events
from textual.app import RenderResult
from textual.content import Content
from textual.message import Message
from textual.style import Style
from textual.widget import Widget


@dataclass(frozen=True, eq=False)
class Chip:
    """One chip: its label, and the tooltip shown while the mouse is over it."""

    label: Content
    tooltip: Content | str | None = None

    def is_same(self, other: Chip) -> bool:
        # Content's ``==`` compares the text alone: a chip restyled (a class tag's
        # colour) with the same text would not be drawn again.
        return self.label.is_same(other.label) and self.tooltip == other.tooltip


def strip_width(labels: Iterable[Content], padding: int, gap: int) -> int:
    """Cells a line of chips takes: each label, its padding both sides, the gap after."""
    return sum(label.cell_length + 2 * padding + gap for label in labels)


class ChipStrip(Widget, can_focus=False):
    """Chips on one line; :meth:`choose` runs when one is clicked.

    ``padding``: blank cells on each side of a label;
    ``gap``: blank cells after each chip (in the strip's style).
    """

    ALLOW_SELECT = False
    COMPONENT_CLASSES = {"chip-strip--active", "chip-strip--hover"}
    DEFAULT_CSS = """
    ChipStrip {
        height: 1;
        width: 1fr;
        text-wrap: nowrap;
        text-overflow: clip;
        & > .chip-strip--active { text-style: bold reverse; }
        & > .chip-strip--hover { text-style: underline; }
    }
    """

    @dataclass(eq=False, repr=False)  # __init__ only: see SeasonApp.Loaded
    class Chosen(Message):
        strip: ChipStrip
        index: int

        @property
        def control(self) -> ChipStrip:
            return self.strip

    def __init__(self, *, padding: int = 1, gap: int = 0, id: str | None = None,
                 classes: str | None = None) -> None:
        super().__init__(id=id, classes=classes)
        self._chips: tuple[Chip, ...] = ()
        self._active: int | None = None
        self._padding = padding
        self._gap = gap
        self._hovered: int | None = None  # the chip under the mouse
        #: Where each chip was drawn, for the mouse: (first column, end column).
        self._spans: list[tuple[int, int]] = []

    @property
    def chips(self) -> tuple[Chip, ...]:
        return self._chips

    @property
    def active(self) -> int | None:
        """The active chip's index, or ``None``."""
        return self._active

    def show(self, chips: Iterable[Chip], active: int | None, *,
             padding: int | None = None, gap: int | None = None) -> None:
        """Show these chips, ``active`` highlighted; the same ones again draw nothing."""
        chips = tuple(chips)
        padding = self._padding if padding is None else padding
        gap = self._gap if gap is None else gap
        same = (
            active == self._active and padding == self._padding and gap == self._gap
            and len(chips) == len(self._chips)
            and all(new.is_same(old) for new, old in zip(chips, self._chips))
        )
        if same:
            return
        self._chips, self._active, self._padding, self._gap = chips, active, padding, gap
        if self._hovered is not None and self._hovered >= len(chips):
            self._hovered = None
            self.tooltip = None
        self.refresh()  # one line, same size: a repaint, never a layout pass

    def render(self) -> RenderResult:
        active_style = Style.from_rich_style(self.get_component_rich_style("chip-strip--active", partial=True))
        hover_style = Style.from_rich_style(self.get_component_rich_style("chip-strip--hover", partial=True))
        pad = " " * self._padding
        gap = Content(" " * self._gap)
        pieces: list[Content] = []
        spans: list[tuple[int, int]] = []
        column = 0
        for index, chip in enumerate(self._chips):
            label = chip.label
            # As a chip widget drew it: the style under the label's own (a class tag
            # keeps its colour, reversed when active), the padding left plain.
            if index == self._hovered:
                label = label.stylize_before(hover_style)
            if index == self._active:
                label = label.stylize_before(active_style)
            piece = Content.assemble(pad, label, pad)
            spans.append((column, column + piece.cell_length))
            column += piece.cell_length + self._gap
            pieces.append(piece)
            pieces.append(gap)
        self._spans = spans
        return Content.assemble(*pieces)

    # --- the mouse ---------------------------------------------------------------

    def chip_at(self, x: int) -> int | None:
        """The index of the chip drawn at column ``x``, if any."""
        return next((index for index, (start, end) in enumerate(self._spans) if start <= x < end), None)

    def chip_span(self, index: int) -> tuple[int, int]:
        """Columns (first, end) where chip ``index`` was drawn (for tests and tools)."""
        return self._spans[index]

    def choose(self, index: int) -> None:
        """Chip ``index`` was clicked: by default, say so with :class:`Chosen`."""
        self.post_message(self.Chosen(self, index))

    def on_click(self, event: events.Click) -> None:
        index = self.chip_at(event.x)
        if index is not None:
            event.stop()
            self.choose(index)

    def on_mouse_move(self, event: events.MouseMove) -> None:
        index = self.chip_at(event.x)
        if index != self._hovered:
            self._hovered = index
            self.tooltip = self._chips[index].tooltip if index is not None else None
            self.refresh()

    def on_leave(self, event: events.Leave) -> None:
        if self._hovered is not None:
            self._hovered = None
            self.tooltip = None
            self.refresh()
