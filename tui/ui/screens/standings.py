"""Class standings for drivers and teams, with points per round and provisional marks."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.content import Content
from textual.screen import Screen
from textual.widgets import DataTable, Static

from tui.core import points
from tui.core.models import Dataset
from tui.core.prose import sentence
from tui.core.records import DERIVED_CAVEAT, recorded_champion

from ..classes import class_tag
from ..notes import UNCERTAIN_MARK
from ..text import cell, literal, printable
from ..widgets.cell_table import CellTable
from ..widgets.footer import KeyFooter
from ..widgets.header import TitleBar
from ..widgets.live_bar import LiveBar
from .lean import LeanScreen


def standings_table(table: DataTable, dataset: Dataset, standings: points.Standings,
                    favourites: frozenset[str] = frozenset()) -> None:
    """Rank, name, total, then one column per round: what each round added.

    The cursor stays on the same driver or team when the table is refilled.
    Favourites (keys from :mod:`tui.core.favourites`) are marked ``★``.
    """
    kind = "driver" if standings.kind == "drivers" else "team"
    keep = table.coordinate_to_cell_key(table.cursor_coordinate).row_key.value if table.row_count else None
    scroll_y = table.scroll_y
    table.clear(columns=True)
    table.add_column("#", key="rank")
    table.add_column("Name", key="name")
    table.add_column("Pts", key="points")
    for round_ in dataset.rounds:
        table.add_column(f"R{round_.number}", key=f"R{round_.number}")
    for entry in standings.entries:
        per_round: dict[int, list[points.Award]] = {}
        for award in entry.awards:  # a driver may appear in two cars of one round
            per_round.setdefault(award.round_number, []).append(award)
        cells = [
            Content(f"{entry.rank}{'*' if entry.provisional else ''}"),
            Content.assemble(("★ ", "bold"), literal(entry.name))
            if f"{kind}:{entry.id}" in favourites else literal(entry.name),
            _points(entry.points, bool(entry.uncertain_points)).stylize("bold"),
        ]
        for round_ in dataset.rounds:
            awards = per_round.get(round_.number)
            if not awards:
                cells.append(Content("·").stylize("dim"))
            elif any(a.classified for a in awards):
                earned = sum(a.points for a in awards)
                cells.append(_points(earned, any(a.uncertain and a.points for a in awards)))
            else:
                cells.append(Content("ret"))
        table.add_row(*map(cell, cells), key=entry.id)
    if keep is not None and keep in {e.id for e in standings.entries}:
        table.move_cursor(row=table.get_row_index(keep), animate=False, scroll=False)
        table.scroll_to(y=scroll_y, animate=False)


def _points(value: int, uncertain: bool) -> Content:
    """Points, marked as the classification marks an uncertain place when some of
    them rest on one."""
    if not uncertain:
        return Content(str(value))
    return Content.assemble(str(value), UNCERTAIN_MARK).stylize("dim italic")


def record_lines(dataset: Dataset, standings: points.Standings) -> list[Content]:
    """The champion the sources name beside the derived table, and a flag when they differ."""
    label = f"Recorded {standings.kind[:-1]}s' champion"
    check = recorded_champion(dataset, standings)
    if check is None:
        return [Content.assemble((f"{label}: ", "bold"), ("not named in the sources", "dim italic"))]
    plural = "s" if len(check.holder_names) > 1 else ""
    line: list[Content | str | tuple[str, str]] = [
        (f"{label}{plural}: ", "bold"), literal(" / ".join(check.holder_names), "bold")
    ]
    champion = check.champion
    team = dataset.team(champion.team) if champion.title == "drivers" and champion.team else None
    if team is not None:
        line += [" (", literal(team.name), ")"]
    if champion.clinched_round is not None:
        line.append(f", settled in R{champion.clinched_round}")
    if check.source_labels:
        line += [("  source: ", "dim"), literal("; ".join(check.source_labels), "dim")]
    lines = [Content.assemble(*line)]
    if not check.matches:
        leaders = " / ".join(e.name for e in check.leaders) or "nobody"
        lines.append(
            Content.assemble(
                ("⚠ ", "bold $warning"),
                "The derived table puts ",
                literal(leaders),
                " first, not the record: ",
                literal(sentence("; ".join(check.reasons))),
            )
        )
    return lines


class StandingsScreen(LeanScreen, Screen):
    """Championship tables per class; 1-4 switch class, esc goes back."""

    BINDINGS = [
        Binding("escape,s", "app.pop_screen", "Back", id="standings.back"),
        Binding("1", "show_class(1)", "LMP1", id="standings.1"),
        Binding("2", "show_class(2)", "LMP2", id="standings.2"),
        Binding("3", "show_class(3)", "GTS", id="standings.3"),
        Binding("4", "show_class(4)", "GT", id="standings.4"),
        Binding("j", "cursor_down", "Down", show=False, id="standings.down"),
        Binding("k", "cursor_up", "Up", show=False, id="standings.up"),
        Binding("asterisk", "star", "Star", id="standings.star"),
    ]

    def __init__(self, dataset: Dataset, class_id: str | None) -> None:
        super().__init__()
        self.dataset = dataset
        self.class_id = class_id or dataset.classes[0].id

    def compose(self) -> ComposeResult:
        yield TitleBar()
        yield LiveBar()
        yield Static(id="standings-title")
        yield Static(id="standings-record")
        with Horizontal(id="standings-tables"):
            with Vertical(classes="standings-pane"):
                yield Static(Content("Drivers").stylize("bold"))
                yield CellTable(id="driver-standings", cursor_type="row", zebra_stripes=True)
            with Vertical(classes="standings-pane"):
                yield Static(Content("Teams (best car per round)").stylize("bold"))
                yield CellTable(id="team-standings", cursor_type="row", zebra_stripes=True)
        yield Static(id="standings-notes")
        yield KeyFooter()

    def on_mount(self) -> None:
        self._show()
        self.query_one("#driver-standings").focus()

    def action_show_class(self, number: int) -> None:
        classes = self.dataset.classes
        if 0 < number <= len(classes):
            self.class_id = classes[number - 1].id
            self._show()

    def action_cursor_down(self) -> None:
        if isinstance(self.focused, DataTable):
            self.focused.action_cursor_down()

    def action_cursor_up(self) -> None:
        if isinstance(self.focused, DataTable):
            self.focused.action_cursor_up()

    def _show(self) -> None:
        drivers = points.driver_standings(self.dataset, self.class_id)
        teams = points.team_standings(self.dataset, self.class_id)
        self.sub_title = f"{printable(self.class_id)} standings"
        title: list[Content | str | tuple[str, str]] = [
            class_tag(self.class_id), " ", (f"{self.dataset.season.year} standings", "bold")
        ]
        if drivers.provisional:
            partial = ", ".join(f"R{n}" for n in drivers.partial_rounds)
            title.append((f"  provisional: incomplete results in {partial}", "italic"))
        self.query_one("#standings-title", Static).update(Content.assemble(*title))
        record = record_lines(self.dataset, drivers) + record_lines(self.dataset, teams)
        self.query_one("#standings-record", Static).update(Content("\n").join(record))
        favourites: frozenset[str] = getattr(self.app, "favourite_keys", frozenset())
        standings_table(self.query_one("#driver-standings", DataTable), self.dataset, drivers, favourites)
        standings_table(self.query_one("#team-standings", DataTable), self.dataset, teams, favourites)
        notes = [
            "* provisional: a round with incomplete results may hide points.  "
            "· no known result  ret: not classified",
            DERIVED_CAVEAT,
        ]
        if any(e.uncertain_points for e in (*drivers.entries, *teams.entries)):
            notes.insert(1, f"{UNCERTAIN_MARK} points from a place the sources leave uncertain "
                            "(the round's details say why).")
        if teams.skipped_without_team:
            notes.append(
                f"{teams.skipped_without_team} classified {self.class_id} results name no team "
                "and count for no team."
            )
        self.query_one("#standings-notes", Static).update(Content("\n".join(notes)).stylize("dim"))

    def show_favourites(self, favourites: frozenset[str]) -> None:
        self._show()

    def action_star(self) -> None:
        """Star or unstar the driver or team under the focused table's cursor."""
        table = self.focused
        if not isinstance(table, DataTable) or not table.row_count:
            return
        entry_id = table.coordinate_to_cell_key(table.cursor_coordinate).row_key.value
        kind = "team" if table.id == "team-standings" else "driver"
        self.app.action_toggle_favourite(f'{kind}:{entry_id}')  # type: ignore[attr-defined]

    def on_data_table_row_selected(self, event: DataTable.RowSelected) -> None:
        """Enter on a row: that driver's season, or that team's page."""
        event.stop()
        entry_id = event.row_key.value
        if entry_id is None:
            return
        # At once, not later: a page pushed later could land on a palette opened
        # by a key queued behind enter.
        if event.data_table.id == "team-standings":
            self.app.action_open_team(entry_id)  # type: ignore[attr-defined]
        else:
            self.app.action_open_driver(entry_id)  # type: ignore[attr-defined]

    def apply_dataset(self, dataset: Dataset) -> None:
        """A reload: recompute the tables, keeping the class and the cursor's entry."""
        self.dataset = dataset
        if dataset.car_class(self.class_id) is None:
            self.class_id = dataset.classes[0].id
        self._show()
