"""Round details: event facts, poles per class, coverage, notes and sources."""

from __future__ import annotations

from dataclasses import dataclass

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.content import Content
from textual.message import Message
from textual.screen import Screen
from textual.widgets import Footer, Header, Static

from tui.core.classification import coverage_line
from tui.core.models import Dataset, Round

from ..classes import class_tag
from ..names import crew, local_date
from ..text import literal
from ..widgets.calendar import coverage_badge
from ..widgets.driver_detail import NOTE_MARK
from ..widgets.live_bar import LiveBar

MISSING = ("not in the sources", "dim italic")


def _fact(label: str, value: Content | str | tuple | None) -> Content:
    return Content.assemble((f"{label:<14}", "bold"), value if value is not None else MISSING)


def render_round(dataset: Dataset, round_: Round) -> Content:
    lines: list[Content] = [
        Content.assemble((f"Round {round_.number}  ", "bold"), literal(round_.name, "bold")),
    ]
    for alt in round_.also_known_as:
        lines.append(Content.assemble(("  also ", "dim"), literal(alt.name), (f"  [{', '.join(alt.sources)}]", "dim")))
    place = ", ".join(p for p in (round_.city, round_.region, round_.country) if p)
    lines += [
        Content(""),
        _fact("Date", f"{local_date(round_)} ({round_.timezone})"),
        _fact("Circuit", literal(round_.circuit)),
        _fact("Place", literal(place)),
        _fact("Length", _length(round_)),
        _fact("Turns", str(round_.turns) if round_.turns else None),
        _fact("Format", round_.format.label),
        _fact("Points scale", literal(scale.name if (scale := dataset.scale(round_.points_scale)) else round_.points_scale)),
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
        Content(""),
        _fact("Coverage", Content.assemble(coverage_badge(round_), " · ", coverage_line(round_))),
    ]
    if round_.coverage.note:
        lines.append(Content.assemble(" " * 14, literal(round_.coverage.note)))

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
                (f"  [{', '.join(pole.sources)}]", "dim"),
            )
        )
        if pole.note:
            lines.append(Content.assemble("       ", literal(pole.note, "italic")))
    for car_class in dataset.classes:
        if car_class.id not in known_pole_classes:
            lines.append(Content.assemble(class_tag(car_class.id), " ", MISSING))

    if round_.notes:
        lines += [Content(""), Content("Notes").stylize("bold underline")]
        for note in round_.notes:
            lines.append(
                Content.assemble(
                    (f"{NOTE_MARK[note.kind]} ", "bold"), literal(note.text),
                    (f"  [{', '.join(note.sources)}]", "dim") if note.sources else "",
                )
            )
    lines += [Content(""), Content("Sources").stylize("bold underline")]
    for source_id in round_.sources:
        source = dataset.source(source_id)
        lines.append(
            Content.assemble((f"{source_id:<12}", "bold"), literal(source.title if source else "unknown source"))
        )
        if source:
            lines.append(Content.assemble(" " * 12, literal(source.locator, "dim")))
    return Content("\n").join(lines)


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


class RoundInfoScreen(Screen):
    BINDINGS = [
        Binding("escape,i", "app.pop_screen", "Back", id="round-info.back"),
        Binding("left_square_bracket", "step(-1)", "Prev round", id="round-info.previous"),
        Binding("right_square_bracket", "step(1)", "Next round", id="round-info.next"),
        Binding("j", "scroll_down", "Down", show=False, id="round-info.down"),
        Binding("k", "scroll_up", "Up", show=False, id="round-info.up"),
    ]

    @dataclass
    class RoundShown(Message):
        """The reader stepped to another round here (bubbles to the app)."""

        number: int

    def __init__(self, dataset: Dataset, round_number: int) -> None:
        super().__init__()
        self.dataset = dataset
        self.round_number = round_number

    def compose(self) -> ComposeResult:
        yield Header(icon="◆")
        yield LiveBar()
        with VerticalScroll(id="round-info"):
            yield Static(id="round-info-body")
        yield Footer()

    def on_mount(self) -> None:
        self._show()
        self.query_one("#round-info").focus()

    def _show(self) -> None:
        round_ = self.dataset.round(self.round_number)
        assert round_ is not None  # round_number is kept one of the season's rounds
        self.app.sub_title = f"R{round_.number} details"
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
