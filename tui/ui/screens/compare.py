"""Compare two to five drivers or crews: pick them, then see them side by side."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.content import Content
from textual.screen import ModalScreen, Screen
from textual.widgets import Button, DataTable, SelectionList, Static
from textual.widgets.selection_list import Selection

from tui.core.compare import (
    LEAST,
    MOST,
    CompareError,
    Comparison,
    Contender,
    Outing,
    compare,
    crews,
)
from tui.core.favourites import crew_key, driver_key
from tui.core.models import Dataset, Status
from tui.core.points import driver_standings, ordinal

from ..names import crew
from ..text import cell, literal, printable
from ..widgets.cell_table import CellTable
from ..widgets.footer import KeyFooter
from ..widgets.header import TitleBar
from ..widgets.live_bar import LiveBar
from .lean import LeanScreen


def contender_name(dataset: Dataset, contender: Contender) -> str:
    if len(contender.drivers) == 1:
        return printable(dataset.driver_name(contender.drivers[0]))
    return printable(crew(dataset, list(contender.drivers)))


def choices(dataset: Dataset, car_class: str | None) -> list[tuple[str, str]]:
    """(key, label): the class's drivers by standing (every class's without a filter), then crews."""
    classes = [car_class] if car_class else [c.id for c in dataset.classes]
    found: dict[str, str] = {}
    for class_id in classes:
        for entry in driver_standings(dataset, class_id).entries:
            found.setdefault(entry.id, f"{printable(entry.name)}  ({class_id}, {entry.points} pts)")
    for contender in crews(dataset, car_class):
        found.setdefault(contender.key, f"crew  {contender_name(dataset, contender)}")
    return list(found.items())


class ComparePicker(ModalScreen[list[str]]):
    """Space or enter (or a click) marks a driver or crew; v compares; esc cancels."""

    BINDINGS = [
        Binding("escape", "app.pop_screen", "Cancel", id="compare-picker.close"),
        Binding("v", "compare", "Compare", id="compare-picker.compare"),
    ]

    def __init__(self, dataset: Dataset, car_class: str | None, chosen: list[str]) -> None:
        super().__init__()
        self.dataset = dataset
        self.car_class = car_class
        self.chosen = chosen

    def compose(self) -> ComposeResult:
        with Vertical(id="compare-picker-body"):
            yield Static(
                Content.assemble(
                    (f"Compare {LEAST} to {MOST} drivers or crews", "bold"),
                    "\nspace or enter marks one, v compares, esc cancels",
                ),
                id="compare-picker-heading",
            )
            yield SelectionList[str](
                *(Selection(Content(label), key, key in self.chosen)
                  for key, label in choices(self.dataset, self.car_class)),
                id="compare-list",
            )
            yield Button("Compare (v)", id="compare-go", compact=True)
        yield KeyFooter()

    def on_mount(self) -> None:
        self.query_one("#compare-list").focus()

    def on_button_pressed(self, event: Button.Pressed) -> None:
        event.stop()
        self.action_compare()

    def action_compare(self) -> None:
        if self.app.screen is not self:
            return  # closed already: a queued click or key must not pop the screen below
        selected = list(self.query_one("#compare-list", SelectionList).selected)
        if not LEAST <= len(selected) <= MOST:
            self.notify(f"Mark {LEAST} to {MOST} drivers or crews ({len(selected)} marked).",
                        severity="warning", markup=False)
            return
        self.dismiss(selected)


def outing_cell(outing: Outing) -> Content:
    """``1st GT 26 −10``: place, class, points of the round, gap to the best after it."""
    if outing.outcome == "unknown":
        return Content("· result unknown").stylize("dim")
    gap = "" if outing.gap is None else ("lead" if outing.gap == 0 else f"−{outing.gap}")
    gap_text = (f"  {gap}{'*' if outing.provisional and gap else ''}", "dim")
    if outing.outcome == "absent" or outing.row is None:
        return Content.assemble(("— not entered", "dim"), gap_text)
    result = outing.row.result
    if result.status is not Status.FINISHED:
        place = result.status.label
    elif outing.row.class_position is not None:
        place = ordinal(outing.row.class_position)
    else:
        place = "fin."
    points = outing.award.points if outing.award else 0
    return Content.assemble((f"{place:<4}", "bold"), f" {result.car_class} {points}", gap_text)


class CompareScreen(LeanScreen, Screen):
    """Rounds down, contenders across; the total and gap last, head-to-head below."""

    BINDINGS = [
        Binding("escape", "app.pop_screen", "Back", id="compare.back"),
        Binding("v", "app.compare_picker", "Choose others", id="compare.choose"),
        Binding("j", "cursor_down", "Down", show=False, id="compare.down"),
        Binding("k", "cursor_up", "Up", show=False, id="compare.up"),
    ]

    def __init__(self, dataset: Dataset, keys: list[str]) -> None:
        super().__init__()
        self.dataset = dataset
        self.keys = keys

    def compose(self) -> ComposeResult:
        yield TitleBar()
        yield LiveBar()
        with Vertical(classes="page-body"):
            yield CellTable(id="compare-table", cursor_type="row", zebra_stripes=True)
            yield Static(id="compare-notes")
        yield KeyFooter()

    def on_mount(self) -> None:
        self._show()
        self.query_one("#compare-table").focus()

    def action_cursor_down(self) -> None:
        self.query_one("#compare-table", DataTable).action_cursor_down()

    def action_cursor_up(self) -> None:
        self.query_one("#compare-table", DataTable).action_cursor_up()

    def _show(self) -> None:
        self.sub_title = "Compare"
        table = self.query_one("#compare-table", DataTable)
        table.clear(columns=True)
        try:
            shown = compare(self.dataset, [Contender.parse(k) for k in self.keys])
        except CompareError as error:
            self.query_one("#compare-notes", Static).update(literal(str(error)))
            return
        names = [contender_name(self.dataset, c) for c in shown.contenders]
        table.add_column("Round", key="round")
        favourites: frozenset[str] = getattr(self.app, "favourite_keys", frozenset())
        for index, (name, contender) in enumerate(zip(names, shown.contenders)):
            drivers = contender.drivers
            starred = (crew_key(drivers) if len(drivers) > 1 else driver_key(drivers[0])) in favourites
            table.add_column(cell(literal(f"★ {name}" if starred else name, "bold")), key=f"c{index}")
        for round_outings in zip(*shown.outings):
            number = round_outings[0].round.number
            table.add_row(cell(Content(f"R{number}").stylize("bold")),
                          *(cell(outing_cell(o)) for o in round_outings), key=f"R{number}")
        last = [outings[-1] for outings in shown.outings]
        table.add_row(cell(Content("Points").stylize("bold")),
                      *(cell(Content(str(o.total)).stylize("bold")) for o in last), key="total")
        self.query_one("#compare-notes", Static).update(self._notes(shown, names))

    def _notes(self, shown: Comparison, names: list[str]) -> Content:
        lines = [Content("Head-to-head (same round, same class)").stylize("bold underline")]
        by_key = {c.key: name for c, name in zip(shown.contenders, names)}
        for pair in shown.head_to_head:
            first, second = by_key[pair.first.key], by_key[pair.second.key]
            shared = f"same car in {pair.same_car} round{'s' if pair.same_car != 1 else ''}"
            if not pair.met:
                lines.append(literal(f"{first} v {second}: {shared if pair.same_car else 'never met'}"))
                continue
            unknown = f", order unknown in {pair.order_unknown}" if pair.order_unknown else ""
            also = f"; {shared}" if pair.same_car else ""
            lines.append(literal(
                f"{first} v {second}: {pair.first_ahead}–{pair.second_ahead} "
                f"in {pair.met} meeting{'s' if pair.met != 1 else ''}{unknown}{also}"))
        lines.append(Content(
            "Gap: known points behind the best after the round; * provisional (a result so far is "
            "unknown).  · result unknown  — not entered (full classification)").stylize("dim"))
        return Content("\n").join(lines)

    def show_favourites(self, favourites: frozenset[str]) -> None:
        self._show()

    def apply_dataset(self, dataset: Dataset) -> None:
        self.dataset = dataset
        self._show()
