"""Find any driver, team, car, car number or round and jump there (``/`` or the palette).

Every appearance is a hit of its own, with its round and car ("R6 #23 GT"), so
a driver's or a team's whole season can be walked from the search. Teams and
car numbers also have a page (``team page``, ``car page``). A query like ``#3``
finds that car number exactly, not every number with a 3 in it.

Hits are built as Content from the literal name with the matched letters styled:
the stock ``Matcher.highlight`` parses its candidate as markup, and names from
data must never be markup.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from functools import partial

from textual import on
from textual.await_complete import AwaitComplete
from textual.command import CommandPalette, Hit, Hits, Provider
from textual.content import Content
from textual.fuzzy import FuzzySearch
from textual.message import Message
from textual.widgets import Button, Input, OptionList

from tui.core.classification import Row, classify
from tui.core.memo import per_dataset
from tui.core.models import Dataset

from .text import printable


@dataclass(frozen=True, slots=True)
class Target:
    """Something to jump to: a round and, optionally, a car and a driver in it."""

    kind: str  #: driver, team, car, round
    label: str
    round_number: int
    car_key: str | None = None
    driver_id: str | None = None
    #: Where in the season: "R6 #23 GT" (shown, not matched: every appearance scores alike).
    detail: str = ""
    #: An app action that opens a page instead of jumping: ``open_team('corvette')``.
    page: str | None = None


#: A query that names a car number: ``#3`` (also ``# 3``).
CAR_NUMBER = re.compile(r"^\s*#\s*(\d{1,3})\s*$")


def _where(row: Row, round_number: int) -> str:
    number = f"#{row.result.number}" if row.result.number is not None else "#?"
    return f"R{round_number} {number} {row.result.car_class}"


def targets(dataset: Dataset) -> list[Target]:
    """Every searchable thing at each of its appearances, in season order; then the pages."""
    return per_dataset(dataset, ("search_targets",), lambda: _targets(dataset))


def _targets(dataset: Dataset) -> list[Target]:
    found: list[Target] = []
    pages: dict[tuple[str, str], Target] = {}
    for round_ in sorted(dataset.rounds, key=lambda r: r.number):
        found.append(Target("round", f"R{round_.number} {round_.name} · {round_.circuit}", round_.number))
        for row in classify(round_):
            result = row.result
            where = _where(row, round_.number)
            for driver_id in result.drivers:
                found.append(Target("driver", dataset.driver_name(driver_id), round_.number, row.key,
                                    driver_id, detail=where))
            if result.team and (team := dataset.team(result.team)):
                found.append(Target("team", team.name, round_.number, row.key, detail=where))
                pages.setdefault(("team", team.id), Target(
                    "team", team.name, round_.number, detail="team page: cars, crews, results",
                    page=f"open_team({team.id!r})"))
            if result.car_label:
                found.append(Target("car", result.car_label, round_.number, row.key, detail=where))
            if result.number is not None:
                team_name = ""
                if result.team and (team := dataset.team(result.team)):
                    team_name = f" {team.name}"
                found.append(Target("number", f"#{result.number}", round_.number, row.key,
                                    detail=f"R{round_.number} {result.car_class}{team_name}"))
                pages.setdefault(("number", str(result.number)), Target(
                    "number", f"#{result.number}", round_.number,
                    detail="car page: every crew and team that raced it",
                    page=f"open_car({result.number})"))
    return found + list(pages.values())


def highlighted(label: str, offsets: list[int]) -> Content:
    content = Content(printable(label))
    for offset in offsets:
        if offset < len(content.plain) and not content.plain[offset].isspace():
            content = content.stylize("bold reverse", offset, offset + 1)
    return content


class SeasonSearch(Provider):
    """Drivers, teams, cars and rounds of the open season."""

    async def search(self, query: str) -> Hits:
        app = self.app
        main = getattr(app, "main_screen", None)
        if main is None:
            return
        fuzzy = FuzzySearch()
        number = CAR_NUMBER.match(query)
        for target in targets(main.dataset):
            label = printable(target.label)
            if number:  # "#3" means car 3, not every label with a 3 after a #
                exact = target.kind == "number" and label == f"#{int(number.group(1))}"
                score = 1.0 if exact else 0
                offsets: Sequence[int] = range(len(label)) if exact else ()
            else:
                score, offsets = fuzzy.match(query, label)
            if score > 0:
                detail = printable(target.detail)
                yield Hit(
                    score,
                    Content.assemble(
                        (f"{target.kind:<7}", "dim"), highlighted(label, list(offsets)),
                        (f"  {detail}", "dim") if detail else "",
                    ),
                    self._command(main, target),
                    text=f"{target.kind} {label} {detail}".rstrip(),
                )

    def _command(self, main: object, target: Target) -> Callable[[], object]:
        # Through the app: it remembers where the reader was, for backspace.
        app = self.app
        if target.page is not None:
            return partial(app.open_page, target.page)  # type: ignore[attr-defined]
        return partial(app.show_on_dashboard, target.round_number, target.car_key, target.driver_id)  # type: ignore[attr-defined]


class SeasonPalette(CommandPalette):
    """The command palette, guarded against bursts of keys.

    Textual 8.2.8 raises KeyError in ``OptionList._move_page`` when page up/down
    reach a command list that has options but no lines yet (ctrl+p and page
    down in one burst of input). Until the list is laid out, a page key does nothing.

    Textual 8.2.8 also lets a closed palette close the screen under it
    (upstream bug to report): ``Screen.dismiss()`` pops whatever screen is on
    top, not the screen it is called on. Two Enters in one burst (key repeat, a
    slow link) both reach the palette; the first closes it, the second
    "closes" it again and pops the dashboard, leaving a blank screen (or, with
    three, ``ScreenStackError``). Once the palette is no longer the active
    screen, its selections are stale and its dismissals are ignored.
    """

    @on(Input.Submitted)
    @on(Button.Pressed)
    @on(OptionList.OptionSelected)
    def _ignore_stale_selection(self, event: Message) -> None:
        # Runs before CommandPalette's own handlers (subclass first in the MRO);
        # prevent_default stops them for this message.
        if not self.is_active:
            event.stop()
            event.prevent_default()

    def dismiss(self, result: object | None = None) -> AwaitComplete:
        if not self.is_active:
            return AwaitComplete.nothing()
        return super().dismiss(result)  # type: ignore[arg-type]  # the palette's result type is None

    def _action_command_list(self, action: str) -> None:
        if action in ("page_up", "page_down"):
            from textual.command import CommandList

            command_list = self.query_one(CommandList)
            if (command_list.highlighted or 0) not in command_list._index_to_line:
                return
        super()._action_command_list(action)
