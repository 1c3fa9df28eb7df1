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

    @dataclass
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
        with self.prevent(OptionList.OptionHighlighted):
            if numbers == getattr(self, "_numbers", None):
                for round_ in shown:
                    self.replace_option_prompt(
                        f"round-{round_.number}", round_prompt(dataset, round_, as_of)
                    )
            else:
                self._numbers = numbers
                self.set_options(
                    Option(round_prompt(dataset, r, as_of), id=f"round-{r.number}") for r in shown
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
