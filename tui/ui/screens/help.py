"""Every key, grouped by where it works, built from the bindings themselves."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Static

from ..widgets.calendar import SeasonCalendar
from ..widgets.classification import ClassificationTable
from ..widgets.driver_detail import DriverDetail
from .lean import LeanScreen
from .main import MainScreen

EXTRA = [
    ("Anywhere", "ctrl+p", "Command palette: every key as a command, themes, search"),
    ("Views", "esc", "Back to the dashboard (standings, round info, classes)"),
    ("Views", "1-4", "Standings: show class 1-4"),
    ("Views", "a / enter", "As of round: stand at the highlighted round (later results hidden)"),
    ("Views", "enter", "Standings: open the driver or team page"),
    ("Views", "enter", "Team / car page: show that round and car on the dashboard"),
    ("Views", "t / m", "Progression: drivers or teams / points or places"),
    ("Views", "space / v", "Compare: mark a driver or crew / compare the marked ones"),
    ("Views", "*", "Standings, progression, pages: star the row, team or driver (★)"),
    ("Calendar", "up / down", "Move between rounds"),
    ("Classification", "up / down", "Move between cars"),
    ("Driver", "up / down", "Scroll"),
]


def _key_label(binding: Binding) -> str:
    names = {"left_square_bracket": "[", "right_square_bracket": "]", "slash": "/",
             "question_mark": "?"}
    return " / ".join(names.get(k.strip(), k.strip()) for k in binding.key.split(","))


def help_rows() -> list[tuple[str, str, str]]:
    from ..app import SeasonApp

    groups = [
        ("Anywhere", SeasonApp.BINDINGS),
        ("Dashboard", MainScreen.BINDINGS),
        ("Calendar", SeasonCalendar.BINDINGS),
        ("Classification", ClassificationTable.BINDINGS),
        ("Driver", DriverDetail.BINDINGS),
    ]
    rows = [
        (group, _key_label(b), b.description)
        for group, bindings in groups
        for b in bindings
        if isinstance(b, Binding)
    ]
    order = ["Anywhere", "Dashboard", "Calendar", "Classification", "Driver", "Views"]
    return sorted(rows + EXTRA, key=lambda row: order.index(row[0]))


class HelpScreen(LeanScreen, ModalScreen):
    BINDINGS = [Binding("escape,q,question_mark,f1", "dismiss", "Close", id="help.close")]

    def compose(self) -> ComposeResult:
        lines = [Content("Keys").stylize("bold underline")]
        group = None
        for where, key, description in help_rows():
            if where != group:
                lines.append(Content(""))
                lines.append(Content(where).stylize("bold"))
                group = where
            lines.append(Content.assemble((f"  {key:<16}", "bold"), description))
        lines.append(Content(""))
        lines.append(
            Content("Class tags: LMP1, LMP2, GTS, GT (coloured too). Dim ? = not in the sources.")
        )
        lines.append(Content("Coverage: ● full  ◐ partial  ○ winners only.   esc closes."))
        lines.append(
            Content("Notes: • fact  ⚠ sources disagree  ? not in the sources.  [2] = source 2 in")
        )
        lines.append(Content("the view's Sources list (title, publisher, date, address)."))
        lines.append(
            Content("3≈ (dim italic): an uncertain place, inferred or unclearly worded; the row's")
        )
        lines.append(Content("note in the round details (i) says why."))
        with VerticalScroll(id="help-body"):
            yield Static(Content("\n").join(lines))
