"""Progression: a class's table round by round, cumulative points or places, with bars."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.content import Content
from textual.screen import Screen
from textual.widgets import DataTable, Static

from tui.core.models import Dataset
from tui.core.points import Kind
from tui.core.progression import Line, Progression, bar, change_mark, level, progression

from ..classes import class_colour, class_tag
from ..text import cell, literal
from ..widgets.cell_table import CellTable
from ..widgets.footer import KeyFooter
from ..widgets.header import TitleBar
from ..widgets.live_bar import LiveBar
from .lean import LeanScreen

#: Cells of the total's bar (a shared scale: the class leader's points fill it).
BAR_WIDTH = 12
UNKNOWN = Content("·").stylize("dim")


def round_cell(line: Line, index: int, places: bool) -> Content:
    step = line.steps[index]
    if step.unknown:
        return UNKNOWN  # never a zero: the result is not known
    if not places:
        return Content(str(step.points))
    if step.rank is None:
        return Content("")
    mark = change_mark(step.change)
    style = "bold" if mark.startswith("▲") else "italic" if mark.startswith("▼") else ""
    return Content.assemble(str(step.rank), (f" {mark}" if mark else "", style))


def progression_rows(shown: Progression, places: bool, favourite: frozenset[str] | None = None
                     ) -> list[tuple[str, list[Content]]]:
    """(entry id, cells) per line: place, name, the total's bar, the trend, a cell per round."""
    most = shown.most_points
    rows = []
    for line in shown.lines:
        trend = "".join(level(step.points, most) for step in line.steps)
        name = literal(line.name)
        key = f"{'driver' if shown.kind == 'drivers' else 'team'}:{line.id}"
        if favourite and key in favourite:
            name = Content.assemble(("★ ", "bold"), name)
        # Total and trend before the rounds: at 80 columns the later rounds scroll.
        cells = [
            Content(str(line.final_rank)),
            name,
            Content.assemble((bar(line.final_points, most, BAR_WIDTH).ljust(BAR_WIDTH), "bold"),
                             f" {line.final_points}"),
            Content(trend).stylize(class_colour(shown.car_class)),
            *(round_cell(line, i, places) for i in range(len(shown.rounds))),
        ]
        rows.append((line.id, cells))
    return rows


class ProgressionScreen(LeanScreen, Screen):
    """1-4: class; t: drivers or teams; m: cumulative points or places after each round."""

    BINDINGS = [
        Binding("escape,g", "app.pop_screen", "Back", id="progression.back"),
        Binding("1", "show_class(1)", "LMP1", show=False, id="progression.1"),
        Binding("2", "show_class(2)", "LMP2", show=False, id="progression.2"),
        Binding("3", "show_class(3)", "GTS", show=False, id="progression.3"),
        Binding("4", "show_class(4)", "GT", show=False, id="progression.4"),
        Binding("t", "toggle_kind", "Drivers / teams", id="progression.kind"),
        Binding("m", "toggle_places", "Points / places", id="progression.mode"),
        Binding("j", "cursor_down", "Down", show=False, id="progression.down"),
        Binding("k", "cursor_up", "Up", show=False, id="progression.up"),
        Binding("asterisk", "star", "Star", id="progression.star"),
    ]

    def __init__(self, dataset: Dataset, class_id: str | None) -> None:
        super().__init__()
        self.dataset = dataset
        self.class_id = class_id or dataset.classes[0].id
        self.kind: Kind = "drivers"
        self.places = False

    def compose(self) -> ComposeResult:
        yield TitleBar()
        yield LiveBar()
        with Vertical(classes="page-body"):
            yield Static(id="progression-title")
            yield CellTable(id="progression-table", cursor_type="row", zebra_stripes=True)
            yield Static(id="progression-notes")
        yield KeyFooter()

    def on_mount(self) -> None:
        self._show()
        self.query_one("#progression-table").focus()

    def action_show_class(self, number: int) -> None:
        classes = self.dataset.classes
        if 0 < number <= len(classes):
            self.class_id = classes[number - 1].id
            self._show()

    def action_toggle_kind(self) -> None:
        self.kind = "teams" if self.kind == "drivers" else "drivers"
        self._show()

    def action_toggle_places(self) -> None:
        self.places = not self.places
        self._show()

    def action_cursor_down(self) -> None:
        self.query_one("#progression-table", DataTable).action_cursor_down()

    def action_cursor_up(self) -> None:
        self.query_one("#progression-table", DataTable).action_cursor_up()

    def _show(self) -> None:
        shown = progression(self.dataset, self.class_id, self.kind)
        what = "places after each round" if self.places else "points after each round"
        self.sub_title = f"{self.class_id} progression"
        self.query_one("#progression-title", Static).update(
            Content.assemble(class_tag(self.class_id), " ", (f"{self.kind.capitalize()}: {what}", "bold"))
        )
        table = self.query_one("#progression-table", DataTable)
        keep = table.cursor_row if table.row_count else 0
        table.clear(columns=True)
        for label in ("#", "Name", "Total", "Trend", *(f"R{n}" for n in shown.rounds)):
            table.add_column(label, key=label)
        favourite: frozenset[str] = getattr(self.app, "favourite_keys", frozenset())
        for entry_id, cells in progression_rows(shown, self.places, favourite):
            table.add_row(*map(cell, cells), key=entry_id)
        if table.row_count:
            table.move_cursor(row=min(keep, table.row_count - 1), animate=False)
        notes = [
            "· result unknown in that round (never drawn as zero)   _ no points yet",
            "Trend and Total share one scale: the class leader's points.",
        ]
        if self.places:
            notes.insert(0, "▲+n up n places, ▼-n down n places, = unchanged since the round before")
        self.query_one("#progression-notes", Static).update(Content("\n".join(notes)).stylize("dim"))

    def show_favourites(self, favourites: frozenset[str]) -> None:
        self._show()

    def action_star(self) -> None:
        table = self.query_one("#progression-table", DataTable)
        if table.row_count:
            entry_id = table.coordinate_to_cell_key(table.cursor_coordinate).row_key.value
            kind = "driver" if self.kind == "drivers" else "team"
            self.app.action_toggle_favourite(f'{kind}:{entry_id}')  # type: ignore[attr-defined]

    def apply_dataset(self, dataset: Dataset) -> None:
        self.dataset = dataset
        if dataset.car_class(self.class_id) is None:
            self.class_id = dataset.classes[0].id
        self._show()
