"""Driver detail: the season of one driver of the highlighted car."""

from __future__ import annotations

from dataclasses import dataclass

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.content import Content
from textual.message import Message
from textual.widgets import Static

from tui.core import points
from tui.core.citation import SourceList
from tui.core.classification import Row, absence_is_known, names_whole_crew
from tui.core.driver_season import DriverSeason, driver_season
from tui.core.models import Dataset, Status
from tui.core.notes import PlacedNote, team_notes
from tui.core.points import ordinal

from ..classes import class_style, class_tag
from ..hanging import Hanging
from ..names import view_names
from ..notes import UNCERTAIN_MARK, note_line, source_lines
from ..text import literal, printable
from .chip_strip import Chip, ChipStrip
from .one_pass import OnePassLayout

#: A chip's cells besides its name (a blank on each side).
CHIP_PADDING = 2


#: Cells a line of the driver pane may take (the result strip, the crew chips): its
#: content width in the wide layout (42 columns less border, padding and
#: scrollbar; app.tcss). The narrow layout's full-width pane is wider.
STRIP_WIDTH = 36
#: A result: ``1st LMP1``, ``DNF GTS``, or ``?`` padded to the same width.
RESULT_WIDTH = 8


def outing_strip(season: DriverSeason) -> Content:
    """``R1 2nd LMP1 R2 ? R3 DNF GT ...`` in columns: ``?`` where the round's data is
    incomplete. As many rounds a line as fit the pane (three for a nine-round
    season): a line that wrapped would split a round from its result."""
    label_width = max((len(f"R{o.round.number}") for o in season.outings), default=2)
    per_line = max(1, (STRIP_WIDTH + 1) // (label_width + 1 + RESULT_WIDTH + 1))
    parts: list[Content | str | tuple[str, str]] = []
    for number, outing in enumerate(season.outings):
        if number:
            parts.append("\n" if number % per_line == 0 else " ")
        parts.append((f"{f'R{outing.round.number}':<{label_width}} ", "bold"))
        row = outing.row
        if row is None:
            # Absent means absent only where every row names its whole crew.
            missing = "—" if absence_is_known(outing.round, names_whole_crew) else "?"
            parts.append((f"{missing:<{RESULT_WIDTH}}", "dim"))
            continue
        result = row.result
        if result.status is not Status.FINISHED:
            parts.append(f"{result.status.label:<4}")
        elif row.class_position and result.uncertain:
            mark = ordinal(row.class_position) + UNCERTAIN_MARK
            parts.append((f"{mark:<4}", "dim italic"))
        elif row.class_position:
            parts.append(f"{ordinal(row.class_position):<4}")
        else:
            parts.append(("fin.", "italic"))
        parts.append(Content(f"{printable(result.car_class):<4}").stylize(class_style(result.car_class)))
    return Content.assemble(*parts)


#: Where a wrapped line goes on: under the text after its label (``R2  ``, the
#: award's ``  R1   22 ``), so a continuation never reads as a label.
ROUND_INDENT = 4
AWARD_INDENT = 10
ITEM_INDENT = 2


def render_driver(dataset: Dataset, driver_id: str) -> Hanging:
    """The whole detail text for one driver."""
    driver = dataset.driver(driver_id)
    season = driver_season(dataset, driver_id)
    lines: list[Content | tuple[Content, int]] = []
    name = literal(driver.name if driver else driver_id, "bold")
    if driver and not driver.given_name_known:
        name = Content.assemble(name, (" (given name not in the sources)", "dim italic"))
    lines.append(name)
    nationality = literal(driver.nationality) if driver and driver.nationality else None
    lines.append(
        Content.assemble(("Nationality ", "dim"), nationality or ("not in the sources", "dim italic"))
    )
    lines.append(Content(""))
    lines.append(Content("Season").stylize("bold underline"))
    lines.append(outing_strip(season))
    lines.append(Content(""))

    lines.append(Content("Cars and teams").stylize("bold underline"))
    for outing in season.outings:
        if outing.row is None:
            continue
        result = outing.row.result
        team_name = dataset.team_name(result)
        # The name a source printed that round, where it differs from the team's.
        entered = result.team_as_entered if result.team_as_entered != team_name else None
        lines.append((
            Content.assemble(
                (f"R{outing.round.number:<2} ", "bold"),
                f"#{result.number} " if result.number is not None else ("#? ", "dim"),
                literal(team_name) if team_name else ("team ?", "dim"),
                (literal(f" (entered as {entered})").plain, "dim") if entered else "",
                " · ",
                literal(result.car_label) if result.car_label else ("car ?", "dim"),
            ),
            ROUND_INDENT,
        ))
    if season.co_drivers:
        lines.append(Content(""))
        lines.append(Content("Co-drivers").stylize("bold underline"))
        for partner, shared in season.co_drivers:
            rounds = "round" if shared == 1 else "rounds"
            lines.append((
                Content.assemble(literal(dataset.driver_name(partner)), (f"  {shared} {rounds}", "dim")),
                ITEM_INDENT,
            ))

    lines.append(Content(""))
    lines.extend(_championship(dataset, driver_id, season))

    teams = [o.row.result.team for o in season.outings if o.row and o.row.result.team]
    placed = [
        PlacedNote(f"R{round_.number}" if round_ else "Season", note)
        for round_, note in season.notes
    ] + team_notes(dataset, teams)
    if placed:
        cited = SourceList(dataset)
        lines.append(Content(""))
        lines.append(Content("Notes").stylize("bold underline"))
        # Continuations hang under the text: past the mark, past a source's number.
        lines += [(note_line(cited, p.note, p.about), ITEM_INDENT) for p in placed]
        lines += [(line, 5) for line in source_lines(cited)]
    return Hanging(lines)


def _championship(
    dataset: Dataset, driver_id: str, season: DriverSeason
) -> list[Content | tuple[Content, int]]:
    lines: list[Content | tuple[Content, int]] = [Content("Championship").stylize("bold underline")]
    awards = points.driver_awards(dataset, driver_id)
    if not season.classes:
        lines.append(Content("No known result, so no points.").stylize("dim italic"))
    for class_id in season.classes:
        table = points.driver_standings(dataset, class_id)
        standing = next((s for s in table.entries if s.id == driver_id), None)
        head: list = [class_tag(class_id), " "]
        if standing is None:
            head.append(("no points", "dim"))
        else:
            head.append((f"{ordinal(standing.rank)}, {standing.points} pts", "bold"))
            if standing.provisional:
                rounds = ", ".join(f"R{n}" for n in standing.open_rounds)
                head.append((f"  provisional: {rounds} incomplete", "italic"))
        lines.append((Content.assemble(*head), ITEM_INDENT))
        for award in awards:
            if award.car_class == class_id:
                lines.append((
                    Content.assemble(
                        (f"  R{award.round_number:<2} ", "bold"),
                        (f"{award.points:>3} ", "bold" if award.points else "dim"),
                        literal(award.rule_text),
                    ),
                    AWARD_INDENT,
                ))
    return lines


class DriverBody(Static, OnePassLayout):
    """The driver's season as text."""


class CrewRow(ChipStrip):
    """The highlighted car's drivers, one chip each; a click shows that driver's season."""

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(padding=CHIP_PADDING // 2, gap=0, id=id)

    def choose(self, index: int) -> None:
        self.post_message(DriverDetail.CrewChosen(index))


class DriverDetail(VerticalScroll, OnePassLayout):
    """The season of one driver of the highlighted car; ``d`` moves to the next co-driver."""

    BINDINGS = [
        Binding("j", "scroll_down", "Down", show=False, id="driver.down"),
        Binding("k", "scroll_up", "Up", show=False, id="driver.up"),
    ]

    @dataclass(eq=False, repr=False)  # __init__ only: see SeasonApp.Loaded
    class CrewChosen(Message):
        index: int

    def compose(self) -> ComposeResult:
        yield CrewRow(id="crew")
        yield DriverBody(id="driver-body", markup=False)

    def _show_crew(self, dataset: Dataset, drivers: list[str]) -> None:
        """The crew's chips, the shown driver's active (a repaint of one line)."""
        full_names = [dataset.driver_name(driver_id) for driver_id in drivers]
        names = full_names
        # The pane's own width once laid out: the stacked layout's wide pane has
        # room for full names, the three-column layout's 42 columns have not.
        room = self.scrollable_content_region.width or STRIP_WIDTH
        if sum(len(name) + CHIP_PADDING for name in names) > room:
            # Three full names overflow the narrow pane and the last one was cut
            # ("Pierre Kaf"): surnames, as in the table (initials where two share
            # one); the body names the driver in full.
            short = view_names(dataset, drivers)
            names = [short[driver_id] for driver_id in drivers]
        chips = [Chip(literal(name), Content(f"Show {printable(full)}'s season"))
                 for name, full in zip(names, full_names)]
        self.query_one(CrewRow).show(chips, self.driver_index if drivers else None)

    def on_resize(self) -> None:
        row = getattr(self, "_row", None)
        if row is not None:  # full names or surnames: the room has changed
            self._show_crew(self._dataset, list(row.result.drivers))

    def show(self, dataset: Dataset, row: Row | None, driver_index: int = 0, *,
             keep_scroll: bool = False) -> None:
        """Show a driver of ``row``'s car from the top (``keep_scroll``: where it was)."""
        self._dataset, self._row = dataset, row
        drivers = list(row.result.drivers) if row else []
        body = self.query_one("#driver-body", Static)
        if not keep_scroll:
            # At once, not after the next layout (Textual's default): that drew one
            # frame of the new season at the old offset, then jumped to the top.
            self.scroll_home(animate=False, immediate=True)
        if not drivers:
            self.driver_index = 0
            self._show_crew(dataset, [])
            body.update(
                Content("No driver of this car is named in the sources.").stylize("dim italic")
                if row
                else Content("No car selected.").stylize("dim italic")
            )
            return
        self.driver_index = driver_index % len(drivers)
        self._show_crew(dataset, drivers)
        body.update(render_driver(dataset, drivers[self.driver_index]))

    def refresh_season(self, dataset: Dataset, row: Row) -> None:
        """Same car, new data: keep the chosen driver and the scroll position."""
        driver_id = self.driver_id
        scroll_y = self.scroll_y
        drivers = list(row.result.drivers)
        index = drivers.index(driver_id) if driver_id in drivers else 0
        self.show(dataset, row, index, keep_scroll=True)
        self.scroll_to(y=scroll_y, animate=False)  # after the layout: the new text's height

    @property
    def driver_id(self) -> str | None:
        row = getattr(self, "_row", None)
        if row is None or not row.result.drivers:
            return None
        return row.result.drivers[self.driver_index % len(row.result.drivers)]

    def step(self, delta: int) -> None:
        """Show the next (``1``) or previous (``-1``) driver of the same car."""
        if getattr(self, "_row", None) is not None:
            self.show(self._dataset, self._row, self.driver_index + delta)

    def on_driver_detail_crew_chosen(self, event: CrewChosen) -> None:
        event.stop()
        if getattr(self, "_row", None) is not None:
            self.show(self._dataset, self._row, event.index)
