"""The four classes: the rules and figures the sources give for each."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.content import Content
from textual.screen import Screen
from textual.widgets import Static

from tui.core.citation import SourceList
from tui.core.models import CarClass, Dataset

from ..classes import class_tag
from ..notes import note_line, refs, source_lines
from ..text import literal
from ..widgets.footer import KeyFooter
from ..widgets.header import TitleBar
from ..widgets.live_bar import LiveBar
from .lean import LeanScreen

MISSING = ("not in the sources", "dim italic")


def render_classes(dataset: Dataset) -> Content:
    """Every class's rules, then the numbered citations of the sources they rest on."""
    cited = SourceList(dataset)
    body = Content("\n\n").join(render_class(cited, c) for c in dataset.classes)
    return Content("\n").join([body, *source_lines(cited)])


def render_class(cited: SourceList, car_class: CarClass) -> Content:
    def fact(label: str, value) -> Content:
        return Content.assemble(("  " + f"{label:<16}", "bold"), value if value else MISSING)

    weight = None
    if car_class.min_weight_kg or car_class.min_weight_lb:
        parts = [f"{car_class.min_weight_kg:,} kg" if car_class.min_weight_kg else "",
                 f"{car_class.min_weight_lb:,} lb" if car_class.min_weight_lb else ""]
        weight = " / ".join(p for p in parts if p)
    power = f"{car_class.power_hp[0]}-{car_class.power_hp[1]} hp" if car_class.power_hp else None
    lines = [
        Content.assemble(class_tag(car_class.id), " ", literal(car_class.name, "bold")),
        fact("Engine", literal(car_class.engine) if car_class.engine else None),
        fact("Power", power),
        fact("Minimum weight", weight),
        fact("Top speed", literal(car_class.top_speed) if car_class.top_speed else None),
        fact("Typical cars", literal(", ".join(car_class.typical_cars)) if car_class.typical_cars else None),
    ]
    for note in car_class.notes:
        lines.append(Content.assemble("  ", note_line(cited, note)))
    if car_class.sources:
        lines.append(Content.assemble(("  sources", "dim"), refs(cited, car_class.sources)))
    return Content("\n").join(lines)


class ClassesScreen(LeanScreen, Screen):
    SUB_TITLE = "classes"
    BINDINGS = [
        Binding("escape,c", "app.pop_screen", "Back", id="classes.back"),
        Binding("j", "scroll_down", "Down", show=False, id="classes.down"),
        Binding("k", "scroll_up", "Up", show=False, id="classes.up"),
    ]

    def __init__(self, dataset: Dataset) -> None:
        super().__init__()
        self.dataset = dataset

    def compose(self) -> ComposeResult:
        yield TitleBar()
        yield LiveBar()
        with VerticalScroll(id="classes"):
            yield Static(
                render_classes(self.dataset), id="classes-body"
            )
        yield KeyFooter()

    def on_mount(self) -> None:
        self.query_one("#classes").focus()

    def action_scroll_down(self) -> None:
        self.query_one("#classes").scroll_down()

    def action_scroll_up(self) -> None:
        self.query_one("#classes").scroll_up()

    def apply_dataset(self, dataset: Dataset) -> None:
        """A reload: the class rules may have changed."""
        self.dataset = dataset
        self.query_one("#classes-body", Static).update(
            render_classes(dataset)
        )
