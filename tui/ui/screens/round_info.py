"""Round details: event facts, poles per class, coverage, notes and sources."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.content import Content
from textual.message import Message
from textual.screen import Screen
from textual.widgets import Static

from tui.core.citation import SourceList
from tui.core.classification import SAME_LAP, Margin, class_margins, coverage_line
from tui.core.models import Dataset, Round
from tui.core.notes import PlacedNote, round_notes, round_teams, team_notes

from ..classes import class_tag
from ..hanging import Hanging
from ..names import crew, local_date, view_names
from ..notes import note_line, refs, source_lines
from ..text import literal
from ..widgets.calendar import coverage_badge
from ..widgets.footer import KeyFooter
from ..widgets.header import TitleBar
from ..widgets.live_bar import LiveBar
from .lean import LeanScreen

MISSING = ("not in the sources", "dim italic")
#: A fact's label, a note's mark: the widths their wrapped text goes on under.
LABEL_WIDTH = 14
MARK_WIDTH = 2
#: A pole's note goes on under its text, past the class tag.
POLE_NOTE_INDENT = 7


def _fact(label: str, value: Content | str | tuple | None) -> tuple[Content, int]:
    return (
        Content.assemble((f"{label:<{LABEL_WIDTH}}", "bold"), value if value is not None else MISSING),
        LABEL_WIDTH,
    )


def render_round(dataset: Dataset, round_: Round) -> Hanging:
    """Event facts, poles, coverage, every note that concerns the round, and its sources.

    Sources are cited by number (``[2]``); the list at the end says what each
    number is, as a reader would cite it. The round's own sources come first.
    """
    cited = SourceList(dataset)
    facts_from = cited.refs(round_.sources)
    lines: list[Content | tuple[Content, int]] = [
        Content.assemble((f"Round {round_.number}  ", "bold"), literal(round_.name, "bold")),
    ]
    for alt in round_.also_known_as:
        lines.append(Content.assemble(("  also ", "dim"), literal(alt.name), refs(cited, alt.sources)))
    place = ", ".join(p for p in (round_.city, round_.region, round_.country) if p)
    scale = dataset.scale(round_.points_scale)
    lines += [
        Content(""),
        _fact("Date", f"{local_date(round_)} ({round_.timezone})"),
        _fact("Circuit", literal(round_.circuit)),
        _fact("Place", literal(place)),
        _fact("Length", _length(round_)),
        _fact("Turns", str(round_.turns) if round_.turns else None),
        _fact("Format", round_.format.label),
        _fact("Points scale", literal(scale.name if scale else round_.points_scale)),
    ]
    stats = round_.stats
    winner = round_.winner
    lines += [
        _fact("Winner", literal(crew(dataset, winner.drivers, short=False)) if winner else None),
        _fact("Winner laps", str(winner.laps) if winner and winner.laps else None),
        _fact("Race time", stats.winner_time if stats else None),
        _fact("Distance", f"{stats.distance_km:,.3f} km" if stats and stats.distance_km else None),
        _fact("Entries", _counts(stats.entries) if stats and stats.entries else None),
        _fact("Finishers", _counts(stats.finishers) if stats and stats.finishers else None),
        _fact("Sources", Content(facts_from).stylize("dim") if facts_from else None),
        Content(""),
        _fact("Coverage", Content.assemble(coverage_badge(round_), " · ", coverage_line(round_))),
    ]
    if round_.coverage.note:
        lines.append((Content.assemble(" " * LABEL_WIDTH, literal(cited.cite_inline(round_.coverage.note))), LABEL_WIDTH))

    lines += [Content(""), Content("Class winners and margins").stylize("bold underline")]
    names = view_names(dataset, (d for r in round_.results for d in r.drivers))
    lines += [_margin_line(dataset, margin, names)
              for margin in class_margins(round_, [c.id for c in dataset.classes])]

    lines += [Content(""), Content("Poles").stylize("bold underline")]
    known_pole_classes = {p.car_class for p in round_.poles}
    for pole in round_.poles:
        lines.append(
            Content.assemble(
                class_tag(pole.car_class), " ",
                ("overall " if pole.overall else ""),
                f"#{pole.number} " if pole.number is not None else ("#? ", "dim"),
                literal(crew(dataset, pole.drivers, short=False)) if pole.drivers else ("driver ?", "dim"),
                f"  {pole.time}" if pole.time else "",
                refs(cited, pole.sources),
            )
        )
        if pole.note:
            lines.append((Content.assemble(" " * POLE_NOTE_INDENT, literal(cited.cite_inline(pole.note), "italic")), POLE_NOTE_INDENT))
    for car_class in dataset.classes:
        if car_class.id not in known_pole_classes:
            lines.append(Content.assemble(class_tag(car_class.id), " ", MISSING))

    for heading, notes in (
        ("Notes", round_notes(dataset, round_)),
        ("Teams in this round", team_notes(dataset, round_teams(round_))),
        (f"The {dataset.season.year} season", [PlacedNote("", n) for n in dataset.season.notes]),
    ):
        if notes:
            lines += [Content(""), Content(heading).stylize("bold underline")]
            lines += [(note_line(cited, placed.note, placed.about), MARK_WIDTH) for placed in notes]

    lines += [(line, 5) for line in source_lines(cited)]  # under the text, past "  1. "
    return Hanging(lines)


def _margin_line(dataset: Dataset, margin: Margin, names: Mapping[str, str]) -> Content:
    """``[GTS] Gavin / Beretta  by +0.240 s over Fellows / O'Connell``, or what is missing."""

    def who(drivers: list[str]) -> Content | tuple[str, str]:
        return literal(crew(dataset, drivers, names=names)) if drivers else ("crew ?", "dim")

    head: list[Content | str | tuple[str, str]] = [class_tag(margin.car_class), " "]
    if margin.winner is None:
        return Content.assemble(*head, (margin.text, "dim italic"))
    head.append(who(margin.winner.result.drivers))
    if margin.runner_up is None or margin.gap is None:
        return Content.assemble(*head, "  ", (margin.text, "dim italic"))
    runner_up = who(margin.runner_up.result.drivers)
    if margin.gap == SAME_LAP:
        return Content.assemble(*head, "  ahead of ", runner_up, " on the same lap",
                                (", time not in the sources", "dim italic"))
    return Content.assemble(*head, "  by ", (margin.gap, "bold"), " over ", runner_up)


def _length(round_: Round) -> Content | None:
    parts = []
    if round_.length_mi:
        parts.append(f"{round_.length_mi:g} mi")
    if round_.length_km:
        parts.append(f"{round_.length_km:g} km")
    return Content(" / ".join(parts)) if parts else None


def _counts(counts) -> Content:
    by_class = ", ".join(f"{k} {v}" for k, v in counts.by_class.items())
    return literal(f"{counts.total}" + (f" ({by_class})" if by_class else ""))


class RoundInfoScreen(LeanScreen, Screen):
    BINDINGS = [
        Binding("escape,i", "app.pop_screen", "Back", id="round-info.back"),
        Binding("left_square_bracket", "step(-1)", "Prev round", id="round-info.previous"),
        Binding("right_square_bracket", "step(1)", "Next round", id="round-info.next"),
        Binding("j", "scroll_down", "Down", show=False, id="round-info.down"),
        Binding("k", "scroll_up", "Up", show=False, id="round-info.up"),
    ]

    @dataclass(eq=False, repr=False)  # __init__ only: see SeasonApp.Loaded
    class RoundShown(Message):
        """The reader stepped to another round here (bubbles to the app)."""

        number: int

    def __init__(self, dataset: Dataset, round_number: int) -> None:
        super().__init__()
        self.dataset = dataset
        self.round_number = round_number

    def compose(self) -> ComposeResult:
        yield TitleBar()
        yield LiveBar()
        with VerticalScroll(id="round-info"):
            yield Static(id="round-info-body")
        yield KeyFooter()

    def on_mount(self) -> None:
        self._show()
        self.query_one("#round-info").focus()

    def _show(self) -> None:
        round_ = self.dataset.round(self.round_number)
        assert round_ is not None  # round_number is kept one of the season's rounds
        self.sub_title = f"R{round_.number} details"
        self.query_one("#round-info-body", Static).update(render_round(self.dataset, round_))

    def action_step(self, delta: int) -> None:
        numbers = [r.number for r in self.dataset.rounds]
        index = max(0, min(len(numbers) - 1, numbers.index(self.round_number) + delta))
        self.round_number = numbers[index]
        self._show()
        # Up to the app, which keeps the dashboard on the same round: this screen
        # does not reach into another screen's state.
        self.post_message(self.RoundShown(self.round_number))

    def action_scroll_down(self) -> None:
        self.query_one("#round-info").scroll_down()

    def action_scroll_up(self) -> None:
        self.query_one("#round-info").scroll_up()

    def apply_dataset(self, dataset: Dataset) -> None:
        """A reload: show the same round's new facts at the same scroll position."""
        self.dataset = dataset
        if dataset.round(self.round_number) is None:
            self.round_number = dataset.rounds[0].number
        scroll = self.query_one("#round-info").scroll_y
        self._show()
        self.query_one("#round-info").scroll_to(y=scroll, animate=False)
