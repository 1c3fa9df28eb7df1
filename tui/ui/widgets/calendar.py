"""The season calendar: one entry per round; the highlighted one drives the screen."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from textual.binding import Binding
from textual.content import Content
from textual.message import Message
from textual.widgets import OptionList
from textual.widgets.option_list import Option

from tui.core.as_of import hidden_label, is_hidden
from tui.core.models import Dataset, Round

from ..names import crew, local_date
from ..text import literal

COVERAGE_MARK = {"full": ("●", "full"), "partial": ("◐", "partial"), "winners": ("○", "winners only")}


def coverage_badge(round_: Round) -> Content:
    mark, word = COVERAGE_MARK[round_.coverage.level]
    return Content(f"{mark} {word}")


#: Cells a compact entry may take: the compact pane's 22 columns (app.tcss) less its
#: border and a scrollbar, which a short terminal needs.
COMPACT_WIDTH = 18


def compact_prompt(round_: Round, as_of: int | None = None) -> Content:
    """Two lines for the calendar beside the classification: round, coverage and
    date, then the circuit (cut to fit). The round view (``i``) has the rest.
    A round after ``as_of`` shows ``◌`` (result hidden) for its coverage."""
    hidden = as_of is not None and is_hidden(round_.number, as_of)
    mark = "◌" if hidden else COVERAGE_MARK[round_.coverage.level][0]
    return Content.assemble(
        (f"R{round_.number} ", "bold"),
        f"{mark} ",
        (local_date(round_, with_year=False), "dim"),
        "\n",
        literal(round_.circuit).truncate(COMPACT_WIDTH, ellipsis=True),
    )


def round_prompt(dataset: Dataset, round_: Round, as_of: int | None = None) -> Content:
    """Four short lines that fit a narrow pane: when, what, where, who won.

    A round after ``as_of`` says its result is hidden instead of who won.
    """
    winner = round_.winner
    winner_text = (
        Content.assemble(
            f"#{winner.number} " if winner.number is not None else "",
            literal(crew(dataset, winner.drivers)),
        )
        if winner
        else Content("winner not in the data").stylize("italic")
    )
    return Content.assemble(
        (f"R{round_.number} ", "bold"),
        (local_date(round_, with_year=False), "dim"),
        " · ",
        round_.format.label,
        "\n",
        literal(round_.name, "bold"),
        "\n",
        literal(round_.circuit),
        "\n",
        *(
            (Content(f"◌ result {hidden_label(as_of)}").stylize("italic"),)
            if as_of is not None and is_hidden(round_.number, as_of)
            else (coverage_badge(round_), " · ", winner_text)
        ),
    )


class SeasonCalendar(OptionList):
    """The nine rounds; moving the highlight selects a round."""

    BINDINGS = [
        Binding("j", "cursor_down", "Down", show=False, id="calendar.down"),
        Binding("k", "cursor_up", "Up", show=False, id="calendar.up"),
        Binding("enter", "select", "Open round", id="calendar.open"),
    ]

    def __init__(self, *, brief: bool = False, id: str | None = None) -> None:
        self._brief = brief  # before OptionList's __init__, which may draw
        super().__init__(id=id)

    @property
    def brief(self) -> bool:
        """Two lines a round (beside the classification) or four (the calendar tab)."""
        return self._brief

    @brief.setter
    def brief(self, brief: bool) -> None:
        if brief != self._brief:  # set on every resize: redraw only on a change
            self._brief = brief
            dataset = getattr(self, "_dataset", None)
            if dataset is not None:  # the same rounds: prompts are replaced in place
                highlighted = self.highlighted
                self.show(dataset, self._numbers[highlighted] if highlighted is not None else None)

    def _prompt(self, dataset: Dataset, round_: Round) -> Content:
        as_of = getattr(self, "_as_of", None)
        if self._brief:
            return compact_prompt(round_, as_of)
        return round_prompt(dataset, round_, as_of)

    @dataclass(eq=False, repr=False)  # __init__ only: see SeasonApp.Loaded
    class RoundChosen(Message):
        """The highlighted round changed (``opened`` when enter was pressed)."""

        calendar: SeasonCalendar
        number: int
        opened: bool = False

        @property
        def control(self) -> SeasonCalendar:
            return self.calendar

    def show(
        self,
        dataset: Dataset,
        selected: int | None,
        rounds: Sequence[Round] | None = None,
        as_of: int | None = None,
    ) -> None:
        """Fill with the dataset's rounds (or ``rounds``), keeping ``selected`` highlighted.

        When the rounds are the same ones (a reload), prompts are replaced in
        place so the scroll position stays where the user left it. Rounds after
        ``as_of`` say their result is hidden.
        """
        shown = list(dataset.rounds if rounds is None else rounds)
        numbers = [r.number for r in shown]
        self._dataset = dataset
        self._as_of = as_of
        with self.prevent(OptionList.OptionHighlighted):
            if numbers == getattr(self, "_numbers", None):
                for round_ in shown:
                    self.replace_option_prompt(f"round-{round_.number}", self._prompt(dataset, round_))
            else:
                self._numbers = numbers
                self.set_options(
                    Option(self._prompt(dataset, r), id=f"round-{r.number}") for r in shown
                )
            if selected in self._numbers:
                self.highlighted = self._numbers.index(selected)

    def select_round(self, number: int) -> None:
        """Highlight a round chosen elsewhere, without announcing it back.

        Announcing it would echo: with keys pressed quickly, a stale echo could
        move the screen back to an earlier round.
        """
        if number in getattr(self, "_numbers", []):
            with self.prevent(OptionList.OptionHighlighted):
                self.highlighted = self._numbers.index(number)

    def _on_option_list_option_highlighted(self, event: OptionList.OptionHighlighted) -> None:
        event.stop()
        self.post_message(self.RoundChosen(self, self._numbers[event.option_index]))

    def _on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        self.post_message(self.RoundChosen(self, self._numbers[event.option_index], opened=True))
