"""Team and car pages: a team's cars, crews and results per round; a car number's history.

Both are one table of round entries (:mod:`tui.core.team_season`); ``enter`` on a
row shows that round with the car under the cursor on the dashboard.
"""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.content import Content
from textual.screen import Screen
from textual.widgets import DataTable, Static

from tui.core.favourites import crew_key, driver_key, marks_result, team_key
from tui.core.models import Dataset, Status
from tui.core.points import ordinal
from tui.core.team_season import Entry, RoundEntries, car_history, team_season

from ..classes import class_tag
from ..names import crew
from ..text import cell, literal
from ..widgets.cell_table import CellTable
from ..widgets.footer import KeyFooter
from ..widgets.header import TitleBar
from ..widgets.live_bar import LiveBar
from .lean import LeanScreen

UNKNOWN = Content("?").stylize("dim")


def result_text(entry: Entry) -> Content:
    """``1st``, ``fin.`` (classified, place unknown), or ``DNF``/``DNS``..."""
    row = entry.row
    if row.result.status is not Status.FINISHED:
        return Content(row.result.status.label).stylize("bold")
    if row.class_position is None:
        return Content("fin.").stylize("italic")
    return Content(ordinal(row.class_position))


def team_name(dataset: Dataset, entry: Entry) -> Content:
    name = dataset.team_name(entry.row.result)
    return literal(name) if name else UNKNOWN


def entry_cells(dataset: Dataset, entry: Entry, with_team: bool,
                favourites: frozenset[str] = frozenset()) -> list[Content]:
    result = entry.row.result
    crew_cell = literal(crew(dataset, result.drivers)) if result.drivers else UNKNOWN
    if marks_result(favourites, result.drivers, result.team):
        crew_cell = Content.assemble(("★ ", "bold"), crew_cell)
    cells = [
        Content(f"R{entry.round.number}").stylize("bold"),
        Content(f"#{result.number}") if result.number is not None else UNKNOWN,
        class_tag(result.car_class),
        crew_cell,
    ]
    if with_team:
        cells.append(team_name(dataset, entry))
    cells.append(result_text(entry))
    cells.append(Content(str(entry.award.points)) if entry.award else UNKNOWN)
    return cells


def absent_cells(round_entries: RoundEntries, width: int) -> list[Content]:
    """A round with no matching car: known absent in a full classification, else unknown."""
    why = "not entered" if round_entries.absence_is_known else "no known result"
    # In the crew column: the widest, so the words are never cut.
    return [
        Content(f"R{round_entries.round.number}").stylize("bold"),
        Content("·").stylize("dim"),
        Content(""),
        Content(why).stylize("dim italic"),
        *[Content("")] * (width - 4),
    ]


class SeasonPage(LeanScreen, Screen):
    """A title, a table of round entries, notes; enter opens the round on the dashboard."""

    BINDINGS = [
        Binding("escape", "app.pop_screen", "Back", id="page.back"),
        Binding("j", "cursor_down", "Down", show=False, id="page.down"),
        Binding("k", "cursor_up", "Up", show=False, id="page.up"),
        Binding("enter", "open_round", "Show on dashboard", id="page.open"),
        Binding("asterisk", "star", "Star", id="page.star"),
    ]
    COLUMNS: tuple[str, ...] = ()
    with_team = False

    def __init__(self, dataset: Dataset) -> None:
        super().__init__()
        self.dataset = dataset
        #: row key -> (round number, car key on the dashboard)
        self.targets: dict[str, tuple[int, str]] = {}
        #: row key -> the entry it shows
        self.entries: dict[str, Entry] = {}

    def compose(self) -> ComposeResult:
        yield TitleBar()
        yield LiveBar()
        with Vertical(classes="page-body"):
            yield Static(id="page-title")
            yield CellTable(id="page-table", cursor_type="row", zebra_stripes=True)
            yield Static(id="page-notes")
        yield KeyFooter()

    def on_mount(self) -> None:
        self._show()
        self.query_one("#page-table").focus()

    def rounds(self) -> tuple[RoundEntries, ...]:
        raise NotImplementedError

    def title_lines(self) -> list[Content]:
        raise NotImplementedError

    def _show(self) -> None:
        self.query_one("#page-title", Static).update(Content("\n").join(self.title_lines()))
        table = self.query_one("#page-table", DataTable)
        keep = table.cursor_row if table.row_count else 0
        table.clear(columns=True)
        for label in self.COLUMNS:
            table.add_column(label, key=label)
        self.targets, self.entries = {}, {}
        favourites: frozenset[str] = getattr(self.app, "favourite_keys", frozenset())
        for round_entries in self.rounds():
            if not round_entries.entries:
                key = f"R{round_entries.round.number}"
                table.add_row(*map(cell, absent_cells(round_entries, len(self.COLUMNS))), key=key)
                continue
            for entry in round_entries.entries:
                key = f"R{entry.round.number}@{entry.row.index}"
                self.targets[key] = (entry.round.number, entry.row.key)
                self.entries[key] = entry
                cells = entry_cells(self.dataset, entry, self.with_team, favourites)
                table.add_row(*map(cell, cells), key=key)
        if table.row_count:
            table.move_cursor(row=min(keep, table.row_count - 1), animate=False)
        self.query_one("#page-notes", Static).update(
            Content(
                "· no car in this round: 'not entered' where the classification is full, "
                "else 'no known result'.  ? not in the sources.  enter: show it on the dashboard"
            ).stylize("dim")
        )

    def action_cursor_down(self) -> None:
        self.query_one("#page-table", DataTable).action_cursor_down()

    def action_cursor_up(self) -> None:
        self.query_one("#page-table", DataTable).action_cursor_up()

    def on_data_table_row_selected(self, event: DataTable.RowSelected) -> None:
        event.stop()
        self._open(event.row_key.value)

    def action_open_round(self) -> None:
        table = self.query_one("#page-table", DataTable)
        if table.row_count:
            self._open(table.coordinate_to_cell_key(table.cursor_coordinate).row_key.value)

    def _open(self, key: str | None) -> None:
        target = self.targets.get(key or "")
        if target is not None:
            # At once, not later: keys queued behind enter must meet the dashboard.
            self.app.show_on_dashboard(*target)  # type: ignore[attr-defined]  # remembers this page

    def star_key(self) -> str | None:
        """What ``*`` stars on this page."""
        return None

    def action_star(self) -> None:
        key = self.star_key()
        if key is not None:
            self.app.action_toggle_favourite(key)  # type: ignore[attr-defined]

    def show_favourites(self, favourites: frozenset[str]) -> None:
        self._show()

    def apply_dataset(self, dataset: Dataset) -> None:
        """A reload (or a new as-of round): the same page from the new data."""
        self.dataset = dataset
        self._show()


class TeamScreen(SeasonPage):
    """A team's season: its cars, crews and results per round, and its standings."""

    COLUMNS = ("Round", "No.", "Class", "Crew", "Result", "Pts")

    def __init__(self, dataset: Dataset, team_id: str) -> None:
        super().__init__(dataset)
        self.team_id = team_id

    def rounds(self) -> tuple[RoundEntries, ...]:
        return team_season(self.dataset, self.team_id).rounds

    @property
    def page_action(self) -> str:
        """How the app opens this page again (going back to it)."""
        return f"open_team({self.team_id!r})"

    def star_key(self) -> str | None:
        return team_key(self.team_id)

    def title_lines(self) -> list[Content]:
        season = team_season(self.dataset, self.team_id)
        self.sub_title = f"Team: {literal(season.name).plain}"
        starred = team_key(self.team_id) in getattr(self.app, "favourite_keys", frozenset())
        lines = [Content.assemble(("Team  ", "dim"), ("★ " if starred else "", "bold"),
                                  literal(season.name, "bold"))]
        team = self.dataset.team(self.team_id)
        if team and team.also_known_as:
            lines.append(Content.assemble(("also  ", "dim"), literal(", ".join(team.also_known_as))))
        numbers = " ".join(f"#{n}" for n in season.numbers) or "none known"
        lines.append(Content.assemble(("Cars  ", "dim"), numbers))
        if not season.standings:
            lines.append(Content("No points in any class table.").stylize("dim italic"))
        for standing in season.standings:
            class_id = standing.awards[0].car_class if standing.awards else "?"
            line: list[Content | str | tuple[str, str]] = [
                class_tag(class_id), " ", (f"{ordinal(standing.rank)}, {standing.points} pts", "bold"),
                ("  (best car per round)", "dim"),
            ]
            if standing.provisional:
                rounds = ", ".join(f"R{n}" for n in standing.open_rounds)
                line.append((f"  provisional: {rounds} incomplete", "italic"))
            lines.append(Content.assemble(*line))
        for note in team.notes if team else ():
            lines.append(Content.assemble(("• ", "bold"), literal(note.text, "dim")))
        return lines


class CarScreen(SeasonPage):
    """A car number's season: which teams and crews raced it, per round."""

    COLUMNS = ("Round", "No.", "Class", "Crew", "Team", "Result", "Pts")
    with_team = True

    def __init__(self, dataset: Dataset, number: int) -> None:
        super().__init__(dataset)
        self.number = number

    def rounds(self) -> tuple[RoundEntries, ...]:
        return car_history(self.dataset, self.number).rounds

    @property
    def page_action(self) -> str:
        return f"open_car({self.number})"

    def star_key(self) -> str | None:
        """The crew of the car under the cursor (a driver alone: the driver)."""
        table = self.query_one("#page-table", DataTable)
        if not table.row_count:
            return None
        entry = self.entries.get(table.coordinate_to_cell_key(table.cursor_coordinate).row_key.value or "")
        if entry is None or not entry.row.result.drivers:
            return None
        drivers = entry.row.result.drivers
        return crew_key(drivers) if len(drivers) > 1 else driver_key(drivers[0])

    def title_lines(self) -> list[Content]:
        history = car_history(self.dataset, self.number)
        self.sub_title = f"Car #{self.number}"
        teams = [literal(team.name if (team := self.dataset.team(t)) else t) for t in history.teams]
        raced = sum(1 for r in history.rounds if r.entries)
        return [
            Content.assemble(("Car  ", "dim"), (f"#{self.number}", "bold"),
                             (f"  known in {raced} of {len(history.rounds)} rounds", "dim")),
            Content.assemble(("Teams  ", "dim"), Content(", ").join(teams) if teams else UNKNOWN),
        ]
