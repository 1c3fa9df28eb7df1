"""Choose the round to stand at: the season as it stood after it, later results hidden."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import OptionList, Static
from textual.widgets.option_list import Option

from tui.core.models import Dataset

from ..names import local_date
from ..text import literal
from .lean import LeanScreen

#: The option that means "no round hidden" (dismissed as 0).
FULL_SEASON = 0


def as_of_options(dataset: Dataset) -> list[Option]:
    """One option per round, then the full season."""
    options = [
        Option(
            Content.assemble(
                (f"after R{r.number:<2} ", "bold"),
                literal(r.name),
                (f"  {local_date(r, with_year=False)}", "dim"),
            ),
            id=f"as-of-{r.number}",
        )
        for r in sorted(dataset.rounds, key=lambda r: r.number)
    ]
    options.append(Option(Content("Full season: no result hidden").stylize("bold"), id="as-of-full"))
    return options


class AsOfScreen(LeanScreen, ModalScreen[int]):
    """A list of rounds; enter (or a click) stands at the round, esc leaves it as it was.

    Dismisses with the round number, or :data:`FULL_SEASON` for the whole season.
    """

    BINDINGS = [
        Binding("escape,a", "app.pop_screen", "Close", id="as-of.close"),
        Binding("j", "cursor_down", "Down", show=False, id="as-of.down"),
        Binding("k", "cursor_up", "Up", show=False, id="as-of.up"),
    ]

    def __init__(self, dataset: Dataset, as_of: int | None) -> None:
        super().__init__()
        self.dataset = dataset
        self.as_of = as_of

    def compose(self) -> ComposeResult:
        with Vertical(id="as-of-body"):
            yield Static(
                Content.assemble(
                    ("The season as it stood after round…", "bold"),
                    "\nStandings, driver seasons and points count the rounds up to it; "
                    "later rounds show their date and circuit only.",
                ),
                id="as-of-heading",
            )
            yield OptionList(*as_of_options(self.dataset), id="as-of-list")

    def on_mount(self) -> None:
        options = self.query_one("#as-of-list", OptionList)
        chosen = f"as-of-{self.as_of}" if self.as_of is not None else "as-of-full"
        options.highlighted = options.get_option_index(chosen)
        options.focus()

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        if self.app.screen is not self:
            # Closed already (esc or a queued behind enter): dismissing now
            # would pop the screen below, the dashboard.
            return
        option_id = event.option.id or ""
        number = option_id.removeprefix("as-of-")
        self.dismiss(int(number) if number.isdigit() else FULL_SEASON)

    def action_cursor_down(self) -> None:
        self.query_one("#as-of-list", OptionList).action_cursor_down()

    def action_cursor_up(self) -> None:
        self.query_one("#as-of-list", OptionList).action_cursor_up()
