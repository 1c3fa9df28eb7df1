"""The classification of the selected round, all classes or one."""

from __future__ import annotations

from dataclasses import dataclass

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.content import Content
from textual.message import Message
from textual.widgets import DataTable, Static

from tui.core.classification import Row, classify, coverage_line
from tui.core.models import Dataset, Round, Status

from ..classes import class_tag
from ..names import crew
from ..text import cell, literal
from .filter_bar import FilterBar

UNKNOWN = Content("?").stylize("dim")
NONE = Content("")


def status_text(row: Row) -> Content:
    result = row.result
    if result.status is Status.FINISHED:
        return Content("Finished") if not result.reason else literal(f"Finished: {result.reason}")
    label = result.status.label
    if result.reason:
        return Content.assemble((label, "bold"), ": ", literal(result.reason))
    return Content(label).stylize("bold")


def row_cells(dataset: Dataset, row: Row, class_first: bool) -> list[Content]:
    """The cells of one row; unknown facts show as a dim ``?``, never as a guess."""
    result = row.result
    finished = result.status is Status.FINISHED
    overall = Content(str(result.position)) if result.position else (UNKNOWN if finished else NONE)
    in_class = Content(str(row.class_position)) if row.class_position else (UNKNOWN if finished else NONE)
    if row.class_position and not row.class_position_derived:
        in_class = in_class.stylize("italic")  # stated by a source, not read off the order
    team = dataset.team(result.team) if result.team else None
    team_name = result.team_as_entered or (team.name if team else None)
    drivers = literal(crew(dataset, result.drivers)) if result.drivers else UNKNOWN
    if result.drivers and not result.crew_complete:
        drivers = Content.assemble(drivers, (" +?", "dim"))
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
COLUMNS = ["Pos", "Cls", "Class", "No.", "Drivers", "Laps", "Gap", "Status", "Team", "Car"]
CLASS_FIRST_COLUMNS = ["Cls", "Pos", *COLUMNS[2:]]


class ClassificationTable(DataTable):
    """Rows keyed by car (not index) so the cursor survives rows moving."""

    BINDINGS = [
        Binding("j", "cursor_down", "Down", show=False, id="classification.down"),
        Binding("k", "cursor_up", "Up", show=False, id="classification.up"),
        Binding("enter", "select_cursor", "Open driver", id="classification.open"),
    ]


class Classification(Vertical):
    """Filter bar, a line on what the sources cover, and the table."""

    @dataclass
    class CarHighlighted(Message):
        """The cursor is on a car (``opened`` when enter was pressed)."""

        row: Row | None
        opened: bool = False

    def __init__(self, class_ids: list[str], **kwargs) -> None:
        super().__init__(**kwargs)
        self.class_ids = class_ids
        self.rows: dict[str, Row] = {}

    def compose(self) -> ComposeResult:
        yield FilterBar(self.class_ids, id="filter-bar")
        yield Static(id="coverage", markup=False)
        table = ClassificationTable(id="classification-table", cursor_type="row", zebra_stripes=True)
        table.tooltip = None
        yield table

    @property
    def table(self) -> ClassificationTable:
        return self.query_one(ClassificationTable)

    def show(
        self, dataset: Dataset, round_: Round, class_filter: str | None, keep: str | None = None
    ) -> None:
        """Fill the table; put the cursor on the car ``keep`` if it is still shown."""
        every_row = classify(round_)
        counts: dict[str, int] = {}
        for row in every_row:
            counts[row.result.car_class] = counts.get(row.result.car_class, 0) + 1
        self.query_one(FilterBar).show(counts, class_filter)
        rows = classify(round_, class_filter) if class_filter else every_row
        coverage = coverage_line(round_)
        if class_filter:
            entered = _class_entries(round_, class_filter)
            shown = f"{len(rows)} {class_filter} car{'s' if len(rows) != 1 else ''} known"
            coverage = f"{shown}{f' of {entered} entered' if entered is not None else ''} · {coverage}"
        self.query_one("#coverage", Static).update(Content(coverage))

        table = self.table
        class_first = class_filter is not None
        table.clear(columns=True)
        for label in CLASS_FIRST_COLUMNS if class_first else COLUMNS:
            table.add_column(label, key=label)
        self.rows = {}
        for row in rows:
            key = row.key if row.key not in self.rows else f"{row.key}@{row.index}"
            self.rows[key] = row
            table.add_row(*map(cell, row_cells(dataset, row, class_first)), key=key)
        if keep in self.rows:
            table.move_cursor(row=table.get_row_index(keep), animate=False)
        if not rows:
            self.post_message(self.CarHighlighted(None))

    def highlighted_row(self) -> Row | None:
        table = self.table
        if not table.row_count:
            return None
        key = table.coordinate_to_cell_key(table.cursor_coordinate).row_key.value
        return self.rows.get(key)

    def on_data_table_row_highlighted(self, event: DataTable.RowHighlighted) -> None:
        event.stop()
        self.post_message(self.CarHighlighted(self.rows.get(event.row_key.value)))

    def on_data_table_row_selected(self, event: DataTable.RowSelected) -> None:
        event.stop()
        self.post_message(self.CarHighlighted(self.rows.get(event.row_key.value), opened=True))


def _class_entries(round_: Round, class_id: str) -> int | None:
    if round_.stats and round_.stats.entries:
        return round_.stats.entries.by_class.get(class_id)
    return None
