"""The classification of the selected round, all classes or one."""

from __future__ import annotations

from collections import OrderedDict
from collections.abc import Mapping
from dataclasses import dataclass
from functools import cached_property

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.content import Content
from textual.geometry import Size
from textual.message import Message
from textual.widgets import DataTable, Static
from textual.widgets.data_table import ColumnKey

from tui.core.classification import Row, classify, coverage_line
from tui.core.favourites import marks_result
from tui.core.models import Dataset, Round, Status

from ..classes import class_tag
from ..names import crew, view_names
from ..notes import UNCERTAIN_MARK
from ..text import Cell, cell, literal
from .cell_table import CellTable
from .filter_bar import FilterBar

UNKNOWN = Content("?").stylize("dim")
#: How changed cells look after a reload, and for how long (seconds).
CHANGED = "bold #000000 on #F0E442"
CHANGED_FOR = 2.0


class OrderedText(Cell):
    """A first cell that knows its row's place, so the table can sort by it."""

    order: int = 0

    @classmethod
    def of(cls, text: Text, order: int) -> OrderedText:
        ordered = cls(text.plain, style=text.style, no_wrap=True, overflow="ellipsis", spans=list(text.spans))
        ordered.order = order
        return ordered
NONE = Content("")


def status_text(row: Row) -> Content:
    result = row.result
    if result.status is Status.FINISHED:
        return Content("Finished") if not result.reason else literal(f"Finished: {result.reason}")
    label = result.status.label
    if result.reason:
        return Content.assemble((label, "bold"), ": ", literal(result.reason))
    return Content(label).stylize("bold")


def row_cells(
    dataset: Dataset, row: Row, class_first: bool, names: Mapping[str, str] | None = None,
    starred: bool = False,
) -> list[Content]:
    """The cells of one row; unknown facts show as a dim ``?``, never as a guess.

    ``names``: the drivers' short names in this table (:func:`view_names`).
    ``starred``: a favourite driver, crew or team: ``★`` before the drivers.
    """
    result = row.result
    finished = result.status is Status.FINISHED
    overall = Content(str(result.position)) if result.position else (UNKNOWN if finished else NONE)
    in_class = Content(str(row.class_position)) if row.class_position else (UNKNOWN if finished else NONE)
    if row.class_position and not row.class_position_derived:
        in_class = in_class.stylize("italic")  # stated by a source, not read off the order
    if result.uncertain:
        # Inferred or unclearly worded: marked and dimmed, explained in the row's note.
        overall, in_class = (
            Content.assemble(c, UNCERTAIN_MARK).stylize("dim italic") if c.plain else c
            for c in (overall, in_class)
        )
    team_name = dataset.team_name(result)
    drivers = literal(crew(dataset, result.drivers, names=names)) if result.drivers else UNKNOWN
    if result.drivers and not result.crew_complete:
        drivers = Content.assemble(drivers, (" +?", "dim"))
    if starred:
        drivers = Content.assemble(("★ ", "bold"), drivers)
    positions = [in_class, overall] if class_first else [overall, in_class]
    return [
        *positions,
        class_tag(result.car_class),
        Content(f"#{result.number}") if result.number is not None else UNKNOWN,
        drivers,
        Content(str(result.laps)) if result.laps is not None else UNKNOWN,
        literal(row.class_gap) if row.class_gap else NONE,
        status_text(row),
        literal(team_name) if team_name else UNKNOWN,
        literal(result.car_label) if result.car_label else UNKNOWN,
    ]


# The facts a reader scans first come first; team and car are often cut off at 80 columns.
# "Cls gap", not "Gap": it is the gap to the class leader (the class winner shows
# none), while the export's "Gap" is the gap to the overall winner as printed.
COLUMNS = ["Pos", "Cls", "Class", "No.", "Drivers", "Laps", "Cls gap", "Status", "Team", "Car"]
CLASS_FIRST_COLUMNS = ["Cls", "Pos", *COLUMNS[2:]]
#: Pos, Cls, Class and No. stay in place when the table scrolls sideways: the row
#: must still say which car it is.
FIXED_COLUMNS = 4
#: Cells between columns. DataTable pads both sides of each column (two cells a
#: gap); one gap, after each column, gives a full Mosport ten columns back.
COLUMN_GAP = 1


class ClassificationTable(CellTable):
    """Rows keyed by car (not index) so the cursor survives rows moving."""

    BINDINGS = [
        Binding("j", "cursor_down", "Down", show=False, id="classification.down"),
        Binding("k", "cursor_up", "Up", show=False, id="classification.up"),
        Binding("enter", "select_cursor", "Open driver", id="classification.open"),
    ]

    #: (size, container size, virtual size) at the last layout that changed them.
    _laid_out: tuple[Size, Size, Size] | None = None

    def _size_updated(
        self, size: Size, virtual_size: Size, container_size: Size, layout: bool = True
    ) -> bool:
        # Every layout pass of the screen hands a scroll view a virtual size that is
        # not its own (ScrollView keeps the one it computes), so Textual takes the
        # table as resized each time and repaints its scrollbar: one more frame
        # after every key. Nothing changed for the table: nothing to do.
        laid_out = (size, container_size, self.virtual_size)
        if laid_out == self._laid_out:
            return False
        self._laid_out = laid_out
        return super()._size_updated(size, virtual_size, container_size, layout)


#: Round-and-filter views kept for going back (each holds its rows' cells).
VIEWS_KEPT = 16


@dataclass(frozen=True)
class TableView:
    """One round under one filter, ready for the table and the bars above it."""

    dataset: Dataset
    round: Round
    counts: dict[str, int]  # cars per class in the round (the filter chips)
    coverage: str
    class_first: bool
    rows: dict[str, Row]  # by key (the car, stable across reloads)
    cells: dict[str, list[Content]]

    @cached_property
    def texts(self) -> dict[str, list[Text]]:
        """The cells as the DataTable takes them: made on the first rebuild only (a
        reload patches the rows it shows and converts only the cells that changed)."""
        return {key: [cell(c) for c in row_cells_] for key, row_cells_ in self.cells.items()}

    @classmethod
    def build(cls, dataset: Dataset, round_: Round, class_filter: str | None,
              favourites: frozenset[str] = frozenset()) -> TableView:
        every_row = classify(round_)
        counts: dict[str, int] = {}
        for row in every_row:
            counts[row.result.car_class] = counts.get(row.result.car_class, 0) + 1
        rows = classify(round_, class_filter) if class_filter else every_row
        coverage = coverage_line(round_)
        if class_filter:
            entered = _class_entries(round_, class_filter)
            shown = f"{len(rows)} {class_filter} car{'s' if len(rows) != 1 else ''} known"
            coverage = f"{shown}{f' of {entered} entered' if entered is not None else ''} · {coverage}"
        class_first = class_filter is not None
        keyed: dict[str, Row] = {}
        for row in rows:
            keyed[row.key if row.key not in keyed else f"{row.key}@{row.index}"] = row
        # The whole round's drivers, not only the filter's: a name reads the same
        # under every filter (C. Field at Mosport, where J. Field drove too).
        names = view_names(dataset, (d for row in every_row for d in row.result.drivers))
        cells = {
            key: row_cells(dataset, row, class_first, names,
                           marks_result(favourites, row.result.drivers, row.result.team))
            for key, row in keyed.items()
        }
        return cls(dataset, round_, counts, coverage, class_first, keyed, cells)


def _same_cells(old: dict[str, list[Content]], new: dict[str, list[Content]]) -> bool:
    """The same rows in the same order, each cell the same text with the same look."""
    return list(old) == list(new) and all(
        len(old[key]) == len(cells) and all(a.is_same(b) for a, b in zip(old[key], cells))
        for key, cells in new.items()
    )


class Classification(Vertical):
    """Filter bar, a line on what the sources cover, and the table."""

    @dataclass(eq=False, repr=False)  # __init__ only: see SeasonApp.Loaded
    class CarOpened(Message):
        """Enter (or a click on the highlighted row) on a car: show its driver.

        Cursor moves are not announced: the screen follows the table's cursor
        directly, the one path by which the driver detail changes with the cursor.
        """

        row: Row | None

    def __init__(self, class_ids: list[str], **kwargs) -> None:
        super().__init__(**kwargs)
        self.class_ids = class_ids
        self.rows: dict[str, Row] = {}
        self._cells: dict[str, list[Content]] = {}
        self._class_first = False
        # Least recently used last out. Not Textual's LRUCache: its entries link to
        # each other in a ring, so views it let go of (and the season they hold)
        # stayed until a full collector pass, which then walked the replaced
        # season as well as the new one: the stall after a reload (tui.gc_policy).
        self._views: OrderedDict[tuple[int, str | None], TableView] = OrderedDict()
        self._views_of: Dataset | None = None  # the season version the views show
        self.favourites: frozenset[str] = frozenset()  # starred rows are marked
        #: True while show() rewrites the table: the cursor moves then are not the user's.
        self.filling = False

    def compose(self) -> ComposeResult:
        yield FilterBar(self.class_ids, id="filter-bar")
        yield Static(id="coverage", markup=False)
        table = ClassificationTable(
            id="classification-table", cursor_type="row", zebra_stripes=True,
            cell_padding=0, fixed_columns=FIXED_COLUMNS,
        )
        table.tooltip = None
        yield table

    @property
    def table(self) -> ClassificationTable:
        return self.query_one(ClassificationTable)

    def show(
        self,
        dataset: Dataset,
        round_: Round,
        class_filter: str | None,
        keep: str | None = None,
        *,
        in_place: bool = False,
    ) -> None:
        """Fill the table; put the cursor on the car ``keep`` if it is still shown.

        ``in_place`` (a reload of the same round and filter) patches the rows by
        key instead of rebuilding: the cursor stays on its car at the same height
        on screen, and changed cells are marked for a moment.
        """
        view = self._view(dataset, round_, class_filter)
        bar = self.query_one(FilterBar)
        if not bar.display:  # after a hidden round (show_hidden)
            bar.display = True
        bar.show_counts(view.counts, class_filter)
        if view.coverage != getattr(self, "_coverage", None):  # an update costs a layout pass
            self._coverage = view.coverage
            self.query_one("#coverage", Static).update(Content(view.coverage))
        keyed, cells, class_first = view.rows, view.cells, view.class_first
        self.filling = True
        try:
            if self._class_first == class_first and _same_cells(self._cells, cells):
                # The same table (the season as of another round that leaves this
                # round alone, or a reload that changed other rounds): redrawing
                # it would cost a frame of ~350 cells and show nothing new.
                self.rows = keyed
                if keep in keyed and keep != self.cursor_key:
                    self.table.move_cursor(row=self.table.get_row_index(keep), animate=False)
            elif in_place and self._class_first == class_first:
                self._patch(keyed, cells, keep)
            else:
                self._rebuild(keyed, cells, class_first, keep, view.texts)
        finally:
            self.filling = False

    def set_favourites(self, favourites: frozenset[str]) -> None:
        """Mark these favourites from the next show() on (the kept views are dropped)."""
        if favourites != self.favourites:
            self.favourites = favourites
            self._views.clear()

    def show_hidden(self, message: str) -> None:
        """A round whose result is hidden (the season as of an earlier round): no rows,
        and a line that says so where the coverage line goes."""
        # Hidden, not zero: the counts of a hidden round are not known yet.
        self.query_one(FilterBar).display = False
        self._coverage = message
        self.query_one("#coverage", Static).update(Content(message))
        self.filling = True
        try:
            with self.table.prevent(DataTable.RowHighlighted):
                self.table.clear(columns=True)
            self.rows, self._cells = {}, {}
        finally:
            self.filling = False
        # No announcement: the screen shows "no car" itself (MainScreen._show_hidden_round).

    def _view(self, dataset: Dataset, round_: Round, class_filter: str | None) -> TableView:
        """What the table shows for a round and filter, built once per season version:
        going back to a round or filter (a reader compares) skips the classifying and
        the cell building."""
        if self._views_of is not dataset:
            # A new season version: views of the old one would keep it alive.
            self._views.clear()
            self._views_of = dataset
        key = (round_.number, class_filter)
        view = self._views.get(key)
        if view is None:
            view = TableView.build(dataset, round_, class_filter, self.favourites)
            self._views[key] = view
            if len(self._views) > VIEWS_KEPT:
                self._views.popitem(last=False)
        else:
            self._views.move_to_end(key)
        return view

    def _rebuild(self, keyed: dict[str, Row], cells: dict[str, list[Content]],
                 class_first: bool, keep: str | None, texts: dict[str, list[Text]] | None = None) -> None:
        table = self.table
        labels = CLASS_FIRST_COLUMNS if class_first else COLUMNS
        # Clearing would announce row 0, then the kept car: one announcement will do.
        with table.prevent(DataTable.RowHighlighted):
            table.clear(columns=True)
            # Widths are computed here rather than left to DataTable, which
            # measures new rows when it next goes idle: under load, keys that
            # rebuilt the table again before then left columns at their label
            # widths, every cell cut to an ellipsis.
            for label, width in zip(labels, _column_widths(labels, cells.values())):
                table.add_column(Cell(label), key=label, width=width)  # drawn directly (CellTable)
            for key, row_cells_ in cells.items():
                table.add_row(*(texts[key] if texts else map(cell, row_cells_)), key=key)
            self.rows, self._cells, self._class_first = keyed, cells, class_first
            if keep in self.rows:
                table.move_cursor(row=table.get_row_index(keep), animate=False)

    def _patch(self, keyed: dict[str, Row], cells: dict[str, list[Content]], keep: str | None = None) -> None:
        table = self.table
        columns = CLASS_FIRST_COLUMNS if self._class_first else COLUMNS
        widths = _column_widths(columns, cells.values())
        if any(width > table.columns[ColumnKey(label)].width for label, width in zip(columns, widths)):
            # A cell no longer fits: rebuild with the new widths (cursor kept by key).
            scroll_y, cursor_key = table.scroll_y, keep if keep in keyed else self.cursor_key
            self._rebuild(keyed, cells, self._class_first, cursor_key)
            table.scroll_to(y=scroll_y, animate=False)
            return
        # The car asked for (the user's, back in this version) over the one under the cursor.
        cursor_key = keep if keep in keyed else self.cursor_key
        screen_offset = table.cursor_row - int(table.scroll_y)
        changed: list[tuple[str, str]] = []
        for key in self.rows.keys() - keyed.keys():
            table.remove_row(key)
        for key, new_cells in cells.items():
            if key not in self.rows:
                table.add_row(*(cell(c, CHANGED) for c in new_cells), key=key)
                changed.extend((key, column) for column in columns)
                continue
            for column, old, new in zip(columns, self._cells[key], new_cells):
                if not old.is_same(new):  # == compares the text only, not its look
                    table.update_cell(key, column, cell(new, CHANGED))
                    changed.append((key, column))
        order = {key: index for index, key in enumerate(keyed)}
        if [k.value for k in table.rows] != list(keyed) or any(
            table.get_row_index(k) != i for k, i in order.items()
        ):
            # Rows moved: sort by their new place (the first cell carries it).
            for key in keyed:
                table.update_cell(key, columns[0], OrderedText.of(table.get_cell(key, columns[0]), order[key]))
            table.sort(columns[0], key=lambda first: first.order)
        self.rows, self._cells = keyed, cells
        if cursor_key in self.rows:
            index = table.get_row_index(cursor_key)
            table.move_cursor(row=index, animate=False, scroll=False)
            table.scroll_to(y=max(0, index - screen_offset), animate=False)
        if changed:
            self._unmark_after(changed)

    def _unmark_after(self, marked: list[tuple[str, str]]) -> None:
        """Changed cells return to their normal look after a moment."""

        def unmark() -> None:
            columns = CLASS_FIRST_COLUMNS if self._class_first else COLUMNS
            for key, column in marked:
                if key in self._cells and column in columns:
                    table = self.table
                    current = table.get_cell(key, column)
                    order = getattr(current, "order", None)
                    plain = cell(self._cells[key][columns.index(column)])
                    table.update_cell(key, column, OrderedText.of(plain, order) if order is not None else plain)

        self.set_timer(CHANGED_FOR, unmark)

    def highlighted_row(self) -> Row | None:
        key = self.cursor_key
        return self.rows.get(key) if key is not None else None

    @property
    def cursor_key(self) -> str | None:
        """The key of the car under the cursor (stable across reloads)."""
        table = self.table
        if not table.row_count:
            return None
        return table.coordinate_to_cell_key(table.cursor_coordinate).row_key.value

    def on_data_table_row_highlighted(self, event: DataTable.RowHighlighted) -> None:
        event.stop()  # the screen watches the cursor itself (see CarOpened)

    def on_data_table_row_selected(self, event: DataTable.RowSelected) -> None:
        event.stop()
        key = event.row_key.value
        self.post_message(self.CarOpened(self.rows.get(key) if key is not None else None))


def _column_widths(labels: list[str], rows) -> list[int]:
    """Each column as wide as its widest cell or its label, and the gap after it."""
    widths = [len(label) for label in labels]
    for row_cells_ in rows:
        for index, content in enumerate(row_cells_):
            widths[index] = max(widths[index], content.cell_length)
    return [width + COLUMN_GAP for width in widths]


def _class_entries(round_: Round, class_id: str) -> int | None:
    if round_.stats and round_.stats.entries:
        return round_.stats.entries.by_class.get(class_id)
    return None
